import { describe, expect, it } from 'vitest';
import { ids, referenceEstate, type Estate } from '../../../test/estates.js';
import { buildInventory } from '../../inventory/build/index.js';
import type { Inventory } from '../../inventory/inventory.js';
import { parseSnapshot } from '../../snapshot/read.js';
import {
  accountedPrivateLinkNames,
  connectionGaps,
  endpointDnsStatuses,
  undecidedEndpointIps,
} from './endpoint-dns-status.js';

const connection = 'privateLinkServiceConnections.0.properties';
const vaultName = 'kv-pep-spokepep.privatelink.vaultcore.azure.net';

function inventoryOf(estate: Estate): Inventory {
  return buildInventory(parseSnapshot(estate.snapshot(), 'test'));
}

function onlyStatus(inv: Inventory) {
  const statuses = endpointDnsStatuses(inv);
  expect(statuses).toHaveLength(1);
  return statuses[0]!;
}

describe('endpoint DNS status', () => {
  it('locates the reference endpoint record and has nothing undecided', () => {
    const status = onlyStatus(inventoryOf(referenceEstate()));
    expect(status.undecided).toEqual([]);
    expect(status.records.map((record) => [record.state, record.privatelinkName])).toEqual([['found', vaultName]]);
  });

  it('keeps missing records and names without a zone', () => {
    const missing = onlyStatus(inventoryOf(referenceEstate().remove(ids.vaultRecord)));
    expect(missing.records.map((record) => record.state)).toEqual(['missing']);
    const noZone = onlyStatus(inventoryOf(referenceEstate().remove(ids.vaultZoneGroup).remove(ids.vaultZone)));
    expect(noZone.records.map((record) => record.state)).toEqual(['noZone']);
    expect(noZone.undecided).toEqual([]);
  });

  it('says why names cannot be judged', () => {
    const unread = onlyStatus(inventoryOf(referenceEstate().remove(ids.vaultZone)));
    expect(unread.records).toEqual([]);
    expect(unread.undecided).toEqual([expect.stringMatching(/zone group points at zone .* not in the snapshot/)]);

    const unknown = onlyStatus(
      inventoryOf(
        referenceEstate()
          .set(
            ids.vaultEndpoint,
            `${connection}.privateLinkServiceId`,
            `${ids.rgPep}/providers/Contoso.Widgets/widgets/w1`,
          )
          .set(ids.vaultEndpoint, `${connection}.groupIds`, ['widget']),
      ),
    );
    expect(unknown.undecided).toEqual([expect.stringMatching(/does not know the privatelink zones of contoso/)]);

    const noNic = onlyStatus(inventoryOf(referenceEstate().remove(ids.vaultEndpointNic)));
    expect(noNic.undecided).toEqual([expect.stringMatching(/no FQDN is known/)]);
  });

  it('reports connections without a target or group id, but not private link services', () => {
    const inv = inventoryOf(
      referenceEstate()
        .set(ids.vaultEndpoint, `${connection}.groupIds`, [])
        .set(ids.vaultEndpoint, 'manualPrivateLinkServiceConnections', [
          {
            name: 'pls',
            properties: { privateLinkServiceId: `${ids.rgHub}/providers/Microsoft.Network/privateLinkServices/pls-x` },
          },
          { name: 'orphan', properties: {} },
        ]),
    );
    expect(connectionGaps(inv.privateEndpoints.get(ids.vaultEndpoint.toLowerCase())!)).toEqual([
      'connection pe-kv-pep-spokepep to kv-pep-spokepep has no group id',
      'connection orphan names no target resource',
    ]);
  });
});

describe('names accounted for by endpoints', () => {
  it('holds the privatelink names, the public names and what zone groups wrote', () => {
    const names = accountedPrivateLinkNames(
      inventoryOf(
        referenceEstate().set(ids.vaultZoneGroup, 'privateDnsZoneConfigs.0.properties.recordSets', [
          { recordType: 'A', recordSetName: 'KV-Extra', ipAddresses: ['10.2.0.4'] },
          { recordType: 'A', fqdn: 'kv-fqdn.privatelink.vaultcore.azure.net.', ipAddresses: ['10.2.0.4'] },
        ]),
      ),
    );
    expect([...names].sort()).toEqual([
      'kv-extra.privatelink.vaultcore.azure.net',
      'kv-fqdn.privatelink.vaultcore.azure.net',
      'kv-pep-spokepep.privatelink.vaultcore.azure.net',
      'kv-pep-spokepep.vault.azure.net',
    ]);
  });

  it('maps the IPs of undecided endpoints to them', () => {
    const inv = inventoryOf(
      referenceEstate().set(
        ids.vaultEndpoint,
        `${connection}.privateLinkServiceId`,
        `${ids.rgPep}/providers/Contoso.Widgets/widgets/w1`,
      ),
    );
    const owners = undecidedEndpointIps(inv, endpointDnsStatuses(inv));
    expect([...owners.keys()]).toEqual(['10.2.0.4']);
    expect(
      undecidedEndpointIps(inventoryOf(referenceEstate()), endpointDnsStatuses(inventoryOf(referenceEstate()))),
    ).toEqual(new Map());
  });
});
