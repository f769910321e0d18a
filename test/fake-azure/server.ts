// A local stand-in for ARM and Resource Graph: HTTPS on 127.0.0.1 with a certificate made at start-up,
// serving an estate (raw resources) with the wire shapes of the real services (see
// shared/sarif-and-rest.md, part B), paging, the Resource Graph quota, and injectable faults.
// It answers only what it is asked and never opens a connection of its own.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import type { RawResource } from '../../src/snapshot/types.js';
import { KqlError, matches, parseQuery } from './kql.js';

export interface FakeSubscription {
  id: string;
  displayName: string;
  state?: string;
}

export interface FakeEstate {
  tenantId: string;
  subscriptions: FakeSubscription[];
  resources: RawResource[];
  /** Management group id -> the subscription ids under it. */
  managementGroups?: Record<string, string[]>;
}

export type FaultAction =
  | { kind: 'status'; status: number; code?: string; message?: string; headers?: Record<string, string> }
  | { kind: 'reset' }
  | { kind: 'malformed' }
  | { kind: 'delay'; ms: number }
  // Sends 200 and its headers and the start of a body, then nothing more (until the client gives up).
  | { kind: 'stall' }
  // Sends the real answer a few bytes at a time, `intervalMs` apart (each chunk arrives in time).
  | { kind: 'drip'; intervalMs: number; bytes?: number }
  // Resource Graph: the page comes with a $skipToken that always leads back to the same page.
  | { kind: 'repeatSkipToken' }
  // ARM list: the page's nextLink points at the page itself.
  | { kind: 'selfNextLink' }
  // Resource Graph: the page omits `drop` rows and the $skipToken, but keeps the true totalRecords.
  | { kind: 'shortPage'; drop?: number }
  // An error whose body repeats the request's Authorization header, as some proxies do.
  | { kind: 'echoAuthorization'; status: number; code?: string }
  // 200 with an empty body.
  | { kind: 'empty' }
  // The real answer with these headers added or replaced (e.g. Resource Graph's quota headers).
  | { kind: 'headers'; headers: Record<string, string> };

export interface Fault {
  /** Which requests it hits; all when absent. `path` is tested on the decoded path, `query` on the raw query. */
  match?: { method?: string; path?: RegExp; query?: RegExp; graph?: boolean };
  /** How many requests it hits before it is spent (default: all). */
  times?: number;
  action: FaultAction;
}

export interface FakeAzureOptions {
  estate: FakeEstate;
  /** Items per ARM list page and rows per Resource Graph page (capped by $top); a range picks at random. */
  pageSize?: number | { min: number; max: number };
  /** Added to every response. */
  latencyMs?: number;
  /** Resource Graph queries allowed per window for the (single) caller. Default 15 per 5 s. */
  graphQuota?: { limit: number; windowMs: number };
  /**
   * ARM's read budget per subscription (a token bucket: `burst` reads, refilled at `perSecond`); a
   * read over it gets 429 with Retry-After, as ARM answers. Unset: ARM reads are not throttled.
   */
  armReadBudget?: { burst: number; perSecond: number };
  /** Send Retry-After with Resource Graph's quota 429s. Default false (unconfirmed for the real service). */
  graphRetryAfter?: boolean;
  /** Subscriptions the caller may not read: 403 AuthorizationFailed on ARM. */
  forbiddenSubscriptions?: string[];
  /** How Resource Graph treats them in an explicit list: deny the query (403) or leave them out. */
  graphForbidden?: 'deny' | 'omit';
  /** Subscriptions ARM serves but Resource Graph silently lacks (indexing lag, new subscriptions). */
  graphMissingSubscriptions?: string[];
  /** When set, any other bearer token gets 401 InvalidAuthenticationToken. */
  expectedToken?: string;
  seed?: number;
}

export interface RecordedRequest {
  /** Milliseconds since the fake started. */
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  status: number | 'reset';
}

export interface FakeAzure {
  url: string;
  /** PEM of the server certificate, for the client's `tlsOptions.ca`. */
  ca: string;
  requests: RecordedRequest[];
  faults: Fault[];
  close(): Promise<void>;
}

const AUTHORIZATION_FAILED = JSON.parse(
  readFileSync(new URL('./fixtures/AuthorizationFailed-403.json', import.meta.url), 'utf8'),
) as { error: { code: string; message: string } };

