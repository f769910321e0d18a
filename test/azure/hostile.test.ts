// Answers that are not transient faults but traps: bodies that stall or drip, paging that never
// ends, a quota that resets in days, rows that go missing, empty bodies and error bodies that echo
// the bearer token. Each must end in bounded time with the affected part named as incomplete (or
// read another way) and no token anywhere in what plaudit writes.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/cli/logger.js';
import { parseDuration } from '../../src/cli/duration.js';
import { StderrLines } from '../../src/cli/terminal.js';
import { createHttpHeaders } from '@azure/core-rest-pipeline';
import { GraphQuota, QuotaTooFarError } from '../../src/azure/pipeline/throttle/graph-quota.js';
import { redactSecrets } from '../../src/azure/redact.js';
import { normalizeId } from '../../src/ids.js';
import type { FakeAzure, Fault } from '../fake-azure/server.js';
import { APP, HUB, ids } from '../fake-azure/estate.js';
import { TOKEN, byId, captureLogs, collectFrom, expectedResources, startFake } from './helpers.js';

let fake: FakeAzure | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const graph = { graph: true };
const vaultZoneGroups = { path: /pe-kv-app-01\/privateDnsZoneGroups$/i };
/** Short per-attempt limits, so that a stalled attempt costs a fraction of a second. */
const QUICK = { maxRetries: 2, retryDelayMs: 5, maxRetryDelayMs: 20, requestTimeoutMs: 400 };

async function collectWith(faults: Fault[], options: Parameters<typeof collectFrom>[1] = {}) {
  fake ??= await startFake({ pageSize: { min: 1, max: 3 } });
  fake.faults.push(...faults);
  const started = performance.now();
  const result = await collectFrom(fake, options);
  return { ...result, ms: performance.now() - started };
}

describe('a response that stalls or drips its body', () => {
  it('aborts an attempt whose body stalls after the headers, retries it, then names the part', async () => {
    const { snapshot, ms } = await collectWith([{ match: vaultZoneGroups, action: { kind: 'stall' } }], {
      retry: QUICK,
    });
    expect(snapshot.incomplete).toEqual([
      {
        scope: `${ids.vaultPe}/privateDnsZoneGroups`,
        reason: 'no response Timeout: no complete response within 0.4 s',
      },
    ]);
    // Three attempts of 400 ms, not forever.
    expect(ms).toBeLessThan(5000);
    expect(fake!.requests.filter((r) => /pe-kv-app-01\/privateDnsZoneGroups$/i.test(r.path))).toHaveLength(3);
    const expected = expectedResources();
    expected.delete(normalizeId(`${ids.vaultPe}/privateDnsZoneGroups/default`));
    expect(byId(snapshot.resources)).toEqual(expected);
  });

  it('counts the body in the attempt’s time limit: a dripping body is cut off and the retry reads it', async () => {
    const { snapshot, stats } = await collectWith(
      [{ match: vaultZoneGroups, times: 1, action: { kind: 'drip', intervalMs: 40, bytes: 4 } }],
      { retry: QUICK },
    );
    expect(snapshot.incomplete).toEqual([]);
    expect(byId(snapshot.resources)).toEqual(expectedResources());
    expect(stats.retries).toBe(1);
  });

  it('ends the whole read at its time limit and names what was not read', async () => {
    const { snapshot, ms } = await collectWith(
      [{ match: { path: /privateDnsZoneGroups$/i }, action: { kind: 'stall' } }],
      { retry: { ...QUICK, requestTimeoutMs: 60_000 }, timeLimitMs: 1500 },
    );
    expect(ms).toBeLessThan(4000);
    const reasons = new Set(snapshot.incomplete?.map((entry) => entry.reason));
    expect([...reasons]).toEqual([
      'no response CollectionTimeLimit: the collection time limit of 1.5 s ran out before this was read',
    ]);
    expect(snapshot.incomplete?.map((entry) => entry.scope)).toContain(`${ids.vaultPe}/privateDnsZoneGroups`);
  });
});

