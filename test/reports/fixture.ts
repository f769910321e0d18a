// Small, fixed scan results for the reporter goldens. The catalogue here is hand-written metadata
// (not the real checks) so that editing a check's prose does not churn the reporter goldens.
import type { CheckMeta } from '../../checks/define.js';
import type { Finding, ScanResult } from '../../src/engine/types.js';
import { ids } from '../estates.js';

const docs = 'https://github.com/plaudit-dev/plaudit/blob/main/docs/checks';

function meta(fields: Omit<CheckMeta, 'rationale' | 'remediation' | 'references'> & Partial<CheckMeta>): CheckMeta {
  return {
    rationale: `Why ${fields.id} matters, in one short paragraph with \`code\`.`,
    remediation: `Fix it:\n\n\`\`\`sh\naz network something update --name <name>\n\`\`\``,
    references: [
      {
        title: 'Azure Private Endpoint DNS configuration',
        url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-dns',
      },
    ],
    helpUri: `${docs}/${fields.id}.md`,
    ...fields,
  } as CheckMeta;
}

export const fixtureCatalogue: readonly CheckMeta[] = [
  meta({
    id: 'dns/link-autoregistration',
    title: 'Links to privatelink zones do not auto-register VMs',
    level: 'warning',
    tags: ['dns'],
  }),
  meta({
    id: 'dns/record-ip-mismatch',
    title: "Private DNS A records hold exactly their private endpoint's IPs",
    level: 'error',
    tags: ['dns', 'private-endpoint'],
    references: [
      {
        title: 'Azure Private Endpoint DNS configuration',
        url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-dns',
      },
      {
        title: 'Private endpoint DNS integration',
        url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration',
      },
    ],
  }),
  meta({
    id: 'dns/zone-not-linked',
    title: 'Every VNet that resolves a private endpoint is linked to its zone',
    level: 'error',
    tags: ['dns', 'split-brain'],
  }),
  meta({
    id: 'network/peering-not-connected',
    title: 'Peerings on private endpoint paths are connected',
    level: 'error',
    tags: ['network', 'peering'],
  }),
  meta({
    id: 'paas/public-network-access-enabled',
    title: 'Services behind private endpoints refuse public traffic',
    level: 'error',
    securitySeverity: 7.5,
    tags: ['paas', 'public-access'],
  }),
  meta({ id: 'route/blackhole', title: 'Every private endpoint IP has a route', level: 'error', tags: ['routing'] }),
];

const tool = { name: 'plaudit', version: '1.2.3' };
const unreadSubscription = '/subscriptions/9f8e7d6c-0000-4000-8000-000000000009';
const legacyVnet = `${ids.rgApp}/providers/Microsoft.Network/virtualNetworks/vnet-legacy`;

const linkFinding: Finding = {
  checkId: 'dns/link-autoregistration',
  level: 'warning',
  resourceId: ids.appLink,
  message: 'Link link-vnet-app registers VM names in privatelink.vaultcore.azure.net.',
  related: [ids.appVnet],
  fingerprint: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
};
const recordFinding: Finding = {
  checkId: 'dns/record-ip-mismatch',
  level: 'error',
  resourceId: ids.vaultRecord,
  message:
    'A record kv-pep-spokepep.privatelink.vaultcore.azure.net resolves to 10.2.0.9 but private endpoint pe-kv-pep-spokepep has 10.2.0.4.',
  related: [ids.vaultEndpoint],
  fingerprint: '3f1c0a9b2d7e4c1100aa11bb22cc33dd',
};
const publicFinding: Finding = {
  checkId: 'paas/public-network-access-enabled',
  level: 'warning',
  resourceId: ids.vault,
  message: 'Key vault kv-pep-spokepep accepts public traffic, though its firewall denies by default.',
  related: [],
  fingerprint: 'aa00bb11cc22dd33ee44ff5566778899',
};

/** Findings from three checks, a scope not read, an inconclusive result and a crashed check. */
export const fullResult: ScanResult = {
  tool,
  cloud: 'AzureCloud',
  scope: {
    subscriptions: [ids.connectivity.split('/')[2]!, ids.landingZone.split('/')[2]!, unreadSubscription.split('/')[2]!],
  },
  collectedAt: '2026-11-20T02:00:00Z',
  checks: fixtureCatalogue.map((check) => check.id),
  findings: [linkFinding, recordFinding, publicFinding],
  incomplete: [
    {
      scope: unreadSubscription,
      reason: '403 AuthorizationFailed: the client has no read access to the subscription.',
    },
    {
      checkId: 'dns/zone-not-linked',
      resourceId: legacyVnet,
      reason: 'Its DNS server 10.9.0.4 is in no VNet in the snapshot.',
    },
  ],
  checkFailures: [{ checkId: 'route/blackhole', error: "Cannot read properties of undefined (reading 'routes')" }],
};

/** Nothing found, nothing missing, no timestamp: a scan of a whole snapshot file. */
export const cleanResult: ScanResult = {
  tool,
  cloud: 'AzureCloud',
  scope: { snapshot: 'examples/clean.json' },
  checks: fixtureCatalogue.map((check) => check.id),
  findings: [],
  incomplete: [],
  checkFailures: [],
};

/** A scan against a baseline, one finding suppressed by configuration, one fixed since. */
export const baselineResult: ScanResult = {
  tool,
  cloud: 'AzureUSGovernment',
  scope: { resourceGroups: [ids.rgPep, ids.rgDns], snapshot: 'snapshots/today.json' },
  collectedAt: '2026-11-21T06:30:15.250Z',
  checks: ['dns/link-autoregistration', 'dns/record-ip-mismatch', 'paas/public-network-access-enabled'],
  findings: [
    { ...linkFinding, baselineState: 'absent' },
    { ...recordFinding, baselineState: 'new' },
    {
      ...publicFinding,
      baselineState: 'unchanged',
      suppression: {
        reason: 'Public access stays on until the build agents move into the VNet.',
        expires: '2027-01-31',
      },
    },
  ],
  incomplete: [],
  checkFailures: [],
};

export const scenarios = { full: fullResult, clean: cleanResult, baseline: baselineResult } as const;
