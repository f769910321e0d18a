// One HTTP pipeline carries every request plaudit sends: the SDK clients share it (ClientOptions.pipeline)
// and so do the generic GETs. That gives one place for the read-only guard, retries and throttling,
// the Resource Graph quota, ARM's read budget, raw-body capture, logging and request statistics.

import { AsyncLocalStorage } from 'node:async_hooks';
import {
  RestError,
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createPipelineFromOptions,
  createPipelineRequest,
} from '@azure/core-rest-pipeline';
import type {
  HttpClient,
  HttpHeaders,
  Pipeline,
  PipelinePolicy,
  PipelineRequest,
  PipelineResponse,
} from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import pLimit from 'p-limit';
import type { LimitFunction } from 'p-limit';
import type { Logger } from 'pino';
import type { CloudName, RawResource } from '../snapshot/types.js';
import { AzureAuthError, signInFailed, tokenRejected } from './credentials.js';
import { AzureRequestError, ReadOnlyViolationError, azureErrorOf, pathOf } from './errors.js';

export const GRAPH_QUERY_PATH = '/providers/microsoft.resourcegraph/resources';

export type RequestKind = 'graph' | 'subscriptions' | 'zoneGroups' | 'list' | 'get';

export interface CollectStats {
  /** HTTP requests sent (every attempt), by kind. */
  requests: Record<RequestKind, number>;
  /** Attempts that repeated an earlier one (throttling, 5xx, resets, malformed bodies). */
  retries: number;
  /** Responses that were 429 or 503, plus holds for an exhausted Resource Graph quota. */
  throttled: number;
  /** Wall time during which at least one request waited for Azure's throttling (quota, Retry-After). */
  throttleWaitMs: number;
  /** Wall time during which at least one request waited for plaudit's own ARM read budget. */
  budgetWaitMs: number;
  /** Successful response pages: Resource Graph queries and ARM lists. */
  pages: { graph: number; arm: number };
  resources: number;
  durationMs: number;
}

export interface RetryTuning {
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** First backoff delay; doubles per retry, with jitter (default 1000 ms). */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** A Retry-After longer than this fails the request instead of stalling the run (default 5 min). */
  maxThrottleWaitMs?: number;
  /** Per-attempt timeout (default 120 s). */
  requestTimeoutMs?: number;
}

/** ARM's documented read budget per subscription and principal: a token bucket (250, refilled 25/s). */
export interface ReadBudget {
  burst: number;
  perSecond: number;
}

export interface TransportOptions {
  credential: TokenCredential;
  cloud: CloudName;
  endpoint: string;
  scope: string;
  tlsCa?: string | Buffer | undefined;
  retry?: RetryTuning | undefined;
  /** ARM requests in flight at once. */
  concurrency: number;
  readBudget: ReadBudget | false;
  logger: Logger;
  onThrottle?: ((reason: string, waitMs: number) => void) | undefined;
  onPage?: ((kind: RequestKind) => void) | undefined;
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
// Resource Graph's documented default: 15 queries per 5-second window per user.
const DEFAULT_GRAPH_QUOTA = 15;
const DEFAULT_GRAPH_WINDOW_MS = 5000;

const captureStore = new AsyncLocalStorage<RawResource[]>();
const graphPriority = new AsyncLocalStorage<number>();
const parsedBodies = new WeakMap<PipelineResponse, unknown>();

export class Transport {
  readonly stats: CollectStats;
  readonly pipeline: Pipeline;
  readonly httpClient: HttpClient;
  readonly endpoint: string;
  readonly scope: string;
  private readonly credential: TokenCredential;
  private readonly cloud: CloudName;