describe('the Resource Graph quota gate', () => {
  it('does not wait 99 hours for a quota reset: the queries fail at once and ARM reads the scope', async () => {
    const logs = captureLogs('warn');
    const { snapshot, ms } = await collectWith(
      [
        {
          match: graph,
          times: 1,
          action: {
            kind: 'headers',
            headers: { 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': '99:00:00' },
          },
        },
      ],
      { scope: { subscriptions: [HUB, APP] }, logger: logs.logger },
    );
    expect(ms).toBeLessThan(10_000);
    expect(snapshot.incomplete).toEqual([]);
    expect(byId(snapshot.resources)).toEqual(expectedResources());
    expect(logs.text()).toContain('QuotaResetTooFar');
  });
});

describe('GraphQuota', () => {
  const exhausted = (resetsAfter: string) =>
    createHttpHeaders({ 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': resetsAfter });

  it('refuses the queued queries when the reset is further away than it waits', async () => {
    const quota = new GraphQuota(1000);
    // Fill the default allowance, then queue one more.
    const turns = Array.from({ length: 16 }, () => quota.acquire());
    await Promise.all(turns.slice(0, 15));
    quota.release(exhausted('99:00:00'));
    await expect(turns[15]).rejects.toBeInstanceOf(QuotaTooFarError);
    expect(quota.waitMs()).toBeGreaterThan(98 * 3600 * 1000);
    quota.cancel();
  });

  it('still waits for a reset within its limit', async () => {
    const quota = new GraphQuota(5000);
    const turns = Array.from({ length: 16 }, () => quota.acquire());
    await Promise.all(turns.slice(0, 15));
    const started = performance.now();
    quota.release(exhausted('00:00:01'));
    await turns[15];
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
  });
});

describe('paging that does not end', () => {
  it('stops a Resource Graph $skipToken that repeats, and reads the scope through ARM', async () => {
    const logs = captureLogs('warn');
    const { snapshot, stats } = await collectWith([{ match: graph, action: { kind: 'repeatSkipToken' } }], {
      scope: { subscriptions: [HUB, APP] },
      logger: logs.logger,
    });
    expect(byId(snapshot.resources)).toEqual(expectedResources());
    expect(logs.text()).toContain('PagingLoop');
    expect(stats.pages.graph).toBeLessThan(50);
    // The lookups outside the scope have no ARM fallback of their own: they are named.
    for (const entry of snapshot.incomplete ?? []) {
      expect(entry.reason).toMatch(/^200 PagingLoop: the service returned a \$skipToken it had already returned/);
    }
  });

  it('stops an ARM nextLink that points at its own page, keeping that page', async () => {
    const { snapshot } = await collectWith(
      [
        { match: { path: /providers\/Microsoft\.Network\/networkInterfaces$/i }, action: { kind: 'selfNextLink' } },
        { match: { path: /providers\/Microsoft\.Compute\/virtualMachines$/i }, action: { kind: 'selfNextLink' } },
      ],
      { source: 'arm', scope: { subscriptions: [APP] } },
    );
    expect(snapshot.incomplete).toEqual([
      {
        scope: `/subscriptions/${APP}/providers/Microsoft.Compute/virtualMachines`,
        reason: expect.stringMatching(
          /^200 PagingLoop: the service returned a next page it had already returned \(page 2\); stopped there, after \d+ items/,
        ),
      },
      {
        scope: `/subscriptions/${APP}/providers/Microsoft.Network/networkInterfaces`,
        reason: expect.stringMatching(/^200 PagingLoop: .*after [1-3] items/),
      },
    ]);
    expect(snapshot.resources.some((r) => r.type === 'Microsoft.Network/networkInterfaces')).toBe(true);
  });
});

describe('rows Resource Graph announces but does not send', () => {
  it('checks the rows against totalRecords: the inventory is read through ARM, a lookup is named with the counts', async () => {
    const logs = captureLogs('warn');
    const { snapshot } = await collectWith([{ match: graph, action: { kind: 'shortPage', drop: 1 } }], {
      scope: { subscriptions: [APP] },
      logger: logs.logger,
    });
    expect(logs.text()).toMatch(
      /IncompleteResult: Resource Graph announced \d+ rows \(totalRecords\) but returned \d+/,
    );
    // Nothing of the scope vanished: ARM read what Resource Graph short-changed.
    const inScope = [...expectedResources().keys()].filter((id) => id.startsWith(`/subscriptions/${APP}`));
    const read = new Set(snapshot.resources.map((r) => normalizeId(r.id)));
    expect(inScope.filter((id) => !read.has(id))).toEqual([]);
    for (const entry of snapshot.incomplete ?? []) {
      expect(entry.reason).toMatch(/^200 IncompleteResult: Resource Graph announced (\d+) rows/);
    }
  });
});

describe('answers with nothing usable in them', () => {
  it('an empty 200 from Resource Graph is a failed request with its context, not a TypeError', async () => {
    const logs = captureLogs('warn');
    const { snapshot } = await collectWith([{ match: graph, action: { kind: 'empty' } }], {
      scope: { subscriptions: [HUB, APP] },
      logger: logs.logger,
      retry: QUICK,
    });
    expect(byId(snapshot.resources)).toEqual(expectedResources());
    const text = logs.text();
    expect(text).toMatch(
      /200 EmptyResponse: the response body is empty \(POST \/providers\/Microsoft\.ResourceGraph\/resources, request id fake-[0-9a-f]+\)/,
    );
    expect(text).not.toMatch(/TypeError|Cannot read properties/);
    for (const entry of snapshot.incomplete ?? []) {
      expect(entry.reason).toMatch(/^200 EmptyResponse: /);
    }
  });

  it('an empty 200 and a 200 with an error body from ARM name the part', async () => {
    const { snapshot } = await collectWith(
      [
        { match: vaultZoneGroups, action: { kind: 'empty' } },
        {
          match: { path: /pe-sql-app-01\/privateDnsZoneGroups$/i },
          action: { kind: 'status', status: 200, code: 'GatewayTimeout', message: 'The upstream did not answer.' },
        },
      ],
      { retry: QUICK },
    );
    expect(snapshot.incomplete).toEqual([
      {
        scope: `${ids.vaultPe}/privateDnsZoneGroups`,
        reason: expect.stringMatching(
          /^200 EmptyResponse: the response body is empty \(GET \/subscriptions\/.+\/pe-kv-app-01\/privateDnsZoneGroups, request id fake-[0-9a-f]+\)$/,
        ),
      },
      {
        scope: expect.stringMatching(/pe-sql-app-01\/privateDnsZoneGroups$/),
        reason: expect.stringMatching(/^200 GatewayTimeout: The upstream did not answer\. \(GET .+request id fake-/),
      },
    ]);
  });
});

describe('an error body that repeats the Authorization header', () => {
  it('never puts the token in incomplete reasons or logs', async () => {
    const logs = captureLogs('debug');
    const { snapshot } = await collectWith(
      [
        { match: vaultZoneGroups, action: { kind: 'echoAuthorization', status: 502 } },
        { match: graph, action: { kind: 'echoAuthorization', status: 403, code: 'AuthorizationFailed' } },
      ],
      { scope: { subscriptions: [HUB, APP] }, logger: logs.logger, retry: QUICK },
    );
    const written = JSON.stringify(snapshot) + logs.text();
    expect(written).not.toContain(TOKEN);
    expect(written).not.toMatch(/Bearer ey/i);
    expect(snapshot.incomplete).toContainEqual({
      scope: `${ids.vaultPe}/privateDnsZoneGroups`,
      reason: expect.stringContaining('Authorization: [redacted]'),
    });
  });

  it('never puts the token in the message of a 401', async () => {
    fake = await startFake();
    fake.faults.push({
      match: graph,
      action: { kind: 'echoAuthorization', status: 401, code: 'InvalidAuthenticationToken' },
    });
    const error = await collectFrom(fake, { scope: { subscriptions: [HUB] } }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Azure rejected the access token/);
    expect((error as Error).message).not.toContain(TOKEN);
    expect((error as Error).message).not.toMatch(/eyJ/);
  });

  it('the CLI logger blanks authorization headers and scrubs tokens from any field', () => {
    const lines: string[] = [];
    const stderr = new StderrLines({ write: (text: string) => lines.push(text), isTTY: false } as never, {});
    const log = createLogger({ level: 'debug', format: 'json' }, stderr);
    log.warn(
      {
        request: { headers: { authorization: `Bearer ${TOKEN}` } },
        reason: `upstream said Authorization: Bearer ${TOKEN}`,
        nested: { deeper: { text: `token ${TOKEN}` } },
      },
      `failed with Bearer ${TOKEN}`,
    );
    const text = lines.join('');
    expect(text).not.toContain(TOKEN);
    expect(text).toContain('[redacted]');
  });
});

describe('redactSecrets', () => {
  it.each([
    [`Authorization: Bearer ${TOKEN}`, 'Authorization: [redacted]'],
    [`{"authorization":"Bearer ${TOKEN}"}`, '{"authorization":"[redacted]"}'],
    [`got bearer abc.def-ghi_jkl= from the proxy`, 'got Bearer [redacted] from the proxy'],
    [`token=${TOKEN};`, 'token=[redacted];'],
    ['an ordinary message about /subscriptions/abc', 'an ordinary message about /subscriptions/abc'],
  ])('%s', (input, output) => {
    expect(redactSecrets(input)).toBe(output);
  });
});

describe('parseDuration (--timeout, PLAUDIT_TIMEOUT)', () => {
  it.each([
    ['90', 90_000],
    ['90s', 90_000],
    ['1.5m', 90_000],
    ['2h', 7_200_000],
    ['250ms', 250],
  ])('%s', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(['', 'soon', '0', '-5s', '10 days'])('refuses %j', (input) => {
    expect(() => parseDuration(input, 'PLAUDIT_TIMEOUT')).toThrow(/^PLAUDIT_TIMEOUT takes a duration/);
  });
});
