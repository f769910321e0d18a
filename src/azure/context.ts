// State shared by one collection run: the transport and SDK clients, the resources read so far,
// what could not be read, and progress reporting.

import { KeyVaultManagementClient } from '@azure/arm-keyvault';
import { NetworkManagementClient } from '@azure/arm-network';
import { PrivateDnsManagementClient } from '@azure/arm-privatedns';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import type { TokenCredential } from '@azure/identity';
import pLimit from 'p-limit';
import type { LimitFunction } from 'p-limit';
import type { Logger } from 'pino';
import { normalizeId, typeFromId } from '../ids.js';
import type { IncompleteEntry, RawResource } from '../snapshot/types.js';
import { PROVIDERS_API_VERSION, apiVersionOf } from './api-versions.js';
import type { CloudEndpoints } from './clouds.js';
import type { CollectProgress } from './progress.js';
import { AzureAuthError } from './credentials.js';
import { AzureRequestError, ReadOnlyViolationError } from './errors.js';
import { redactSecrets } from './redact.js';
import { isResourceLike, withIdentity } from './pipeline/bodies.js';
import { PageLinks, pagingLoop } from './pipeline/paging.js';
import { subscriptionKey } from './pipeline/throttle/read-budget.js';
import type { ReadBudget } from './pipeline/throttle/read-budget.js';
import type { RetryTuning } from './pipeline/throttle/retry-policy.js';
import { Transport } from './pipeline/transport.js';

/** A subscription to read whole, or only some of its resource groups (names). */
export interface ScopeUnit {
  subscription: string;
  resourceGroups?: string[];
}

/**
 * Searches across every readable subscription, for dependencies that cannot be found by following
 * ids. Resource Graph and ARM each provide them; the dependency walk uses them.
 */
export interface Lookups {
  privateDnsZones(): Promise<RawResource[]>;
  /** Azure Firewalls and DNS resolver inbound endpoints (owners of next-hop and DNS server IPs). */
  ipOwners(): Promise<RawResource[]>;
}

export type { CollectProgress } from './progress.js';

export interface ContextOptions {
  credential: TokenCredential;
  cloud: CloudEndpoints;
  tlsCa?: string | Buffer | undefined;
  concurrency: number;
  readBudget: ReadBudget | false;
  retry?: RetryTuning | undefined;
  logger: Logger;
  onProgress?: ((progress: CollectProgress) => void) | undefined;
  /** Time limit of the whole run; none when undefined. */
  timeLimitMs?: number | undefined;
}

// In flight per subscription: enough to spend ARM's 250-read burst in about a second at ~150 ms a
// read, after which the token bucket paces the subscription at its refill rate.
const READS_PER_SUBSCRIPTION = 32;

export class CollectContext {
  readonly transport: Transport;
  readonly log: Logger;
  readonly cloud: CloudEndpoints;
  readonly graph: ResourceGraphClient;
  /** Every resource read, by normalized id; the first copy read wins. */
  readonly resources = new Map<string, RawResource>();
  /** Normalized ids of resources read as part of the requested scope (not as dependencies). */
  readonly inScope = new Set<string>();
  readonly incomplete: IncompleteEntry[] = [];
  readonly zoneGroupProgress = { queued: 0, done: 0 };
  private readonly credential: TokenCredential;
  private readonly clients = new Map<
    string,
    NetworkManagementClient | PrivateDnsManagementClient | KeyVaultManagementClient
  >();
  private readonly apiVersions = new Map<string, Promise<string>>();
  private readonly queues = new Map<string, LimitFunction>();
  private readonly onProgress: ((progress: CollectProgress) => void) | undefined;
  private activity = 'starting';

  constructor(options: ContextOptions) {
    this.cloud = options.cloud;
    this.credential = options.credential;
    this.onProgress = options.onProgress;
    this.log = options.logger;
    this.transport = new Transport({
      credential: options.credential,
      cloud: options.cloud.name,
      endpoint: options.cloud.armEndpoint,
      scope: options.cloud.scope,
      tlsCa: options.tlsCa,
      retry: options.retry,
      concurrency: options.concurrency,
      readBudget: options.readBudget,
      logger: options.logger,
      timeLimitMs: options.timeLimitMs,
      onPage: () => this.report(),
      onThrottle: (reason, waitMs) => {
        this.log.info({ waitMs }, reason);
        this.report(undefined, { reason, waitMs });
      },
    });
    this.graph = new ResourceGraphClient(this.credential, this.transport.clientOptions());
  }

