import { describe, expect, it } from 'vitest';
import { ids, referenceEstate, type Estate } from '../../../test/estates.js';
import { buildInventory } from '../../inventory/build/index.js';
import type { Inventory } from '../../inventory/inventory.js';
import { parseSnapshot } from '../../snapshot/read.js';
import { resolutionPaths } from './resolvers.js';
import {
  linkedVnetIds,
  linkedZoneKeysNamed,
  linkRelatedIds,
  vnetName,
  zoneNameOfLink,
  zoneReachOf,
  zoneResourceGroup,
} from './zone-links.js';

const vaultZoneName = 'privatelink.vaultcore.azure.net';

function inventoryOf(estate: Estate): Inventory {
  return buildInventory(parseSnapshot(estate.snapshot(), 'test'));
}

function link(inv: Inventory, id: string) {
  const found = inv.links.get(id.toLowerCase());
  if (!found) throw new Error(`no link ${id}`);
  return found;
}

function reachFromApp(inv: Inventory) {
  const app = inv.vnet(ids.appVnet)!;
  return resolutionPaths(inv, app).map((path) => zoneReachOf(inv, path, vaultZoneName));
}

describe('zone links', () => {
  it('names a link zone from the zone, or from the link id when the zone was not read', () => {
    expect(zoneNameOfLink(inventoryOf(referenceEstate()), link(inventoryOf(referenceEstate()), ids.appLink))).toBe(
      vaultZoneName,
    );
    const withoutZone = inventoryOf(
      referenceEstate()
        .remove(ids.vaultZone)
        .withIdsInCase((id) => id.toUpperCase()),
    );
    expect(zoneNameOfLink(withoutZone, link(withoutZone, ids.appLink))).toBe(vaultZoneName);
  });

  it('finds the zones of a name linked to a VNet, whatever the case of the ids', () => {
    const inv = inventoryOf(referenceEstate().withIdsInCase((id) => id.toUpperCase()));
    expect(linkedZoneKeysNamed(inv, ids.appVnet, 'PrivateLink.VaultCore.Azure.Net')).toEqual([
      ids.vaultZone.toLowerCase(),
    ]);
    expect(linkedZoneKeysNamed(inv, ids.appVnet, 'privatelink.blob.core.windows.net')).toEqual([]);
  });

  it('lists the VNets a zone is linked to once each, sorted', () => {
    const inv = inventoryOf(
      referenceEstate().copy(ids.appLink, `${ids.vaultZone}/virtualNetworkLinks/link-vnet-app-again`),
    );
    expect(linkedVnetIds(inv, ids.vaultZone.toLowerCase()).map((id) => vnetName(inv, id))).toEqual([
      'vnet-hub',
      'vnet-app',
      'vnet-pep',
    ]);
  });

  it('cites only the zone and VNet of a link that were read', () => {
    const inv = inventoryOf(referenceEstate().remove(ids.vaultZone));
    expect(linkRelatedIds(inv, link(inv, ids.hubLink))).toEqual([ids.hubVnet]);
    expect(vnetName(inv, `${ids.rgApp}/providers/Microsoft.Network/virtualNetworks/vnet-gone`)).toBe('vnet-gone');
  });

  it('reads the resource group that tells same-named zones apart', () => {
    expect(zoneResourceGroup(ids.vaultZone)).toBe('rg-dns');
    expect(zoneResourceGroup(ids.vaultZone.toUpperCase())).toBe('RG-DNS');
  });
});

describe('zone reach along a resolution path', () => {
  it('is linked when Azure DNS answers in a linked VNet', () => {
    expect(reachFromApp(inventoryOf(referenceEstate()))).toEqual([
      { kind: 'linked', vnetKey: ids.appVnet.toLowerCase(), zoneKeys: [ids.vaultZone.toLowerCase()] },
    ]);
  });

  it('follows the firewall DNS proxy to the hub', () => {
    const inv = inventoryOf(
      referenceEstate().set(ids.appVnet, 'dhcpOptions.dnsServers', ['10.0.0.4']).remove(ids.hubLink),
    );
    expect(reachFromApp(inv)).toEqual([{ kind: 'notLinked', vnetKey: ids.hubVnet.toLowerCase() }]);
  });

  it('stops at a DNS server outside the snapshot and at a firewall whose proxy is off', () => {
    const onPremises = inventoryOf(referenceEstate().set(ids.appVnet, 'dhcpOptions.dnsServers', ['192.168.1.1']));
    expect(reachFromApp(onPremises)).toEqual([{ kind: 'unknownServer', ip: '192.168.1.1' }]);
    const proxyOff = inventoryOf(
      referenceEstate()
        .set(ids.appVnet, 'dhcpOptions.dnsServers', ['10.0.0.4'])
        .set(ids.firewallPolicy, 'dnsSettings.enableProxy', false),
    );
    expect(reachFromApp(proxyOff).map((reach) => reach.kind)).toEqual(['proxyDisabled']);
  });
});