const GRAPH_PATH = '/providers/microsoft.resourcegraph/resources';
const RECORD_TYPES = new Set(['a', 'aaaa', 'cname', 'mx', 'ptr', 'soa', 'srv', 'txt']);

export async function startFakeAzure(options: FakeAzureOptions): Promise<FakeAzure> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  const state = new FakeState(options);
  const server = createServer({ key: pems.private, cert: pems.cert, keepAlive: true }, (req, res) => {
    state.handle(req, res).catch((error: unknown) => {
      send(res, 500, { error: { code: 'FakeAzureBug', message: String(error) } });
    });
  });
  // Longer than Resource Graph quota waits, as a real front end keeps idle connections open.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.baseUrl = url;
  return {
    url,
    ca: pems.cert,
    requests: state.requests,
    faults: state.faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Indexed {
  resource: RawResource;
  key: string;
  subscription: string;
  resourceGroup: string;
  /** Lower-case type. */
  type: string;
  /** Lower-case parent id for child resources; undefined for top-level ones. */
  parent: string | undefined;
  table: 'resources' | 'dnsresources' | 'networkresources' | undefined;
}

class FakeState {
  baseUrl = '';
  readonly requests: RecordedRequest[] = [];
  readonly faults: Fault[] = [];
  private readonly started = Date.now();
  private readonly options: FakeAzureOptions;
  private readonly byId = new Map<string, Indexed>();
  private readonly children = new Map<string, Indexed[]>();
  private readonly topLevel = new Map<string, Indexed[]>();
  private readonly sorted: Indexed[];
  private readonly forbidden: Set<string>;
  private readonly graphMissing: Set<string>;
  private readonly subscriptions: Map<string, FakeSubscription>;
  private readonly graphResults = new Map<string, RawResource[]>();
  private readonly graphRows = new WeakMap<RawResource, RawResource>();
  private window = { start: 0, used: 0 };
  private readonly armBuckets = new Map<string, { tokens: number; at: number }>();
  private random: () => number;

  constructor(options: FakeAzureOptions) {
    this.options = options;
    this.forbidden = new Set((options.forbiddenSubscriptions ?? []).map((s) => s.toLowerCase()));
    this.graphMissing = new Set((options.graphMissingSubscriptions ?? []).map((s) => s.toLowerCase()));
    this.subscriptions = new Map(options.estate.subscriptions.map((s) => [s.id.toLowerCase(), s]));
    this.random = mulberry32(options.seed ?? 1);
    this.sorted = options.estate.resources.map(index).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const item of this.sorted) {
      this.byId.set(item.key, item);
      if (item.parent) {
        // Record sets are listed per type (`{zone}/A`) and all together (`{zone}/ALL`).
        const childType = item.key.slice(item.parent.length + 1).split('/')[0] ?? '';
        push(this.children, `${item.parent}/${childType}`, item);
        if (RECORD_TYPES.has(childType) && item.type.startsWith('microsoft.network/privatednszones/')) {
          push(this.children, `${item.parent}/all`, item);
        }
      } else {
        push(this.topLevel, `${item.subscription}|${item.type}`, item);
        push(this.topLevel, `${item.subscription}|${item.resourceGroup}|${item.type}`, item);
      }
    }
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const path = decodeURIComponent(url.pathname).replace(/\/+$/, '');
    const query = Object.fromEntries(url.searchParams);
    const rawBody = await readBody(req);
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = rawBody;
    }
    const record: RecordedRequest = {
      at: Date.now() - this.started,
      method: req.method ?? '',
      path,
      query,
      ...(body !== undefined ? { body } : {}),
      status: 0,
    };
    this.requests.push(record);
    const graph = req.method === 'POST' && path.toLowerCase() === GRAPH_PATH;
    // ARM counts a read when it arrives; the 429 then comes back after the usual latency.
    const overBudgetMs = graph || req.method !== 'GET' ? 0 : this.spendArmRead(path);

    if (this.options.latencyMs) {
      await sleep(this.options.latencyMs);
    }
    if (overBudgetMs > 0) {
      record.status = 429;
      send(
        res,
        429,
        azureError(
          'SubscriptionRequestsThrottled',
          'Number of read requests for subscription exceeded the limit. Please try again after some time.',
        ),
        { 'retry-after': String(Math.ceil(overBudgetMs / 1000)) },
      );
      return;
    }
    let tamper: FaultAction | undefined;
    for (const fault of this.faults) {
      const m = fault.match;
      const hit =
        (fault.times ?? Infinity) > 0 &&
        (!m?.method || m.method === req.method) &&
        (!m?.path || m.path.test(path)) &&
        (!m?.query || m.query.test(url.search)) &&
        (m?.graph === undefined || m.graph === graph);
      if (!hit) {
        continue;
      }
      fault.times = (fault.times ?? Infinity) - 1;
      const action = fault.action;
      if (action.kind === 'delay') {
        await sleep(action.ms);
        continue;
      }
      if (action.kind === 'reset') {
        record.status = 'reset';
        req.socket.destroy();
        return;
      }
      if (action.kind === 'malformed') {
        record.status = 200;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end('{"value": [{"id": "/subscriptions/');
        return;
      }
      if (action.kind === 'stall') {
        record.status = 200;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        // Headers go out now; the body never completes. Closing the server ends the connection.
        res.write(graph ? '{"totalRecords": 1, "data": [' : '{"value": [');
        return;
      }
      if (action.kind === 'empty') {
        record.status = 200;
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'x-ms-request-id': `fake-${Math.random().toString(16).slice(2)}`,
        });
        res.end();
        return;
      }
      if (action.kind === 'echoAuthorization') {
        record.status = action.status;
        const authorization = req.headers.authorization ?? '';
        send(res, action.status, {
          error: {
            code: action.code ?? 'ProxyError',
            message: `The upstream refused the request. Request headers: Authorization: ${authorization}; Host: ${req.headers.host}`,
            details: [{ code: 'RequestEcho', message: `authorization=${authorization}`, target: authorization }],
          },
        });
        return;
      }
      if (action.kind === 'status') {
        record.status = action.status;
        send(
          res,
          action.status,
          { error: { code: action.code ?? `Status${action.status}`, message: action.message ?? 'Injected fault.' } },
          action.headers,
        );
        return;
      }
      // The rest change the real answer.
      tamper ??= action;
    }

    const [status, answered, answeredHeaders] = this.answer(req, path, query, body, graph);
    let payload = answered;
    let headers = answeredHeaders;
    record.status = status;
    if (tamper && status === 200) {
      [payload, headers] = this.tampered(tamper, payload, headers ?? {}, url);
    }
    if (tamper?.kind === 'drip') {
      await drip(res, status, payload, headers, tamper.intervalMs, tamper.bytes ?? 1);
      return;
    }
    send(res, status, payload, headers);
  }

  /** The real (200) answer as a fault changes it. */
  private tampered(
    action: FaultAction,
    payload: unknown,
    headers: Record<string, string>,
    url: URL,
  ): [unknown, Record<string, string>] {
    const page = payload as Record<string, unknown>;
    switch (action.kind) {
      case 'repeatSkipToken':
        // Not a token this fake issues: it decodes to nothing, so it leads to the first page again.
        return [{ ...page, $skipToken: Buffer.from('the same page again').toString('base64') }, headers];
      case 'selfNextLink':
        return [{ ...page, nextLink: `${this.baseUrl}${url.pathname}${url.search}` }, headers];
      case 'shortPage': {
        const data = Array.isArray(page.data) ? page.data : [];
        const { $skipToken: _dropped, ...rest } = page;
        const kept = data.slice(0, Math.max(0, data.length - (action.drop ?? 1)));
        return [{ ...rest, count: kept.length, data: kept }, headers];
      }
      case 'headers':
        return [payload, { ...headers, ...action.headers }];
      default:
        return [payload, headers];
    }
  }

  private answer(
    req: IncomingMessage,
    path: string,
    query: Record<string, string>,
    body: unknown,
    graph: boolean,
  ): [number, unknown, Record<string, string>?] {
    const auth = req.headers.authorization ?? '';
    if (!/^Bearer \S+$/.test(auth)) {
      return [401, azureError('AuthenticationFailed', 'Authentication failed. The Authorization header is missing.')];
    }
    if (this.options.expectedToken !== undefined && auth !== `Bearer ${this.options.expectedToken}`) {
      return [401, azureError('InvalidAuthenticationToken', 'The access token is invalid.')];
    }
    if (!query['api-version']) {
      return [
        400,
        azureError(
          'MissingApiVersionParameter',
          'The api-version query parameter (?api-version=) is required for all requests.',
        ),
      ];
    }
    if (graph) {
      return this.graph(body);
    }
    if (req.method !== 'GET') {
      return [
        405,
        azureError(
          'MethodNotAllowed',
          `The fake serves only GET (and the Resource Graph query POST), not ${req.method}.`,
        ),
      ];
    }
    return this.arm(path, query);
  }

  // --- ARM -----------------------------------------------------------------------------------

  private arm(path: string, query: Record<string, string>): [number, unknown] {
    const segments = path.split('/').filter(Boolean);
    const lower = segments.map((s) => s.toLowerCase());
    const key = path.toLowerCase();

    if (
      lower[0] === 'providers' &&
      lower[1] === 'microsoft.management' &&
      lower[2] === 'managementgroups' &&
      lower[4] === 'descendants' &&
      segments.length === 5
    ) {
      const group = this.options.estate.managementGroups?.[segments[3] ?? ''];
      if (!group) {
        return [404, azureError('ManagementGroupNotFound', `Management group '${segments[3]}' was not found.`)];
      }
      const items = group.map((id) => ({
        id: `/subscriptions/${id}`,
        type: '/subscriptions',
        name: id,
        properties: { displayName: this.subscriptions.get(id)?.displayName },
      }));
      return [200, this.page(path, query, items)];
    }
    if (lower[0] !== 'subscriptions') {
      return [404, azureError('NotFound', `No route for ${path}.`)];
    }
    if (segments.length === 1) {
      const readable = [...this.subscriptions.values()].filter((s) => !this.forbidden.has(s.id.toLowerCase()));
      return [
        200,
        this.page(
          path,
          query,
          readable.map((s) => this.subscriptionBody(s)),
        ),
      ];
    }
    const subscription = lower[1] ?? '';
    if (this.forbidden.has(subscription)) {
      return [403, authorizationFailed(path)];
    }
    const known = this.subscriptions.get(subscription);
    if (!known) {
      return [404, azureError('SubscriptionNotFound', `The subscription '${segments[1]}' could not be found.`)];
    }
    if (segments.length === 2) {
      return [200, this.subscriptionBody(known)];
    }
    if (lower[2] === 'resourcegroups' && segments.length === 4) {
      const prefix = `${key}/`;
      const exists = this.sorted.some((item) => item.key.startsWith(prefix));
      return exists
        ? [
            200,
            {
              id: `/subscriptions/${segments[1]}/resourceGroups/${segments[3]}`,
              name: segments[3],
              type: 'Microsoft.Resources/resourceGroups',
              location: 'westeurope',
              properties: { provisioningState: 'Succeeded' },
            },
          ]
        : [404, azureError('ResourceGroupNotFound', `Resource group '${segments[3]}' could not be found.`)];
    }
    if (lower[2] === 'providers' && segments.length === 4) {
      return [200, this.provider(subscription, segments[3] ?? '')];
    }

    const item = this.byId.get(key);
    if (item) {
      return [200, item.resource];
    }
    const providers = lower.lastIndexOf('providers');
    const afterProviders = providers < 0 ? 0 : segments.length - providers - 1;
    // Top-level list: /subscriptions/{s}[/resourceGroups/{rg}]/providers/{ns}/{type}
    if (
      providers >= 0 &&
      afterProviders === 2 &&
      (providers === 2 || (providers === 4 && lower[2] === 'resourcegroups'))
    ) {
      const type = `${lower[providers + 1]}/${lower[providers + 2]}`;
      const items =
        providers === 2
          ? this.topLevel.get(`${subscription}|${type}`)
          : this.topLevel.get(`${subscription}|${lower[3]}|${type}`);
      return [
        200,
        this.page(
          path,
          query,
          (items ?? []).map((i) => i.resource),
        ),
      ];
    }
    // Child collection: {parent id}/{child type}
    if (providers >= 0 && afterProviders >= 4 && afterProviders % 2 === 0) {
      const parent = lower.slice(0, -1).join('/');
      if (!this.byId.has(`/${parent}`)) {
        return [
          404,
          azureError(
            'ParentResourceNotFound',
            `Can not perform requested operation on nested resource. Parent resource '${segments.slice(0, -1).join('/')}' not found.`,
          ),
        ];
      }
      const items = this.children.get(`/${parent}/${lower[lower.length - 1]}`) ?? [];
      return [
        200,
        this.page(
          path,
          query,
          items.map((i) => i.resource),
        ),
      ];
    }
    return [
      404,
      azureError(
        'ResourceNotFound',
        `The Resource '${segments.slice(providers + 1).join('/')}' under resource group '${segments[3] ?? ''}' was not found.`,
      ),
    ];
  }

  private subscriptionBody(s: FakeSubscription): unknown {
    return {
      id: `/subscriptions/${s.id}`,
      subscriptionId: s.id,
      tenantId: this.options.estate.tenantId,
      displayName: s.displayName,
      state: s.state ?? 'Enabled',
      subscriptionPolicies: {
        locationPlacementId: 'Public_2014-09-01',
        quotaId: 'EnterpriseAgreement_2014-09-01',
        spendingLimit: 'Off',
      },
      authorizationSource: 'RoleBased',
    };
  }

  private provider(subscription: string, namespace: string): unknown {
    const types = new Set<string>();
    for (const item of this.sorted) {
      if (item.subscription === subscription && item.type.startsWith(`${namespace.toLowerCase()}/`)) {
        types.add(item.type.slice(namespace.length + 1));
      }
    }
    return {
      id: `/subscriptions/${subscription}/providers/${namespace}`,
      namespace,
      registrationState: 'Registered',
      resourceTypes: [...types].map((resourceType) => ({
        resourceType,
        locations: ['West Europe'],
        apiVersions: ['2025-01-01-preview', '2024-01-01', '2023-01-01'],
      })),
    };
  }

  private page(path: string, query: Record<string, string>, items: unknown[]): { value: unknown[]; nextLink?: string } {
    const offset = Number(query.$skiptoken ?? query.$skipToken ?? 0) || 0;
    const size = this.pageSize(1000);
    const value = items.slice(offset, offset + size);
    if (offset + size >= items.length) {
      return { value };
    }
    const next = new URL(this.baseUrl + path);
    next.searchParams.set('api-version', query['api-version'] ?? '');
    next.searchParams.set('$skiptoken', String(offset + size));
    return { value, nextLink: next.toString() };
  }

  private pageSize(cap: number): number {
    const size = this.options.pageSize;
    if (size === undefined) {
      return cap;
    }
    if (typeof size === 'number') {
      return Math.min(cap, size);
    }
    return Math.min(cap, size.min + Math.floor(this.random() * (size.max - size.min + 1)));
  }

  /** Takes a read from the subscription's bucket: 0 when one was there, else how long until one is. */
  private spendArmRead(path: string): number {
    const budget = this.options.armReadBudget;
    if (!budget) {
      return 0;
    }
    const key = /^\/subscriptions\/([^/]+)/i.exec(path)?.[1]?.toLowerCase() ?? 'tenant';
    const now = Date.now();
    const bucket = this.armBuckets.get(key) ?? { tokens: budget.burst, at: now };
    bucket.tokens = Math.min(budget.burst, bucket.tokens + ((now - bucket.at) / 1000) * budget.perSecond);
    bucket.at = now;
    this.armBuckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return ((1 - bucket.tokens) / budget.perSecond) * 1000;
  }

  // --- Resource Graph ------------------------------------------------------------------------

  private graph(body: unknown): [number, unknown, Record<string, string>?] {
    const quota = this.options.graphQuota ?? { limit: 15, windowMs: 5000 };
    const now = Date.now();
    if (now >= this.window.start + quota.windowMs) {
      this.window = { start: now, used: 0 };
    }
    const quotaHeaders = (): Record<string, string> => ({
      'x-ms-user-quota-remaining': String(Math.max(0, quota.limit - this.window.used)),
      'x-ms-user-quota-resets-after': timeSpan(this.window.start + quota.windowMs - Date.now()),
    });
    if (this.window.used >= quota.limit) {
      const headers = quotaHeaders();
      if (this.options.graphRetryAfter) {
        headers['retry-after'] = String(Math.ceil((this.window.start + quota.windowMs - now) / 1000));
      }
      return [
        429,
        azureError(
          'RateLimiting',
          'Please provide below info when asking for support: timestamp, correlationId. Details: Too many requests.',
        ),
        headers,
      ];
    }
    this.window.used += 1;

    const request = (body ?? {}) as {
      query?: unknown;
      subscriptions?: unknown;
      managementGroups?: unknown;
      options?: Record<string, unknown>;
    };
    if (typeof request.query !== 'string') {
      return [400, azureError('BadRequest', 'The request has no query.'), quotaHeaders()];
    }
    const opts = request.options ?? {};
    if (opts.resultFormat !== undefined && opts.resultFormat !== 'objectArray') {
      return [400, azureError('BadRequest', 'The fake serves only resultFormat objectArray.'), quotaHeaders()];
    }
    const scope = this.graphScope(request.subscriptions, request.managementGroups);
    if ('denied' in scope) {
      return [scope.status, scope.denied, quotaHeaders()];
    }
    let rows: RawResource[];
    const token = typeof opts.$skipToken === 'string' ? decodeToken(opts.$skipToken) : undefined;
    const cacheKey = JSON.stringify([request.query, [...scope.subscriptions].sort()]);
    if (token && token.key !== cacheKey) {
      return [400, azureError('BadRequest', 'The $skipToken belongs to another query or scope.'), quotaHeaders()];
    }
    try {
      rows = this.graphResults.get(cacheKey) ?? this.evaluate(request.query, scope.subscriptions);
    } catch (error) {
      if (error instanceof KqlError) {
        return [400, azureError('InvalidQuery', `Query is invalid: ${error.message}`), quotaHeaders()];
      }
      throw error;
    }
    this.graphResults.set(cacheKey, rows);
    // $skip overrides the offset a $skipToken carries (Learn: QueryRequestOptions.skip).
    const offset = typeof opts.$skip === 'number' ? opts.$skip : (token?.offset ?? 0);
    const top = typeof opts.$top === 'number' ? Math.min(1000, opts.$top) : 1000;
    const data = rows.slice(offset, offset + this.pageSize(top));
    const more = offset + data.length < rows.length;
    return [
      200,
      {
        totalRecords: rows.length,
        count: data.length,
        resultTruncated: 'false',
        ...(more ? { $skipToken: encodeToken({ key: cacheKey, offset: offset + data.length }) } : {}),
        facets: [],
        data,
      },
      quotaHeaders(),
    ];
  }

  private graphScope(
    subscriptions: unknown,
    managementGroups: unknown,
  ): { subscriptions: Set<string> } | { denied: unknown; status: number } {
    const readable = (id: string): boolean => this.subscriptions.has(id) && !this.forbidden.has(id);
    const indexed = (id: string): boolean => readable(id) && !this.graphMissing.has(id);
    if (Array.isArray(managementGroups) && managementGroups.length > 0) {
      const ids = managementGroups.flatMap((group) => this.options.estate.managementGroups?.[String(group)] ?? []);
      return { subscriptions: new Set(ids.map((id) => id.toLowerCase()).filter(indexed)) };
    }
    if (Array.isArray(subscriptions) && subscriptions.length > 0) {
      const ids = subscriptions.map((id) => String(id).toLowerCase());
      const unreadable = ids.find((id) => !readable(id));
      if (unreadable && this.options.graphForbidden !== 'omit') {
        return { status: 403, denied: authorizationFailed(`/subscriptions/${unreadable}`) };
      }
      return { subscriptions: new Set(ids.filter(indexed)) };
    }
    return { subscriptions: new Set([...this.subscriptions.keys()].filter(indexed)) };
  }

  private evaluate(text: string, subscriptions: Set<string>): RawResource[] {
    const parsed = parseQuery(text);
    let items: Array<{ row: RawResource; columns: Indexed | undefined }>;
    if (parsed.table === 'resourcecontainers') {
      items = [...subscriptions].map((id) => ({
        row: {
          id: `/subscriptions/${id}`,
          name: this.subscriptions.get(id)?.displayName ?? id,
          type: 'microsoft.resources/subscriptions',
          subscriptionId: id,
          tenantId: this.options.estate.tenantId,
          properties: { state: this.subscriptions.get(id)?.state ?? 'Enabled' },
        },
        columns: undefined,
      }));
    } else if (parsed.table === 'resources' || parsed.table === 'dnsresources' || parsed.table === 'networkresources') {
      items = this.sorted
        .filter((item) => item.table === parsed.table && subscriptions.has(item.subscription))
        .map((item) => ({ row: this.graphRow(item.resource), columns: item }));
    } else {
      throw new KqlError(`unknown table ${parsed.table}`);
    }
    const selected = items.filter(({ row, columns }) =>
      parsed.where.every((expr) => matches(expr, (column) => columnValue(row, columns, column))),
    );
    if (parsed.orderBy) {
      const { column, descending } = parsed.orderBy;
      selected.sort((a, b) => {
        const x = String(columnValue(a.row, a.columns, column) ?? '');
        const y = String(columnValue(b.row, b.columns, column) ?? '');
        return (x < y ? -1 : x > y ? 1 : 0) * (descending ? -1 : 1);
      });
    }
    return selected.map(({ row }) => row);
  }

  /** Resource Graph returns types in lower case; everything else as ARM has it. */
  private graphRow(resource: RawResource): RawResource {
    let row = this.graphRows.get(resource);
    if (!row) {
      row = { ...resource, type: resource.type.toLowerCase() };
      this.graphRows.set(resource, row);
    }
    return row;
  }
}