  /**
   * Runs a read of the subscription `path` lies in, a few at a time per subscription: reads are
   * built only when their turn comes, and a subscription waiting on its ARM read budget does not
   * hold up the others.
   */
  schedule<T>(path: string, read: () => Promise<T>): Promise<T> {
    const subscription = subscriptionKey(path);
    let queue = this.queues.get(subscription);
    if (!queue) {
      queue = pLimit(READS_PER_SUBSCRIPTION);
      this.queues.set(subscription, queue);
    }
    return queue(read);
  }

  /** Adds resources (first copy wins) and returns them. */
  add(items: RawResource[], inScope: boolean): RawResource[] {
    for (const item of items) {
      const key = normalizeId(item.id);
      if (!this.resources.has(key)) {
        this.resources.set(key, item);
      }
      if (inScope) {
        this.inScope.add(key);
      }
    }
    return items;
  }

  /**
   * Records that `scope` could not be read. Sign-in failures and read-only violations are not a
   * partial result: they end the run.
   */
  fail(scope: string, error: unknown, doing?: string): void {
    if (error instanceof AzureAuthError || error instanceof ReadOnlyViolationError) {
      throw error;
    }
    const base =
      error instanceof AzureRequestError
        ? error.reason
        : `error: ${redactSecrets(error instanceof Error ? error.message : String(error))}`;
    const reason = doing ? `${base} (${doing})` : base;
    this.log.warn({ scope, reason }, 'could not read part of the scope');
    // A subscription already reported unreadable covers everything under it (e.g. the hub's peering
    // back into that subscription).
    const key = normalizeId(scope);
    const covered = this.incomplete.some((entry) => {
      const known = normalizeId(entry.scope ?? '');
      return known === key ? entry.reason === reason : key.startsWith(`${known}/`);
    });
    if (!covered) {
      this.incomplete.push({ scope, reason });
    }
  }

  report(activity?: string, throttle?: { reason: string; waitMs: number }): void {
    if (activity) {
      this.activity = activity;
      this.log.debug({ activity }, 'reading');
    }
    if (!this.onProgress) {
      return;
    }
    const stats = this.transport.stats;
    this.onProgress({
      activity: this.activity,
      resources: this.resources.size,
      pages: stats.pages.graph + stats.pages.arm,
      requests: Object.values(stats.requests).reduce((sum, n) => sum + n, 0),
      throttleWaitMs: stats.throttleWaitMs,
      ...(throttle ? { throttle } : {}),
    });
  }

  /**
   * Runs SDK reads and returns the raw resources of every page they received (not yet added). A
   * failure is recorded against `scope`; the pages read before it are still returned.
   */
  async capture(scope: string, read: () => Promise<unknown>, doing?: string): Promise<RawResource[]> {
    const sink: RawResource[] = [];
    try {
      await this.transport.capture(sink, read);
    } catch (error) {
      this.fail(scope, error, doing);
    }
    return sink;
  }

  network(subscription: string): NetworkManagementClient {
    return this.client(
      'network',
      subscription,
      () => new NetworkManagementClient(this.credential, subscription, this.transport.clientOptions()),
    );
  }

  privateDns(subscription: string): PrivateDnsManagementClient {
    return this.client(
      'dns',
      subscription,
      () => new PrivateDnsManagementClient(this.credential, subscription, this.transport.clientOptions()),
    );
  }

  keyVault(subscription: string): KeyVaultManagementClient {
    return this.client(
      'keyvault',
      subscription,
      () => new KeyVaultManagementClient(this.credential, subscription, this.transport.clientOptions()),
    );
  }

  /** GET one resource by id. */
  async armGet(id: string): Promise<RawResource> {
    const apiVersion = await this.apiVersionFor(id);
    const body = await this.transport.getJson(`${encodePath(id)}?api-version=${apiVersion}`);
    if (!isResourceLike(body)) {
      throw invalidResponse(id, 'the body is not an ARM resource');
    }
    return withIdentity(body);
  }