  constructor(options: TransportOptions) {
    this.endpoint = options.endpoint;
    this.scope = options.scope;
    this.credential = options.credential;
    this.cloud = options.cloud;
    this.stats = {
      requests: { graph: 0, subscriptions: 0, zoneGroups: 0, list: 0, get: 0 },
      retries: 0,
      throttled: 0,
      throttleWaitMs: 0,
      budgetWaitMs: 0,
      pages: { graph: 0, arm: 0 },
      resources: 0,
      durationMs: 0,
    };
    const retry: Required<RetryTuning> = {
      maxRetries: 4,
      retryDelayMs: 1000,
      maxRetryDelayMs: 30_000,
      maxThrottleWaitMs: 5 * 60_000,
      requestTimeoutMs: 120_000,
      ...options.retry,
    };
    const throttleClock = new WaitClock((ms) => (this.stats.throttleWaitMs += ms));
    const budgetClock = new WaitClock((ms) => (this.stats.budgetWaitMs += ms));
    const quota = new GraphQuota();
    const log = options.logger;

    this.httpClient = createDefaultHttpClient();
    this.pipeline = createPipelineFromOptions({
      ...(options.tlsCa !== undefined ? { tlsOptions: { ca: options.tlsCa } } : {}),
      userAgentOptions: { userAgentPrefix: 'plaudit' },
    });
    // Our retry policy replaces the SDK's, which does not retry a 429 without Retry-After; ARM does
    // not redirect reads, and a redirect must never carry the token to another host.
    this.pipeline.removePolicy({ name: 'defaultRetryPolicy' });
    this.pipeline.removePolicy({ name: 'redirectPolicy' });
    this.pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: options.credential, scopes: options.scope }));
    this.pipeline.addPolicy(
      responsePolicy({
        cloud: this.cloud,
        stats: this.stats,
        onPage: options.onPage,
      }),
      { phase: 'Serialize' },
    );
    this.pipeline.addPolicy(
      retryPolicy({ retry, stats: this.stats, log, throttleClock, onThrottle: options.onThrottle }),
      { phase: 'Retry' },
    );
    this.pipeline.addPolicy(
      attemptPolicy({
        endpoint: this.endpoint,
        retry,
        stats: this.stats,
        log,
        quota,
        throttleClock,
        budgetClock,
        limit: pLimit(options.concurrency),
        budget: options.readBudget ? new TokenBuckets(options.readBudget) : undefined,
        onThrottle: options.onThrottle,
      }),
      { afterPhase: 'Retry' },
    );
  }

  /** Options for an SDK client: our endpoint, pipeline and HTTP client, and the cloud's scope. */
  clientOptions(): {
    endpoint: string;
    pipeline: Pipeline;
    httpClient: HttpClient;
    credentials: { scopes: string[] };
  } {
    // The shared pipeline already signs with `scope`; the scopes are repeated so that a client built
    // without the shared pipeline would still ask for the right audience (Key Vault's default differs).
    return {
      endpoint: this.endpoint,
      pipeline: this.pipeline,
      httpClient: this.httpClient,
      credentials: { scopes: [this.scope] },
    };
  }

  /** Gets a token once up front, so a missing login fails before any work with a clear message. */
  async checkSignIn(): Promise<void> {
    try {
      const token = await this.credential.getToken(this.scope);
      if (!token) {
        throw signInFailed(this.cloud, undefined);
      }
    } catch (error) {
      throw error instanceof AzureAuthError ? error : signInFailed(this.cloud, error);
    }
  }

  /** GET a path (or an absolute nextLink) and return the parsed JSON body. */
  async getJson(pathOrUrl: string): Promise<unknown> {
    const url = /^https:\/\//i.test(pathOrUrl) ? pathOrUrl : this.endpoint + pathOrUrl;
    const request = createPipelineRequest({ url, method: 'GET' });
    request.headers.set('accept', 'application/json');
    const response = await this.pipeline.sendRequest(this.httpClient, request);
    return parsedBodies.get(response);
  }

  /**
   * Runs `read` (SDK calls) and puts into `sink` the resources of every response page it receives,
   * exactly as Azure sent them: the SDKs' models flatten `properties` and drop unknown fields.
   */
  async capture(sink: RawResource[], read: () => Promise<unknown>): Promise<void> {
    await captureStore.run(sink, read);
  }
}

/** Runs Resource Graph queries that should get the quota before others (lower goes first; default 1). */
export function withGraphPriority<T>(priority: number, run: () => Promise<T>): Promise<T> {
  return graphPriority.run(priority, run);
}

interface ResponsePolicyOptions {
  cloud: CloudName;
  stats: CollectStats;
  onPage: ((kind: RequestKind) => void) | undefined;
}

