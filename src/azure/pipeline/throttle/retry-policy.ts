// Retries, once per request around its attempts: 408/429/5xx answers, connection resets, timeouts
// and malformed bodies. Retry-After is honoured; without it the delay backs off exponentially.

import { RestError } from '@azure/core-rest-pipeline';
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import type { Logger } from 'pino';
import { AzureAuthError } from '../../credentials.js';
import { AzureRequestError, ReadOnlyViolationError, pathOf } from '../../errors.js';
import { MALFORMED, bodyOf } from '../bodies.js';
import type { CollectDeadline } from '../deadline.js';
import { asRequestError, errorCode } from '../failures.js';
import { requestKind } from '../request-kind.js';
import type { CollectStats } from '../stats.js';
import { retryAfterMs } from './retry-after.js';
import { sleep } from './waits.js';
import type { ThrottleWaits } from './waits.js';

export interface RetryTuning {
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** First backoff delay; doubles per retry, with jitter (default 1000 ms). */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** A Retry-After longer than this fails the request instead of stalling the run (default 5 min). */
  maxThrottleWaitMs?: number;
  /** Per-attempt time limit, from sending the request to the last byte of the body (default 120 s). */
  requestTimeoutMs?: number;
}

export function withRetryDefaults(tuning: RetryTuning | undefined): Required<RetryTuning> {
  return {
    maxRetries: 4,
    retryDelayMs: 1000,
    maxRetryDelayMs: 30_000,
    maxThrottleWaitMs: 5 * 60_000,
    requestTimeoutMs: 120_000,
    ...tuning,
  };
}

const CERTIFICATE_ERROR = /CERT_|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_/;

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  RestError.REQUEST_SEND_ERROR,
  // The body stream broke off mid-read.
  RestError.PARSE_ERROR,
]);
const RETRIABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

export interface RetryPolicyOptions {
  retry: Required<RetryTuning>;
  stats: CollectStats;
  log: Logger;
  throttleWaits: ThrottleWaits;
  deadline: CollectDeadline;
}

export function retryPolicy(options: RetryPolicyOptions): PipelinePolicy {
  const { retry, stats, log, throttleWaits, deadline } = options;
  const pause = (ms: number, request: PipelineRequest): Promise<void> =>
    deadline.race(sleep(ms, deadline.signal), request);
  return {
    name: 'plauditRetryPolicy',
    async sendRequest(request, next) {
      const graph = requestKind(request.method, request.url) === 'graph';
      for (let attempt = 0; ; attempt += 1) {
        if (attempt > 0) {
          stats.retries += 1;
        }
        let response: PipelineResponse;
        try {
          response = await next(request);
        } catch (error) {
          deadline.check(request);
          if (!isTransient(error) || attempt >= retry.maxRetries) {
            throw asRequestError(error, request);
          }
          // Most resets hit a pooled keep-alive socket the server had closed: retry that at once.
          const delay = attempt === 0 ? 0 : backoff(retry, attempt - 1);
          log.debug(
            { method: request.method, path: pathOf(request.url), error: errorCode(error), delayMs: delay },
            'retrying after a transport error',
          );
          await pause(delay, request);
          continue;
        }
        const delay = delayBeforeRetry(response, request, attempt, retry);
        if (delay === undefined) {
          return response;
        }
        log.debug(
          { method: request.method, path: pathOf(request.url), status: response.status, delayMs: delay },
          isSuccess(response) ? 'retrying after a malformed response body' : 'retrying',
        );
        if (response.status === 429 || response.status === 503) {
          const reason = graph ? 'Resource Graph throttled the query (429)' : `ARM answered ${response.status}`;
          await throttleWaits.wait(reason, delay, () => pause(delay, request));
        } else {
          await pause(delay, request);
        }
      }
    },
  };
}

/** How long to wait before repeating the request that got `response`, or undefined to hand it on as it is. */
function delayBeforeRetry(
  response: PipelineResponse,
  request: PipelineRequest,
  attempt: number,
  retry: Required<RetryTuning>,
): number | undefined {
  const ok = isSuccess(response);
  if (ok && bodyOf(response, request, false) !== MALFORMED) {
    return undefined;
  }
  if ((!ok && !RETRIABLE_STATUS.has(response.status)) || attempt >= retry.maxRetries) {
    return undefined;
  }
  // Without Retry-After, back off; a Graph query then also waits in the quota gate until the
  // window the 429 announced has reset.
  const delay = retryAfterMs(response.headers) ?? backoff(retry, attempt);
  return delay > retry.maxThrottleWaitMs ? undefined : delay;
}

function isSuccess(response: PipelineResponse): boolean {
  return response.status >= 200 && response.status <= 299;
}

function isTransient(error: unknown): boolean {
  if (
    error instanceof AzureAuthError ||
    error instanceof ReadOnlyViolationError ||
    error instanceof AzureRequestError
  ) {
    return false;
  }
  if (error instanceof RestError) {
    // A certificate the client does not trust is not trusted on the next attempt either.
    if (CERTIFICATE_ERROR.test(error.message)) return false;
    return error.statusCode === undefined && (error.code === undefined || TRANSIENT_CODES.has(error.code));
  }
  // Our per-attempt timeout aborts the request.
  return error instanceof Error && error.name === 'AbortError';
}

function backoff(retry: Required<RetryTuning>, attempt: number): number {
  const exponential = Math.min(retry.maxRetryDelayMs, retry.retryDelayMs * 2 ** attempt);
  return Math.round(exponential * (0.5 + Math.random() * 0.5));
}
