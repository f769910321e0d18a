import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../inventory/build/index.js';
import { parseSnapshot } from '../../snapshot/read.js';
import type { RawResource } from '../../snapshot/types.js';
import { generateEstate } from '../../../test/fake-azure/generate.js';
import { parseIpv4, parseIpv4Prefix } from '../cidr.js';
import { endpointRangeOf, rangeRouteFrom, routeTo } from './index.js';

/** Every (subnet, endpoint IP) pair: where a range answer exists, it is routeTo's answer. */
function agreement(resources: RawResource[]): { shared: number; perAddress: number } {
  const inv = buildInventory(parseSnapshot({ resources }, 'estate'));
  const ips = [...inv.nics.values()]
    .filter((nic) => nic.privateEndpointId)
    .flatMap((nic) => nic.ipConfigurations.map((config) => config.privateIp!));
  let shared = 0;
  let perAddress = 0;
  for (const subnet of inv.subnets.values()) {
    for (const ip of ips) {
      const range = endpointRangeOf(inv, parseIpv4(ip)!);
      const answer = range && rangeRouteFrom(inv, subnet, range);
      const decision = routeTo(inv, subnet, ip);
      if (!answer) {
        perAddress++;
        continue;
      }
      shared++;
      expect(answer.winner, `${subnet.name} -> ${ip}`).toBe(decision.winner);
      expect(answer.unknown).toBe(decision.unknown);
    }
  }
  return { shared, perAddress };
}

describe('rangeRouteFrom', () => {
  it('gives every endpoint IP of a range the route routeTo gives it', () => {
    const { estate } = generateEstate(120, 40);
    const { shared, perAddress } = agreement(estate.resources);
    expect(shared).toBeGreaterThan(0);
    // A spoke's own subnets see its endpoints' /32s: those are asked per address.
    expect(perAddress).toBeGreaterThan(0);
  });

  it('has no shared answer when a user route splits the range, and routeTo still decides', () => {
    const { estate } = generateEstate(120, 40);
    const table = estate.resources.find((r) => r.type === 'Microsoft.Network/routeTables')!;
    const routes = (table.properties as { routes: unknown[] }).routes;
    const peSubnet = estate.resources
      .filter((r) => r.type === 'Microsoft.Network/virtualNetworks')
      .flatMap(
        (vnet) => (vnet.properties as { subnets: { name: string; properties: { addressPrefix: string } }[] }).subnets,
      )
      .find((subnet) => subnet.name === 'snet-pe' && !subnet.properties.addressPrefix.startsWith('10.64.0.'))!;
    const inside = parseIpv4Prefix(peSubnet.properties.addressPrefix)!.text.replace(/0\/24$/, '16/28');
    routes.push({
      name: 'split',
      properties: { addressPrefix: inside, nextHopType: 'None', provisioningState: 'Succeeded' },
    });
    const inv = buildInventory(parseSnapshot({ resources: estate.resources }, 'estate'));
    const subnet = [...inv.subnets.values()].find((s) => s.routeTableId?.toLowerCase() === table.id.toLowerCase())!;
    expect(rangeRouteFrom(inv, subnet, parseIpv4Prefix(peSubnet.properties.addressPrefix)!)).toBeUndefined();
    agreement(estate.resources);
  });
});