/** Outermost: turns failures into AzureRequestError with Azure's code and message, captures bodies. */
function responsePolicy(options: ResponsePolicyOptions): PipelinePolicy {
  return {
    name: 'plauditResponsePolicy',
    async sendRequest(request, next) {
      const sink = captureStore.getStore();
      let response: PipelineResponse;
      try {
        response = await next(request);
      } catch (error) {
        throw asRequestError(error, request);
      }
      const kind = requestKind(request.method, request.url);
      if (response.status < 200 || response.status > 299) {
        const { code, message } = azureErrorOf(parseJson(response.bodyAsText));
        const failure = new AzureRequestError({
          status: response.status,
          code: code ?? `Http${response.status}`,
          message: message ?? `HTTP ${response.status} with no Azure error message`,
          method: request.method,
          url: request.url,
        });
        // A token for another tenant only fails that tenant's subscriptions; any other 401 fails all.
        if (response.status === 401 && code !== 'InvalidAuthenticationTokenTenant') {
          throw tokenRejected(options.cloud, failure.reason);
        }
        throw failure;
      }
      const body = bodyOf(response, request);
      if (kind === 'graph') {
        options.stats.pages.graph += 1;
      } else if (isList(body)) {
        options.stats.pages.arm += 1;
      }
      options.onPage?.(kind);
      if (sink) {
        sink.push(...resourcesIn(body));
      }
      return response;
    },
  };
}

interface RetryPolicyOptions {
  retry: Required<RetryTuning>;
  stats: CollectStats;
  log: Logger;
  throttleClock: WaitClock;
  onThrottle: ((reason: string, waitMs: number) => void) | undefined;
}

/** Retries 408/429/5xx, resets and malformed bodies; honours Retry-After; backs off without it. */
function retryPolicy(options: RetryPolicyOptions): PipelinePolicy {
  const { retry, stats, log } = options;
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
          if (!isTransient(error) || attempt >= retry.maxRetries) {
            throw asRequestError(error, request);
          }
          // Most resets hit a pooled keep-alive socket the server had closed: retry that at once.
          const delay = attempt === 0 ? 0 : backoff(retry, attempt - 1);
          log.debug(
            { method: request.method, path: pathOf(request.url), error: errorCode(error), delayMs: delay },
            'retrying after a transport error',
          );
          await sleep(delay);
          continue;
        }
        const ok = response.status >= 200 && response.status <= 299;
        if (ok && bodyOf(response, request, false) !== MALFORMED) {
          return response;
        }
        if ((!ok && !RETRIABLE_STATUS.has(response.status)) || attempt >= retry.maxRetries) {
          return response;
        }
        const throttled = response.status === 429 || response.status === 503;
        // Without Retry-After, back off; a Graph query then also waits in the quota gate until the
        // window the 429 announced has reset.
        const delay = retryAfterMs(response.headers) ?? backoff(retry, attempt);
        if (delay > retry.maxThrottleWaitMs) {
          return response;
        }
        log.debug(
          { method: request.method, path: pathOf(request.url), status: response.status, delayMs: delay },
          ok ? 'retrying after a malformed response body' : 'retrying',
        );
        if (throttled) {
          stats.throttled += 1;
          options.onThrottle?.(
            graph ? 'Resource Graph throttled the query (429)' : `ARM answered ${response.status}`,
            delay,
          );
          await options.throttleClock.during(sleep(delay));
        } else {
          await sleep(delay);
        }
      }
    },
  };
}

interface AttemptPolicyOptions {
  endpoint: string;
  retry: Required<RetryTuning>;
  stats: CollectStats;
  log: Logger;
  quota: GraphQuota;
  throttleClock: WaitClock;
  budgetClock: WaitClock;
  limit: LimitFunction;
  budget: TokenBuckets | undefined;
  onThrottle: ((reason: string, waitMs: number) => void) | undefined;
}

