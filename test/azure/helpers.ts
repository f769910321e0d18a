import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { Writable } from 'node:stream';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { collectSnapshot } from '../../src/azure/collect.js';
import type { CollectOptions, CollectResult } from '../../src/azure/collect.js';
import { staticTokenCredential } from '../../src/azure/credentials.js';
import { normalizeId } from '../../src/ids.js';
import type { RawResource } from '../../src/snapshot/types.js';
import { startFakeAzure } from '../fake-azure/server.js';
import type { FakeAzure, FakeAzureOptions } from '../fake-azure/server.js';
import { UNCOLLECTED_TYPES, hubSpokeEstate } from '../fake-azure/estate.js';

// The fake is local: test traffic must never be routed through a proxy from the environment.
for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy']) {
  delete process.env[name];
}

export const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.plaudit-test-token.c2lnbmF0dXJl';

/** Small delays so retries and backoff cost milliseconds in tests. */
export const FAST_RETRY = { maxRetries: 4, retryDelayMs: 5, maxRetryDelayMs: 40, requestTimeoutMs: 5000 };

export function startFake(options: Partial<FakeAzureOptions> = {}): Promise<FakeAzure> {
  return startFakeAzure({
    estate: hubSpokeEstate(),
    // Generous: most tests are not about the quota.
    graphQuota: { limit: 1000, windowMs: 5000 },
    expectedToken: TOKEN,
    ...options,
  });
}

/** The certificate authorities Node trusts before any fake's joins them. */
const defaultAuthorities = getCACertificates('default');

/**
 * The CLI run in-process reaches the fake as the bin in a process of its own does with
 * NODE_EXTRA_CA_CERTS: the fake's certificate authority joins the default ones, in place of any
 * other fake's (all fakes' certificates name the same subject, which confuses OpenSSL's lookup when
 * two are trusted at once), until the returned function puts back what was trusted before.
 */
export function trustFake(fake: FakeAzure): () => void {
  const before = getCACertificates('default');
  setDefaultCACertificates([...defaultAuthorities, fake.ca]);
  return () => setDefaultCACertificates(before);
}

export function collectFrom(fake: FakeAzure, options: Partial<CollectOptions> = {}): Promise<CollectResult> {
  return collectSnapshot({
    credential: staticTokenCredential(TOKEN),
    armEndpoint: fake.url,
    tlsCa: fake.ca,
    retry: FAST_RETRY,
    readBudget: false,
    ...options,
  });
}

/** The estate's resources plaudit reads, by normalized id. */
export function expectedResources(resources: RawResource[] = hubSpokeEstate().resources): Map<string, RawResource> {
  return byId(resources.filter((r) => !UNCOLLECTED_TYPES.includes(r.type.toLowerCase())));
}

/** Resources by normalized id, with types lower-cased (Resource Graph's habit) so sources compare. */
export function byId(resources: RawResource[]): Map<string, RawResource> {
  return new Map(resources.map((r) => [normalizeId(r.id), { ...r, type: r.type.toLowerCase() }]));
}

export function captureLogs(level = 'debug'): { logger: Logger; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { logger: pino({ level }, stream), text: () => chunks.join('') };
}

/** Hosts of every outgoing HTTP(S) request made while `run` is under way. */
export async function recordHosts<T>(run: () => Promise<T>): Promise<{ result: T; hosts: Set<string> }> {
  const hosts = new Set<string>();
  const listener = (message: unknown): void => {
    const request = (message as { request?: { host?: string } }).request;
    hosts.add(request?.host ?? '(unknown)');
  };
  subscribe('http.client.request.start', listener);
  try {
    return { result: await run(), hosts };
  } finally {
    unsubscribe('http.client.request.start', listener);
  }
}
