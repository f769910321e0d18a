// The last policy before the wire, run once per attempt: keeps the request on the configured
// endpoint and read-only, waits for its turn at the request gate, then logs and counts it. Each
// attempt has one time limit from sending to the last byte of the body: the HTTP client's own
// timeout ends at the headers, so a server that stalls or drips its body would hold the run forever.

import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import type { Logger } from 'pino';
import { ReadOnlyViolationError, pathOf } from '../errors.js';
import { seconds } from './deadline.js';
import type { CollectDeadline } from './deadline.js';
import type { RequestGate } from './throttle/request-gate.js';
import { errorCode } from './failures.js';
import { requestKind } from './request-kind.js';
import type { CollectStats } from './stats.js';

export interface AttemptPolicyOptions {
  endpoint: string;
  requestTimeoutMs: number;
  stats: CollectStats;
  log: Logger;
  gate: RequestGate;
  deadline: CollectDeadline;
}

/** An attempt that ran past its time limit: a retryable failure, like a transport timeout. */
class AttemptTimeoutError extends Error {
  override readonly name = 'AbortError';
}

export function attemptPolicy(options: AttemptPolicyOptions): PipelinePolicy {
  const origin = new URL(options.endpoint).origin;
  const { stats, log, gate, deadline } = options;
  return {
    name: 'plauditAttemptPolicy',
    async sendRequest(request, next) {
      pinToEndpoint(request, origin);
      const kind = requestKind(request.method, request.url);
      if (request.method !== 'GET' && kind !== 'graph') {
        throw new ReadOnlyViolationError(
          `plaudit only reads from Azure; it refused to send ${request.method} ${pathOf(request.url)}.`,
        );
      }
      deadline.check(request);
      // Our own limit below covers the body too; the client's would stop at the headers.
      request.timeout = 0;
      const path = pathOf(request.url);
      const turn = await gate.waitForTurn(kind, request, path);
      // When a Resource Graph answer began to arrive: its quota headers were written before then, so
      // the reset they announce counts from there, not from the end of a long body.
      let answeredAt: number | undefined;
      const onDownloadProgress = request.onDownloadProgress;
      if (kind === 'graph') {
        request.onDownloadProgress = (progress) => {
          answeredAt ??= Date.now();
          onDownloadProgress?.(progress);
        };
      }
      let started = performance.now();
      const send = (): Promise<PipelineResponse> => {
        started = performance.now();
        return withinLimit(request, next, options.requestTimeoutMs, deadline);
      };
      let response: PipelineResponse | undefined;
      try {
        response = await gate.send(kind, send);
        return response;
      } catch (error) {
        const ms = Math.round(performance.now() - started);
        log.debug({ method: request.method, path, kind, error: errorCode(error), ms }, 'request failed');
        throw error;
      } finally {
        stats.requests[kind] += 1;
        request.onDownloadProgress = onDownloadProgress;
        gate.release(kind, response?.headers, turn, answeredAt);
        if (response) {
          const ms = Math.round(performance.now() - started);
          log.debug({ method: request.method, path, kind, status: response.status, ms }, 'request');
        }
      }
    },
  };
}

/**
 * Sends one attempt and reads its whole body within `limitMs`, else aborts it: an AbortError (retried
 * like a timeout), or the deadline's failure when the whole run's time limit is what ran out.
 */
async function withinLimit(
  request: PipelineRequest,
  next: (request: PipelineRequest) => Promise<PipelineResponse>,
  limitMs: number,
  deadline: CollectDeadline,
): Promise<PipelineResponse> {
  deadline.check(request);
  const outer = request.abortSignal;
  const controller = new AbortController();
  let failure: Error | undefined;
  let fail: (error: Error) => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => {
    fail = reject;
  });
  const abort = (error: Error): void => {
    if (!failure) {
      failure = error;
      controller.abort();
      fail(error);
    }
  };
  const onOuterAbort = (): void => abort(new AttemptTimeoutError('the request was cancelled'));
  const onDeadline = (): void => abort(deadline.error(request));
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const stopDeadline = deadline.onExpire(onDeadline);
  const timer = setTimeout(
    () => abort(new AttemptTimeoutError(`no complete response within ${seconds(limitMs)} s`)),
    limitMs,
  );
  request.abortSignal = controller.signal;
  try {
    // The race settles as soon as the limit passes, whatever the client does with the broken stream.
    return await Promise.race([next(request), stopped]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
    stopDeadline();
    request.abortSignal = outer;
  }
}

/**
 * ARM may hand back nextLinks on another host (a proxy's upstream, or a crafted body): every request
 * goes to the configured endpoint, so the bearer token never leaves it.
 */
function pinToEndpoint(request: PipelineRequest, origin: string): void {
  const url = new URL(request.url);
  if (url.origin !== origin) {
    request.url = origin + url.pathname + url.search;
  }
}