/** The last gate before the wire, once per attempt: read-only guard, quota/budget, logging, counting. */
function attemptPolicy(options: AttemptPolicyOptions): PipelinePolicy {
  const origin = new URL(options.endpoint).origin;
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
      request.timeout = request.timeout > 0 ? request.timeout : options.retry.requestTimeoutMs;
      const path = pathOf(request.url);
      if (kind === 'graph') {
        const waitMs = options.quota.waitMs();
        const turn = options.quota.acquire(graphPriority.getStore() ?? 1);
        if (waitMs > 0) {
          options.stats.throttled += 1;
          options.onThrottle?.('Resource Graph quota used up; waiting for it to reset', waitMs);
          await options.throttleClock.during(turn);
        } else {
          await turn;
        }
      } else if (options.budget) {
        const wait = options.budget.take(budgetKey(path));
        if (wait) {
          await options.budgetClock.during(wait);
        }
      }
      let started = performance.now();
      const send = (): Promise<PipelineResponse> => {
        started = performance.now();
        return next(request);
      };
      let response: PipelineResponse | undefined;
      try {
        response = kind === 'graph' ? await send() : await options.limit(send);
        return response;
      } catch (error) {
        options.log.debug(
          { method: request.method, path, kind, error: errorCode(error), ms: Math.round(performance.now() - started) },
          'request failed',
        );
        throw error;
      } finally {
        options.stats.requests[kind] += 1;
        if (kind === 'graph') {
          options.quota.release(response?.headers);
        }
        if (response) {
          options.log.debug(
            {
              method: request.method,
              path,
              kind,
              status: response.status,
              ms: Math.round(performance.now() - started),
            },
            'request',
          );
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

export function requestKind(method: string, url: string): RequestKind {
  const path = pathOf(url).replace(/\/+$/, '');
  if (method === 'POST' && path.toLowerCase() === GRAPH_QUERY_PATH) {
    return 'graph';
  }
  if (/^\/subscriptions(\/[^/]+)?$/i.test(path)) {
    return 'subscriptions';
  }
  if (/\/privateDnsZoneGroups$/i.test(path)) {
    return 'zoneGroups';
  }
  const segments = path.split('/').filter(Boolean);
  const providers = segments.map((s) => s.toLowerCase()).lastIndexOf('providers');
  // After `providers`: namespace, then type/name pairs; an even count ends on a collection.
  return providers >= 0 && (segments.length - providers - 1) % 2 === 0 ? 'list' : 'get';
}

function budgetKey(path: string): string {
  return /^\/subscriptions\/([^/]+)/i.exec(path)?.[1]?.toLowerCase() ?? 'tenant';
}

const MALFORMED = Symbol('malformed');

/** The parsed JSON body of a 2xx response (cached), or MALFORMED; throws when `strict`. */
function bodyOf(response: PipelineResponse, request: PipelineRequest, strict = true): unknown {
  if (parsedBodies.has(response)) {
    return parsedBodies.get(response);
  }
  const text = response.bodyAsText ?? '';
  const parsed = text.trim() === '' ? null : parseJson(text, MALFORMED);
  if (parsed === MALFORMED) {
    if (strict) {
      throw new AzureRequestError({
        status: response.status,
        code: 'MalformedResponse',
        message: 'the response body is not valid JSON',
        method: request.method,
        url: request.url,
      });
    }
    return MALFORMED;
  }
  parsedBodies.set(response, parsed);
  return parsed;
}

function parseJson(text: string | null | undefined, fallback: unknown = undefined): unknown {
  if (text === undefined || text === null) {
    return fallback;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}

function isList(body: unknown): body is { value: unknown[] } {
  return typeof body === 'object' && body !== null && Array.isArray((body as { value?: unknown }).value);
}

/** The resources in an ARM body: a list page's `value`, or a single resource. */
function resourcesIn(body: unknown): RawResource[] {
  const items = isList(body) ? body.value : [body];
  return items.filter(isResourceLike).map(withIdentity);
}

function isResourceLike(item: unknown): item is Record<string, unknown> & { id: string } {
  return typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string';
}

/**
 * Some child resources come back without `type` (zone groups in the spec examples); a snapshot entry
 * needs id, type and name, so missing ones are derived from the id (in its own case).
 */
export function withIdentity(item: Record<string, unknown> & { id: string }): RawResource {
  if (typeof item.type === 'string' && typeof item.name === 'string') {
    return item as RawResource;
  }
  const segments = item.id.replace(/\/+$/, '').split('/');
  const providers = segments.map((s) => s.toLowerCase()).lastIndexOf('providers');
  const typeSegments = providers >= 0 ? segments.slice(providers + 2).filter((_, i) => i % 2 === 0) : [];
  const type = providers >= 0 ? [segments[providers + 1], ...typeSegments].join('/') : '';
  return {
    ...item,
    type: typeof item.type === 'string' ? item.type : type,
    name: typeof item.name === 'string' ? item.name : (segments[segments.length - 1] ?? ''),
  };
}

function asRequestError(error: unknown, request: PipelineRequest): Error {
  if (
    error instanceof AzureRequestError ||
    error instanceof AzureAuthError ||
    error instanceof ReadOnlyViolationError
  ) {
    return error;
  }
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return new AzureRequestError({ status: undefined, code, message, method: request.method, url: request.url });
}

function errorCode(error: unknown): string {
  if (error instanceof RestError && error.code) {
    return error.code;
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return 'Timeout';
  }
  return error instanceof Error ? error.name : 'Error';
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

/** Retry-After (seconds or an HTTP date), retry-after-ms and x-ms-retry-after-ms. */
export function retryAfterMs(headers: HttpHeaders): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = Number(headers.get(name));
    if (headers.has(name) && Number.isFinite(value) && value >= 0) {
      return value;
    }
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter === undefined) {
    return undefined;
  }
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds * 1000);
  }
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** `hh:mm:ss` (optionally with fractional seconds) in milliseconds. */
export function parseTimeSpan(value: string | undefined): number | undefined {
  const match = /^(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(value?.trim() ?? '');
  if (!match) {
    return undefined;
  }
  return (Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])) * 1000;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Resource Graph allows a user a number of queries per window and says how many are left in
 * `x-ms-user-quota-remaining` and when the window resets in `x-ms-user-quota-resets-after`.
 * Queries wait here rather than being sent into a 429; when several wait, the most urgent goes first.
 */
class GraphQuota {
  private remaining: number | undefined;
  private resetAt = 0;
  private inFlight = 0;
  private readonly queue: Array<{ priority: number; grant: () => void }> = [];
  private timer: NodeJS.Timeout | undefined;

  /** How long a query sent now would wait for the window to reset (0 when the quota is not used up). */
  waitMs(): number {
    this.expire();
    if (this.remaining === undefined || (this.queue.length === 0 && this.hasRoom())) {
      return 0;
    }
    return Math.max(0, this.resetAt - Date.now());
  }

  /** Lower `priority` goes first. */
  acquire(priority: number): Promise<void> {
    return new Promise((grant) => {
      const at = this.queue.findIndex((waiter) => waiter.priority > priority);
      this.queue.splice(at < 0 ? this.queue.length : at, 0, { priority, grant });
      this.pump();
    });
  }

  release(headers: HttpHeaders | undefined): void {
    this.inFlight -= 1;
    const remaining = Number(headers?.get('x-ms-user-quota-remaining'));
    const resetsAfter = parseTimeSpan(headers?.get('x-ms-user-quota-resets-after'));
    if (headers?.has('x-ms-user-quota-remaining') && Number.isFinite(remaining)) {
      // Within a window, responses can arrive out of order (an older one reporting more quota left),
      // and resets-after is rounded to seconds: keep the lowest count and the earliest reset seen.
      const resetAt = Date.now() + (resetsAfter ?? DEFAULT_GRAPH_WINDOW_MS);
      const fresh = this.remaining === undefined;
      this.remaining = fresh ? remaining : Math.min(this.remaining ?? remaining, remaining);
      this.resetAt = fresh ? resetAt : Math.min(this.resetAt, resetAt);
    }
    this.pump();
  }

  private pump(): void {
    this.expire();
    while (this.queue.length > 0 && this.hasRoom()) {
      this.inFlight += 1;
      this.queue.shift()?.grant();
    }
    if (this.queue.length > 0 && this.timer === undefined && this.remaining !== undefined) {
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.pump();
        },
        Math.max(1, this.resetAt - Date.now()),
      );
    }
  }

  private expire(): void {
    if (this.remaining !== undefined && Date.now() >= this.resetAt) {
      this.remaining = undefined;
    }
  }

  private hasRoom(): boolean {
    // Until a response tells us, assume the documented default and keep that many in flight at most.
    return this.remaining === undefined ? this.inFlight < DEFAULT_GRAPH_QUOTA : this.remaining - this.inFlight > 0;
  }
}

/** Token buckets per subscription; `take` returns a promise to wait on, or undefined when a token is free. */
class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly budget: ReadBudget;

  constructor(budget: ReadBudget) {
    this.budget = budget;
  }

  take(key: string): Promise<void> | undefined {
    const now = Date.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.budget.burst, at: now };
    bucket.tokens = Math.min(this.budget.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.budget.perSecond);
    bucket.at = now;
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    // A negative balance is a reservation: this request goes when the bucket has refilled to it.
    return bucket.tokens >= 0 ? undefined : sleep((-bucket.tokens / this.budget.perSecond) * 1000);
  }
}

/** Adds up wall time during which at least one wait was under way, so parallel waits count once. */
class WaitClock {
  private active = 0;
  private since = 0;
  private readonly add: (ms: number) => void;

  constructor(add: (ms: number) => void) {
    this.add = add;
  }

  async during<T>(wait: Promise<T>): Promise<T> {
    if (this.active === 0) {
      this.since = performance.now();
    }
    this.active += 1;
    try {
      return await wait;
    } finally {
      this.active -= 1;
      if (this.active === 0) {
        this.add(Math.round(performance.now() - this.since));
      }
    }
  }
}
