import { describe, expect, it } from 'vitest';
import { catalogue } from '../../checks/index.js';
import { ids, referenceEstate } from '../../test/estates.js';
import { buildInventory } from '../inventory/build/index.js';
import { parseSnapshot } from '../snapshot/read.js';
import { toolVersion } from '../version.js';
import { scan } from './scan.js';

// A wrong A record (in the connectivity subscription) and public access on the vault (in the
// landing zone): one finding on each side of a two-subscription estate.
const inventory = () =>
  buildInventory(
    parseSnapshot(
      referenceEstate()
        .set(ids.vaultRecord, 'aRecords', [{ ipv4Address: '10.2.0.9' }])
        .set(ids.vault, 'publicNetworkAccess', 'Enabled')
        .snapshot(),
      'scan.test',
    ),
  );
const findingsOf = (result: ReturnType<typeof scan>) =>
  result.findings.map((finding) => `${finding.checkId} ${finding.suppression?.reason ?? finding.baselineState ?? ''}`);

describe('scan', () => {
  it('assembles the result: this tool, the inventory cloud, the checks run, the snapshot gaps first', () => {
    const gap = { scope: ids.landingZone, reason: '403 AuthorizationFailed' };
    const result = scan(inventory(), {
      checks: catalogue,
      scope: { subscriptions: [ids.connectivity] },
      incomplete: [gap],
    });
    expect(result.tool).toEqual({ name: 'plaudit', version: toolVersion });
    expect(result.cloud).toBe('AzureCloud');
    expect(result.scope).toEqual({ subscriptions: [ids.connectivity] });
    expect(result.checks).toEqual(catalogue.map((check) => check.id));
    expect(result.incomplete[0]).toEqual(gap);
    expect(findingsOf(result)).toEqual(['dns/record-ip-mismatch ', 'paas/public-network-access-enabled ']);
    expect(result).not.toHaveProperty('notices');
  });

  it('reports only what the scan owns, judging it over the whole inventory', () => {
    const owns = (id: string) => id.toLowerCase().startsWith(ids.landingZone.toLowerCase());
    expect(findingsOf(scan(inventory(), { checks: catalogue, owns }))).toEqual(['paas/public-network-access-enabled ']);
  });

  it('marks suppressed findings, and says which suppressions expired', () => {
    const result = scan(inventory(), {
      checks: catalogue,
      suppressions: {
        suppressions: [
          { check: 'dns', resource: '*', reason: 'Migration', expires: '2026-12-31' },
          { check: 'paas', resource: '*', reason: 'Old', expires: '2026-01-01' },
        ],
      },
      today: '2026-06-01',
    });
    expect(findingsOf(result)).toEqual(['dns/record-ip-mismatch Migration', 'paas/public-network-access-enabled ']);
    expect(result.notices).toEqual([expect.stringContaining('expired on 2026-01-01')]);
  });

  it('marks findings against a baseline', () => {
    const before = scan(inventory(), { checks: catalogue.filter((check) => check.id.startsWith('dns/')) });
    const result = scan(inventory(), { checks: catalogue, baseline: before.findings });
    expect(findingsOf(result)).toEqual(['dns/record-ip-mismatch unchanged', 'paas/public-network-access-enabled new']);
  });
});
