// `plaudit consumers` on the bundled examples and on estates with every consumer kind: the role,
// the reason and the path of each subnet, as text and as JSON.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDnsServerVm, withGateway, withSecondHub, withWorkload } from './consumer-estates.js';
import { drifted, plaudit } from './cli-helpers.js';
import { referenceEstate, type Estate } from './estates.js';

function snapshotFile(estate: Estate): string {
  const path = join(mkdtempSync(join(tmpdir(), 'plaudit-consumers-')), 'snapshot.json');
  writeFileSync(path, JSON.stringify(estate.snapshot()));
  return path;
}

interface Listed {
  name: string;
  vnet: string;
  consumer: boolean;
  routesOnly: boolean;
  kind: string;
  reason: string;
  reaches: { path: string; hops: number; notes: { severity: string; text: string }[] }[];
}

async function listing(estate: Estate): Promise<Listed[]> {
  const run = await plaudit('consumers', '--snapshot', snapshotFile(estate), '--format', 'json');
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { subnets: Listed[] }).subnets;
}

const find = (subnets: Listed[], name: string) => subnets.find((subnet) => subnet.name === name)!;

describe('plaudit consumers', () => {
  it('lists every subnet of the drifted example with why it is judged, and the broken link on the way', async () => {
    const run = await plaudit('consumers', '--snapshot', drifted);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('5 subnets, 2 judged as consumers of private endpoints');
    expect(run.stdout).toContain(
      'consumer vnet-app/sn-app (vm)\n         Holds NIC nic-vm-app (10.1.0.4): a consumer.',
    );
    expect(run.stdout).toContain('reaches 3 endpoints: vnet-app -> vnet-hub (fw-hub) -> vnet-pep');
    expect(run.stdout).toContain('broken: the link from vnet-hub to vnet-pep is not Connected');
    expect(run.stdout).toContain('not      vnet-hub/GatewaySubnet (empty)');
  });

  it('names the kind of each workload subnet', async () => {
    const kinds = [
      ['aksNodePool', 'aksNodePool', 'node pool nodepool1 of AKS cluster aks-app'],
      ['aksKubenetScaleSet', 'aksNodePool', 'IP forwarding on for pod traffic'],
      ['scaleSet', 'scaleSet', 'scale set vmss-batch'],
      ['appService', 'appService', 'App Service app app-orders (VNet integration)'],
      ['containerApps', 'containerApps', 'Container Apps environment cae-app'],
      ['applicationGateway', 'applicationGateway', 'application gateway agw-app'],
      ['listedScaleSetInstance', 'aksNodePool', 'not read; named as AKS names them'],
    ] as const;
    for (const [builder, kind, reason] of kinds) {
      const subnet = find(await listing(withWorkload(referenceEstate(), builder, true)), 'sn-workload');
      expect(subnet.consumer, builder).toBe(true);
      expect(subnet.kind, builder).toBe(kind);
      expect(subnet.reason, builder).toContain(reason);
    }
    const appliance = find(await listing(withWorkload(referenceEstate(), 'applianceScaleSet', false)), 'sn-workload');
    expect(appliance).toMatchObject({ consumer: false, kind: 'appliance' });
    expect(appliance.reason).toContain('which forward traffic for others; not a consumer');
  });

  it('says a DNS forwarder the spokes name is no consumer, and the same VM unnamed is', async () => {
    const named = find(await listing(withDnsServerVm(referenceEstate(), true)), 'sn-dns');
    expect(named).toMatchObject({ consumer: false, kind: 'dnsForwarder' });
    expect(named.reason).toContain('named as DNS server by vnet-app');
    expect(find(await listing(withDnsServerVm(referenceEstate(), false)), 'sn-dns')).toMatchObject({
      consumer: true,
      kind: 'vm',
    });
  });

  it('judges GatewaySubnet with a gateway as the on-premises entry, for routes only', async () => {
    const gateway = find(await listing(withGateway(referenceEstate(), false)), 'GatewaySubnet');
    expect(gateway).toMatchObject({ consumer: true, routesOnly: true, kind: 'gateway' });
    expect(gateway.reaches[0]!.notes.map((note) => note.text)).toEqual([
      "peering peer-pep-to-hub on vnet-pep does not use remote gateways, so on-premises learns vnet-pep's prefixes only from static routes",
    ]);
  });

  it('shows the three-link path through a second hub, and no path where the hub forwards nothing', async () => {
    const far = find(await listing(withSecondHub(referenceEstate(), { farRoutes: true })), 'sn-far');
    expect(far.reaches).toEqual([
      {
        vnetId: expect.any(String),
        endpoints: 1,
        path: 'vnet-far -> vnet-hub2 (fw-hub2) -> vnet-hub (fw-hub) -> vnet-pep',
        hops: 3,
        notes: [],
      },
    ]);
    const cut = find(
      await listing(withSecondHub(referenceEstate(), { farRoutes: true, hub2Firewall: false })),
      'sn-far',
    );
    expect(cut.consumer).toBe(true);
    expect(cut.reaches).toEqual([]);
  });

  it('warns where a peering on the way drops forwarded traffic', async () => {
    const subnets = await listing(
      withSecondHub(referenceEstate(), { farRoutes: true }).update(
        '/subscriptions/1a2b3c4d-0000-4000-8000-000000000001/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/virtualNetworkPeerings/peer-hub-to-hub2',
        (peering) => {
          (peering.properties as Record<string, unknown>).allowForwardedTraffic = false;
        },
      ),
    );
    expect(find(subnets, 'sn-far').reaches[0]!.notes).toEqual([
      {
        severity: 'warning',
        text: 'peering peer-hub-to-hub2 on vnet-hub does not allow forwarded traffic, so vnet-hub drops what the appliance in vnet-hub2 forwards unless it SNATs it',
      },
    ]);
  });

  it('refuses bad input with one line', async () => {
    const run = await plaudit('consumers', '--snapshot', '/nonexistent/snapshot.json');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