function index(resource: RawResource): Indexed {
  const key = resource.id.toLowerCase().replace(/\/+$/, '');
  const segments = key.split('/').filter(Boolean);
  const providers = segments.lastIndexOf('providers');
  const type = resource.type.toLowerCase();
  const nested = segments.length - providers - 1 > 3;
  return {
    resource,
    key,
    subscription: segments[1] ?? '',
    resourceGroup: segments[2] === 'resourcegroups' ? (segments[3] ?? '') : '',
    type,
    parent: nested ? `/${segments.slice(0, -2).join('/')}` : undefined,
    table: graphTable(type),
  };
}

function graphTable(type: string): Indexed['table'] {
  if (type === 'microsoft.network/privateendpoints/privatednszonegroups') {
    return undefined; // not in Resource Graph: ARM only
  }
  if (type.startsWith('microsoft.network/privatednszones/') && RECORD_TYPES.has(type.split('/')[2] ?? '')) {
    return 'dnsresources';
  }
  if (type === 'microsoft.network/firewallpolicies/rulecollectiongroups') {
    return 'networkresources';
  }
  return 'resources';
}

function columnValue(row: RawResource, columns: Indexed | undefined, column: string): unknown {
  const lower = column.toLowerCase();
  if (lower === 'resourcegroup') {
    return columns?.resourceGroup;
  }
  if (lower === 'subscriptionid') {
    return columns?.subscription ?? row.subscriptionId;
  }
  let value: unknown = row;
  for (const part of column.split('.')) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

function azureError(code: string, message: string): unknown {
  return { error: { code, message } };
}

/** The real 403 body (shared/rest-examples/errors), pointed at the scope that was refused. */
function authorizationFailed(scope: string): unknown {
  const message = AUTHORIZATION_FAILED.error.message
    .replace(/action '[^']+'/, "action 'Microsoft.Resources/subscriptions/resources/read'")
    .replace(/scope '[^']+'/, `scope '${scope}'`);
  return { error: { code: AUTHORIZATION_FAILED.error.code, message } };
}

function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) {
    return;
  }
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-ms-request-id': `fake-${Math.random().toString(16).slice(2)}`,
    ...headers,
  });
  res.end(JSON.stringify(payload));
}

/** Sends the answer `bytes` at a time, `intervalMs` apart: a slow body, each piece on time. */
async function drip(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
  intervalMs: number,
  bytes: number,
): Promise<void> {
  const body = Buffer.from(JSON.stringify(payload));
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(body.length),
    'x-ms-request-id': `fake-${Math.random().toString(16).slice(2)}`,
    ...headers,
  });
  for (let at = 0; at < body.length && !res.destroyed; at += bytes) {
    res.write(body.subarray(at, at + bytes));
    await sleep(intervalMs);
  }
  if (!res.destroyed) {
    res.end();
  }
}

function timeSpan(ms: number): string {
  // Whole seconds, rounded up, so a caller that waits as told is never early.
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

function encodeToken(token: { key: string; offset: number }): string {
  return Buffer.from(JSON.stringify(token)).toString('base64');
}

function decodeToken(token: string): { key: string; offset: number } | undefined {
  try {
    return JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { key: string; offset: number };
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