  /** All items of an ARM list, following nextLink. */
  async armListValues(path: string, apiVersion: string): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: string | undefined = `${encodePath(path)}?api-version=${apiVersion}`;
    const links = new PageLinks();
    links.seen(this.transport.endpoint + next);
    while (next) {
      const body = (await this.transport.getJson(next)) as { value?: unknown; nextLink?: unknown } | null;
      if (!body || !Array.isArray(body.value)) {
        throw invalidResponse(path, 'the list body has no value array');
      }
      items.push(...(body.value as unknown[]));
      next =
        typeof body.nextLink === 'string' && body.nextLink !== ''
          ? withApiVersion(body.nextLink, apiVersion)
          : undefined;
      const loop = next === undefined ? undefined : links.seen(next);
      if (loop) {
        // The items read so far are kept by the caller's failure handling only if returned: record
        // the part as incomplete here and keep them.
        this.fail(path, pagingLoop(path, loop, items.length));
        return items;
      }
    }
    return items;
  }

  /** An ARM list of resources of one type (generic: types without an SDK client here). */
  async armList(path: string, apiVersion: string): Promise<RawResource[]> {
    const values = await this.armListValues(path, apiVersion);
    return values.filter(isResourceLike).map(withIdentity);
  }

  /** The api-version for the resource (or collection) a path names. */
  apiVersionFor(id: string): Promise<string> {
    const type = typeFromId(id) ?? '';
    const known = apiVersionOf(type);
    if (known) {
      return Promise.resolve(known);
    }
    let version = this.apiVersions.get(type);
    if (!version) {
      version = this.providerApiVersion(id, type);
      this.apiVersions.set(type, version);
    }
    return version;
  }

  /** Newest stable api-version the resource provider lists for the type (preview if none is stable). */
  private async providerApiVersion(id: string, type: string): Promise<string> {
    const rest = type.split('/').slice(1);
    const subscription = /^\/subscriptions\/([^/]+)/i.exec(id)?.[1];
    // The namespace as the id writes it (namespaces are case-insensitive, but read better so).
    const segments = id.split('/');
    const namespace = segments[segments.map((s) => s.toLowerCase()).lastIndexOf('providers') + 1];
    if (!namespace || !subscription) {
      throw invalidResponse(id, 'cannot tell the resource type from the id');
    }
    const body = (await this.transport.getJson(
      `/subscriptions/${subscription}/providers/${namespace}?api-version=${PROVIDERS_API_VERSION}`,
    )) as { resourceTypes?: Array<{ resourceType?: string; apiVersions?: string[] }> } | null;
    const entry = body?.resourceTypes?.find((t) => t.resourceType?.toLowerCase() === rest.join('/'));
    const versions = [...(entry?.apiVersions ?? [])].sort().reverse();
    const chosen = versions.find((v) => !v.includes('preview')) ?? versions[0];
    if (!chosen) {
      throw invalidResponse(id, `the provider ${namespace} lists no api-version for ${type}`);
    }
    return chosen;
  }

  private client<T extends NetworkManagementClient | PrivateDnsManagementClient | KeyVaultManagementClient>(
    kind: string,
    subscription: string,
    create: () => T,
  ): T {
    const key = `${kind}:${subscription}`;
    let client = this.clients.get(key) as T | undefined;
    if (!client) {
      client = create();
      this.clients.set(key, client);
    }
    return client;
  }
}

/** Pages through an SDK list; the pipeline captures the raw pages. */
export async function drain(iterable: AsyncIterable<unknown>): Promise<void> {
  const iterator = iterable[Symbol.asyncIterator]();
  while (!(await iterator.next()).done) {
    // Items are the SDK's flattened models; the raw bodies were captured.
  }
}

export interface ArmIdParts {
  subscription: string;
  resourceGroup: string;
  name: string;
}

/** Splits an ARM id into subscription, resource group and the last name. */
export function parseArmId(id: string): ArmIdParts | undefined {
  const match = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/.+\/([^/]+)$/i.exec(
    id.replace(/\/+$/, ''),
  );
  if (!match) {
    return undefined;
  }
  return { subscription: match[1]!, resourceGroup: match[2]!, name: match[3]! };
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(decodeURIComponentSafe(segment)))
    .join('/');
}

function decodeURIComponentSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function withApiVersion(link: string, apiVersion: string): string {
  return /[?&]api-version=/i.test(link) ? link : `${link}${link.includes('?') ? '&' : '?'}api-version=${apiVersion}`;
}

function invalidResponse(path: string, message: string): AzureRequestError {
  return new AzureRequestError({ status: 200, code: 'InvalidResponse', message, method: 'GET', url: path });
}
