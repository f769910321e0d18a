// A trace through a snapshot's index reads only part of the snapshot; its answer must be the whole
// snapshot's, byte for byte, for every source and destination of every estate: the bundled
// examples, generated hub-and-spoke estates, every check's case estates, and hostile ones.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benchEstate } from '../bench/estate.js';
import { generateEstate } from '../bench/generate.js';
import type { Snapshot } from '../src/snapshot/types.js';
import { ids, referenceEstate, type Estate } from './estates.js';
import { hostileEstate } from './hostile-estate.js';
import { compareTraces, indexedFile, withSubnetLists } from './trace-index-estates.js';

const example = (name: string) => readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8');

async function expectSameTraces(
  snapshot: Snapshot | string,
  options: { readonly compact?: boolean; readonly viewAbove?: number } = {},
): Promise<number> {
  const path = await indexedFile(snapshot, options);
  const { pairs, mismatches } = await compareTraces(path);
  expect(mismatches.slice(0, 3)).toEqual([]);
  expect(pairs).toBeGreaterThan(0);
  return pairs;
}

describe('trace through a snapshot index', { timeout: 180_000 }, () => {
  for (const name of ['clean.json', 'drifted.json', 'vwan.json']) {
    it(`answers as the whole snapshot for every source and destination of examples/${name}`, async () => {
      expect(await expectSameTraces(example(name))).toBeGreaterThan(100);
    });
  }

  it('answers as the whole snapshot in a generated hub-and-spoke estate with drift', async () => {
    const estate = benchEstate({ endpoints: 6, spokes: 4, rules: 12 }) as Snapshot;
    await expectSameTraces(estate);
    await expectSameTraces(withSubnetLists(estate), { compact: true, viewAbove: 0 });
  });

  it('answers as the whole snapshot in a generated estate with a missing rule and unlinked spokes', async () => {
    const estate = generateEstate({
      endpoints: 5,
      spokes: 4,
      rules: 5,
      broken: { missingRule: true, unlinkedSpokes: 2, staleSpokes: 2 },
    }) as Snapshot;
    await expectSameTraces(estate, { compact: true });
  });

  it('answers as the whole snapshot when names and ids are hostile or differ in letter case', async () => {
    await expectSameTraces(hostileEstate().snapshot(), { compact: true });
    await expectSameTraces(withSubnetLists(referenceEstate().withIdsUpperCased().snapshot()), { viewAbove: 0 });
  });

  it('answers as the whole snapshot for resources the index could mislead on', async () => {
    const nic = ids.vaultEndpointNic;
    const estates: Estate[] = [
      // The same NIC twice (the later copy wins), and a NIC whose VNet is not in the snapshot.
      referenceEstate().copy(nic, nic, (copy) => {
        (
          copy.properties!.ipConfigurations as { properties: Record<string, unknown> }[]
        )[0]!.properties.privateIPAddress = '10.2.0.77';
      }),
      referenceEstate().copy(ids.vmNic, `${ids.vmNic}-elsewhere`, (copy) => {
        (copy.properties!.ipConfigurations as { properties: Record<string, unknown> }[])[0]!.properties.subnet = {
          id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualNetworks/gone/subnets/s',
        };
      }),
      // An endpoint known only by its customDnsConfigs, and addresses written loosely.
      referenceEstate()
        .remove(nic)
        .set(ids.vaultEndpoint, 'customDnsConfigs', [{ fqdn: 'kv-app.vault.azure.net', ipAddresses: ['10.2.0.4'] }]),
      referenceEstate().set(nic, 'ipConfigurations.0.properties.privateIPAddress', ' 10.2.0.4 '),
      // Two VMs of one name, and a record of the same first label in another zone.
      referenceEstate().copy(ids.vm, `${ids.vm}-twin`, (copy) => {
        copy.name = ids.vm.split('/').pop()!;
      }),
      // An endpoint NIC with IP forwarding on, which every read takes: the endpoint comes with it.
      referenceEstate().set(nic, 'enableIPForwarding', true),
      // A service whose connection names the endpoint, though the endpoint does not name the service.
      referenceEstate().copy(ids.vault, `${ids.vault}-claims`, (copy) => {
        copy.properties!.privateEndpointConnections = [
          {
            id: `${ids.vault}-claims/privateEndpointConnections/c`,
            properties: {
              privateEndpoint: { id: ids.vaultEndpoint.toUpperCase() },
              privateLinkServiceConnectionState: { status: 'Rejected' },
            },
          },
        ];
      }),
      // A GatewaySubnet that knows its gateway only from its list of IP configurations.
      referenceEstate().withSubnet(
        `${ids.firewallSubnet.replace(/\/subnets\/.*$/, '')}/subnets/GatewaySubnet`,
        '10.0.2.0/27',
        {
          ipConfigurations: [
            { id: `${ids.rgPep}/providers/Microsoft.Network/virtualNetworkGateways/vgw-hub/ipConfigurations/default` },
            { id: `${ids.vmNic}/ipConfigurations/ipconfig9` },
          ],
        },
      ),
      referenceEstate().withVaultZoneCopy(
        '/subscriptions/x/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/vault.azure.net',
      ),
    ];
    for (const estate of estates) {
      await expectSameTraces(estate.snapshot(), { compact: true });
      await expectSameTraces(withSubnetLists(estate.snapshot()), { viewAbove: 0 });
    }
  });

  it('answers as the whole snapshot whatever the snapshot shape (array, Resource Graph data)', async () => {
    const { resources } = referenceEstate().snapshot();
    await expectSameTraces(JSON.stringify(resources));
    await expectSameTraces(JSON.stringify({ data: resources, count: resources.length }, null, 1));
  });
});

describe('trace through the index of every check case estate', () => {
  const tables = import.meta.glob<{ default: { name: string; estate: Estate }[] }>('../checks/*/*.cases.ts', {
    eager: true,
  });
  for (const [file, table] of Object.entries(tables)) {
    it(`answers as the whole snapshot in ${file.replace('../checks/', '')}`, async () => {
      for (const testCase of table.default) {
        // As ARM returns them, subnets list their NICs and endpoints: the index reads them as trace views.
        const path = await indexedFile(withSubnetLists(testCase.estate.snapshot()), { compact: true, viewAbove: 0 });
        const { mismatches } = await compareTraces(path, 40);
        expect(
          mismatches.slice(0, 2).map((mismatch) => ({ case: testCase.name, ...mismatch })),
          testCase.name,
        ).toEqual([]);
      }
    }, 300_000);
  }
});
