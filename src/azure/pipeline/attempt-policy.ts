// The last policy before the wire, run once per attempt: keeps the request on the configured
// endpoint and read-only, waits for its turn at the request gate, then logs and counts it.

import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import type { Logger } from 'pino';
import { ReadOnlyViolationError, pathOf } from '../errors.js';
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
}

export function attemptPolicy(options: AttemptPolicyOptions): PipelinePolicy {
  const origin = new URL(options.endpoint).origin;
  const { stats, log, gate } = options;
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
      request.timeout = request.timeout > 0 ? request.timeout : options.requestTimeoutMs;
      const path = pathOf(request.url);
      await gate.waitForTurn(kind, path);
      let started = performance.now();
      const send = (): Promise<PipelineResponse> => {
        started = performance.now();
        return next(request);
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
        gate.release(kind, response?.headers);
        if (response) {
          const ms = Math.round(performance.now() - started);
          log.debug({ method: request.method, path, kind, status: response.status, ms }, 'request');
        }
      }
    },
  };
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
