// The bundled estates are the README's promise: the clean one passes, the drifted one and the
// Virtual WAN one report exactly the faults planted in them (see examples/README.md), nothing more.
import { describe, expect, it } from 'vitest';
import { catalogue } from '../checks/index.js';
import { runChecks } from '../src/engine/run.js';
import { buildInventory } from '../src/inventory/build/index.js';
import { readSnapshotFile } from '../src/snapshot/read.js';

async function scanExample(name: string) {
  const snapshot = await readSnapshotFile(new URL(`../examples/${name}`, import.meta.url).pathname);
  return runChecks(buildInventory(snapshot), catalogue);
}

describe('bundled examples', () => {
  it('the clean estate has no findings and nothing incomplete', async () => {
    const outcome = await scanExample('clean.json');
    expect(outcome.findings).toEqual([]);
    expect(outcome.incomplete).toEqual([]);
    expect(outcome.checkFailures).toEqual([]);
  });

  it('the drifted estate reports exactly the planted drift', async () => {
    const outcome = await scanExample('drifted.json');
    const reported = outcome.findings.map(
      (finding) => `${finding.checkId} ${finding.level} ${finding.resourceId.split('/').pop()}`,
    );
    expect(reported).toEqual([
      'dns/link-autoregistration warning link-vnet-hub',
      'dns/record-stale warning kv-legacy-billing',
      'dns/zone-missing error pe-stpepspokelogs-blob',
      'dns/zone-not-linked error vnet-app',
      'firewall/fqdn-not-allowed error fwpol-hub',
      'network/peering-not-connected error peer-pep-to-hub',
      'paas/connection-not-approved error pe-kv-pep-payments',
      'paas/no-private-endpoint warning kv-pep-payments',
      'paas/public-network-access-enabled error stpepspokelogs',
      'route/next-hop-stale-ip error rt-batch',
      'route/service-endpoint-bypass warning sn-batch',
    ]);
    expect(outcome.incomplete).toEqual([]);
    expect(outcome.checkFailures).toEqual([]);
  });

  it('the Virtual WAN estate reports exactly the planted faults', async () => {
    const outcome = await scanExample('vwan.json');
    const reported = outcome.findings.map(
      (finding) => `${finding.checkId} ${finding.level} ${finding.resourceId.split('/').pop()}`,
    );
    expect(reported).toEqual([
      'firewall/dns-not-private error fwpol-vhub-weu',
      'network/nsg-blocks-endpoint error nsg-sn-pep-weu',
      'route/blackhole error rt-batch-weu',
    ]);
    expect(outcome.incomplete).toEqual([]);
    expect(outcome.checkFailures).toEqual([]);
  });
});
