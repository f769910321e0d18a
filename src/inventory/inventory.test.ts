import { describe, expect, it } from 'vitest';
import { ids, referenceEstate } from '../../test/estates.js';
import { resolutionPaths } from '../net/dns/resolvers.js';
import { buildInventory } from './build/index.js';
import { consumerVnetsOf } from '../net/consumers/index.js';
import { endpointIps, peeredVnetKeys } from './topology.js';

describe('inventory', () => {
  it('links endpoint -> NIC -> subnet -> VNet and endpoint -> target', () => {
    const inv = buildInventory(referenceEstate().snapshot());
    const endpoint = inv.privateEndpoints.get(ids.vaultEndpoint.toLowerCase())!;
    expect(endpointIps(inv, endpoint)).toEqual(['10.2.0.4']);
    expect(inv.vnetOfSubnet(endpoint.subnetId)?.name).toBe('vnet-pep');
    expect(inv.endpointsTargeting(ids.vault.toUpperCase()).map((pe) => pe.name)).toEqual(['pe-kv-pep-spokepep']);
    expect(inv.zoneGroupsOf(endpoint)).toHaveLength(1);
    expect(inv.ipOwnersOf('10.0.0.4').map((owner) => owner.kind)).toEqual(['firewall']);
    expect(inv.zonesNamed('PrivateLink.VaultCore.Azure.Net')).toHaveLength(1);
    expect(inv.linksOfVnet(ids.appVnet.toLowerCase())).toHaveLength(1);
    expect(consumerVnetsOf(inv, endpoint).map((vnet) => vnet.name)).toEqual(['vnet-app']);
    expect(resolutionPaths(inv, inv.vnet(ids.appVnet)!)).toEqual([
      { hops: [], end: { kind: 'azureDns', vnetKey: ids.appVnet.toLowerCase() } },
    ]);
  });

  it('reads subnets and peerings standalone as well as embedded', () => {
    const estate = referenceEstate();
    const vnet = estate.find(ids.appVnet);
    const props = vnet.properties as {
      subnets: Record<string, unknown>[];
      virtualNetworkPeerings: Record<string, unknown>[];
    };
    const [subnet] = props.subnets;
    const [peering] = props.virtualNetworkPeerings;
    props.subnets = [];
    props.virtualNetworkPeerings = [];
    estate.add({ ...(subnet as object), type: 'microsoft.network/virtualnetworks/subnets' } as never);
    estate.add({ ...(peering as object), type: 'microsoft.network/virtualnetworks/virtualnetworkpeerings' } as never);
    const inv = buildInventory(estate.snapshot());
    expect(inv.vnet(ids.appVnet)!.subnets.map((s) => s.name)).toEqual(['sn-app']);
    expect(inv.subnet(ids.appSubnet)?.routeTableId).toBe(ids.appRouteTable);
    expect(peeredVnetKeys(inv, ids.appVnet.toLowerCase())).toEqual([ids.hubVnet.toLowerCase()]);
  });

  it('treats ids that differ only in case as the same resource', () => {
    const inv = buildInventory(
      referenceEstate()
        .withIdsInCase((id) => id.toUpperCase())
        .snapshot(),
    );
    expect(inv.vnet(ids.pepVnet)?.name).toBe('vnet-pep');
    expect(inv.subnet(ids.pepSubnet.toLowerCase())?.privateEndpointNetworkPolicies).toBe('Disabled');
  });

  it('follows custom DNS to a forwarder VM and a DNS proxy firewall', () => {
    const estate = referenceEstate().set(ids.appVnet, 'dhcpOptions', { dnsServers: ['10.0.0.4'] });
    const inv = buildInventory(estate.snapshot());
    const [path] = resolutionPaths(inv, inv.vnet(ids.appVnet)!);
    expect(path!.hops.map((hop) => hop.kind)).toEqual(['firewallProxy']);
    expect(path!.end).toEqual({ kind: 'azureDns', vnetKey: ids.hubVnet.toLowerCase() });

    const proxyOff = buildInventory(estate.set(ids.firewallPolicy, 'dnsSettings.enableProxy', false).snapshot());
    expect(resolutionPaths(proxyOff, proxyOff.vnet(ids.appVnet)!)[0]!.end.kind).toBe('proxyDisabled');

    const onPrem = buildInventory(
      referenceEstate()
        .set(ids.appVnet, 'dhcpOptions', { dnsServers: ['192.168.10.5'] })
        .snapshot(),
    );
    expect(resolutionPaths(onPrem, onPrem.vnet(ids.appVnet)!)[0]!.end).toEqual({
      kind: 'unknownServer',
      ip: '192.168.10.5',
    });
  });
});
