// One HTTP pipeline carries every request plaudit sends: the SDK clients share it (ClientOptions.pipeline)
// and so do the generic GETs. That gives one place for the read-only guard, retries and throttling,
// the Resource Graph quota, ARM's read budget, raw-body capture, logging and request statistics.

import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createPipelineFromOptions,
  createPipelineRequest,
} from '@azure/core-rest-pipeline';
import type { HttpClient, Pipeline } from '@azure/core-rest-pipeline';
import type { TokenCredential } from '@azure/identity';
import type { Logger } from 'pino';
import type { CloudName, RawResource } from '../../snapshot/types.js';
import { AzureAuthError, signInFailed } from '../credentials.js';
import type { ReadBudget } from './throttle/read-budget.js';
import { RequestGate } from './throttle/request-gate.js';
import { retryPolicy, withRetryDefaults } from './throttle/retry-policy.js';
import type { RetryTuning } from './throttle/retry-policy.js';
import { ThrottleWaits } from './throttle/waits.js';
import { attemptPolicy } from './attempt-policy.js';
import { bodyOf } from './bodies.js';
import { CollectDeadline } from './deadline.js';
import type { RequestKind } from './request-kind.js';
import { captureResources, responsePolicy } from './response-policy.js';
import { emptyStats } from './stats.js';
import type { CollectStats } from './stats.js';

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
  /** Time limit of the whole run; none when undefined. */
  timeLimitMs?: number | undefined;
}

export class Transport {
  readonly stats: CollectStats;
  readonly pipeline: Pipeline;
  readonly httpClient: HttpClient;
  readonly endpoint: string;
  readonly scope: string;
  readonly deadline: CollectDeadline;
  private readonly credential: TokenCredential;
  private readonly cloud: CloudName;

  constructor(options: TransportOptions) {
    this.endpoint = options.endpoint;
    this.scope = options.scope;
    this.credential = options.credential;
    this.cloud = options.cloud;
    this.stats = emptyStats();
    this.deadline = new CollectDeadline(options.timeLimitMs);
    this.httpClient = createDefaultHttpClient();
    this.pipeline = createPlauditPipeline(options, this.stats, this.deadline);
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
    // The response policy has parsed it already.
    return bodyOf(response, request);
  }

  /**
   * Runs `read` (SDK calls) and puts into `sink` the resources of every response page it receives,
   * exactly as Azure sent them: the SDKs' models flatten `properties` and drop unknown fields.
   */
  async capture(sink: RawResource[], read: () => Promise<unknown>): Promise<void> {
    await captureResources(sink, read);
  }
}

/** The SDK's default pipeline (TLS, user agent, logging), with our policies in place of its retries. */
function createPlauditPipeline(options: TransportOptions, stats: CollectStats, deadline: CollectDeadline): Pipeline {
  const retry = withRetryDefaults(options.retry);
  const log = options.logger;
  // One for both policies that wait on Azure's throttling, so that overlapping waits count once.
  const throttleWaits = new ThrottleWaits(stats, options.onThrottle);
  const gate = new RequestGate({
    concurrency: options.concurrency,
    readBudget: options.readBudget,
    stats,
    throttleWaits,
    maxWaitMs: retry.maxThrottleWaitMs,
    deadline,
  });

  const pipeline = createPipelineFromOptions({
    ...(options.tlsCa !== undefined ? { tlsOptions: { ca: options.tlsCa } } : {}),
    userAgentOptions: { userAgentPrefix: 'plaudit' },
  });
  // Our retry policy replaces the SDK's, which does not retry a 429 without Retry-After; ARM does
  // not redirect reads, and a redirect must never carry the token to another host.
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.removePolicy({ name: 'redirectPolicy' });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: options.credential, scopes: options.scope }));
  pipeline.addPolicy(responsePolicy({ cloud: options.cloud, stats, onPage: options.onPage }), { phase: 'Serialize' });
  pipeline.addPolicy(retryPolicy({ retry, stats, log, throttleWaits, deadline }), { phase: 'Retry' });
  pipeline.addPolicy(
    attemptPolicy({
      endpoint: options.endpoint,
      requestTimeoutMs: retry.requestTimeoutMs,
      stats,
      log,
      gate,
      deadline,
    }),
    { afterPhase: 'Retry' },
  );
  return pipeline;
}
