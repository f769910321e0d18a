import { describe, expect, it } from 'vitest';
import { ids, referenceEstate, type Estate } from '../../../test/estates.js';
import { buildInventory } from '../../inventory/build/index.js';
import { parseSnapshot } from '../../snapshot/read.js';
import { endpointZoneReach, type EndpointZoneReach } from './endpoint-zone-reach.js';

const vaultZoneName = 'privatelink.vaultcore.azure.net';
const appDnsServers = 'dhcpOptions.dnsServers';

function vaultReach(estate: Estate): EndpointZoneReach {
  const inv = buildInventory(parseSnapshot(estate.snapshot(), 'test'));
  const found = endpointZoneReach(inv).find((reach) => reach.status.endpoint.key === ids.vaultEndpoint.toLowerCase());
  if (!found) throw new Error('no vault endpoint');
  return found;
}

/** Each problem as `kind consumer -> where`, for compact expectations. */
function problems(reach: EndpointZoneReach): string[] {
  return reach.zoneNames.flatMap((zoneName) =>
    zoneName.problems.map((problem) => {
      const where =
        problem.kind === 'notLinked'
          ? problem.resolving.name
          : problem.kind === 'unknownServer' || problem.kind === 'publicResolver'
            ? problem.ip
            : problem.kind === 'proxyDisabled'
              ? problem.firewall.name
              : problem.vnetKey;
      return `${problem.kind} ${problem.consumer.name} -> ${where}`;
    }),
  );
}

describe('endpointZoneReach', () => {
  it('names the zones serving an endpoint and finds no problem in the reference estate', () => {
    const reach = vaultReach(referenceEstate());
    expect(reach.consumersUnknown).toBe(false);
    expect(reach.zoneNames.map((zoneName) => [zoneName.zoneName, [...zoneName.zones.keys()]])).toEqual([
      [vaultZoneName, [ids.vaultZone.toLowerCase()]],
    ]);
    expect(problems(reach)).toEqual([]);
  });

  it('finds the VNet where Azure DNS answers, after custom DNS servers and forwarding rules', () => {
    expect(problems(vaultReach(referenceEstate().remove(ids.appLink)))).toEqual(['notLinked vnet-app -> vnet-app']);
    const viaFirewall = referenceEstate().set(ids.appVnet, appDnsServers, ['10.0.0.4']);
    expect(problems(vaultReach(viaFirewall.remove(ids.appLink)))).toEqual([]);
    expect(problems(vaultReach(viaFirewall.remove(ids.hubLink)))).toEqual(['notLinked vnet-app -> vnet-hub']);
    const viaRule = referenceEstate()
      .remove(ids.hubLink)
      .withResolverInboundEndpoint('10.0.3.4')
      .withForwardingRule(vaultZoneName, '10.0.3.4');
    const [problem] = vaultReach(viaRule).zoneNames[0]!.problems;
    expect(problem).toMatchObject({
      kind: 'notLinked',
      consumer: { name: 'vnet-app' },
      resolving: { name: 'vnet-hub' },
    });
    expect(problem?.kind === 'notLinked' && problem.path.hops.map((hop) => hop.kind)).toEqual([
      'forwardingRule',
      'inboundEndpoint',
    ]);
  });

  it('applies forwarding rules for the public name before the privatelink name', () => {
    // vault.azure.net goes to the hub resolver, whose VNet cannot see the zone.
    const publicRule = referenceEstate()
      .remove(ids.hubLink)
      .withResolverInboundEndpoint('10.0.3.4')
      .withForwardingRule('vault.azure.net', '10.0.3.4');
    expect(problems(vaultReach(publicRule))).toEqual(['notLinked vnet-app -> vnet-hub']);
    // vault.azure.net goes on-premises: what it answers is not known, never assumed private.
    const onPremises = referenceEstate().withForwardingRule('vault.azure.net', '192.168.10.5');
    expect(problems(vaultReach(onPremises))).toEqual(['unknownServer vnet-app -> 192.168.10.5']);
  });

  it('names public resolvers as such', () => {
    expect(problems(vaultReach(referenceEstate().set(ids.appVnet, appDnsServers, ['8.8.8.8'])))).toEqual([
      'publicResolver vnet-app -> 8.8.8.8',
    ]);
    const viaRule = referenceEstate().withForwardingRule('vault.azure.net', '1.1.1.1');
    expect(problems(vaultReach(viaRule))).toEqual(['publicResolver vnet-app -> 1.1.1.1']);
  });

  it('reports a linked zone of the same name that lacks the records', () => {
    const otherZone = `${ids.rgApp}/providers/Microsoft.Network/privateDnsZones/${vaultZoneName}`;
    const reach = vaultReach(referenceEstate().withVaultZoneCopy(otherZone, ids.appLink).remove(ids.appLink));
    expect(reach.zoneNames[0]?.problems).toMatchObject([
      { kind: 'notLinked', resolving: { name: 'vnet-app' }, linkedZoneKeys: [otherZone.toLowerCase()] },
    ]);
  });

  it('says what it cannot follow', () => {
    expect(problems(vaultReach(referenceEstate().set(ids.appVnet, appDnsServers, ['192.168.10.10'])))).toEqual([
      'unknownServer vnet-app -> 192.168.10.10',
    ]);
    expect(
      problems(
        vaultReach(
          referenceEstate()
            .set(ids.appVnet, appDnsServers, ['10.0.0.4'])
            .set(ids.firewallPolicy, 'dnsSettings.enableProxy', false),
        ),
      ),
    ).toEqual(['proxyDisabled vnet-app -> fw-hub']);
    const noSubnet = vaultReach(referenceEstate().set(ids.vaultEndpoint, 'subnet', {}));
    expect(noSubnet.consumersUnknown).toBe(true);
    expect(noSubnet.zoneNames).toEqual([]);
  });
});
