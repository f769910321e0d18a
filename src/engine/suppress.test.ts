import { describe, expect, it } from 'vitest';
import { parseConfig, suppressionRules } from '../config/config.js';
import { applySuppressions } from './suppress.js';
import type { Finding } from './types.js';

const record: Finding = {
  checkId: 'dns/record-stale',
  level: 'warning',
  resourceId:
    '/subscriptions/S/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net/A/kv-legacy',
  message: 'Stale.',
  related: [],
  fingerprint: 'f1',
};
const vault: Finding = {
  ...record,
  checkId: 'paas/public-network-access-enabled',
  resourceId: '/subscriptions/S/x/vaults/kv',
  fingerprint: 'f2',
};

const rules = suppressionRules(
  parseConfig(
    `suppressions:
  - check: dns/record-stale
    resource: "*/privatednszones/privatelink.vaultcore.azure.net/a/kv-*"
    reason: Kept for the billing migration
    expires: 2026-12-31
ignore:
  - resource: "*/vaults/kv"
    reason: Sandbox vault
`,
    'plaudit.config.yaml',
  ),
);

describe('applySuppressions', () => {
  it('marks matching findings with the reason and expiry, case-insensitively', () => {
    const { findings, notices } = applySuppressions([record, vault], rules, '2026-11-21');
    expect(findings[0]!.suppression).toEqual({ reason: 'Kept for the billing migration', expires: '2026-12-31' });
    expect(findings[1]!.suppression).toEqual({ reason: 'ignored: Sandbox vault' });
    expect(notices).toEqual([]);
  });

  it('stops suppressing on the expiry day and says so', () => {
    const { findings, notices } = applySuppressions([record], rules, '2026-12-31');
    expect(findings[0]!.suppression).toBeUndefined();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('expired on 2026-12-31');
  });

  it('leaves findings of other checks alone', () => {
    const other = { ...record, checkId: 'dns/record-ip-mismatch' };
    const { findings } = applySuppressions([other], rules, '2026-11-21');
    expect(findings[0]!.suppression).toBeUndefined();
  });
});
