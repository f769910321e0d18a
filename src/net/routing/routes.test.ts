import { describe, expect, it } from 'vitest';
import { normalizeId } from '../../ids.js';
import { buildInventory } from '../../inventory/build/index.js';
import type { Inventory } from '../../inventory/inventory.js';
import { parseSnapshot } from '../../snapshot/read.js';
import type { RawResource } from '../../snapshot/types.js';
import { referenceEstate, ids } from '../../../test/estates.js';
import { describeRoute, effectiveRoutes, routeTo, routeToService, type RouteDecision } from './index.js';

// Small hand-built estates: a hub (10.0.0.0/16), an app spoke (10.1.0.0/16) and an endpoint
// spoke (10.2.0.0/16, PE at 10.2.0.4), each spoke peered with the hub only unless a case says so.
const rg = '/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/Microsoft.Network';
const vnetId = (name: string) => `${rg}/virtualNetworks/${name}`;
const subnetId = (vnet: string, name: string) => `${vnetId(vnet)}/subnets/${name}`;
const tableId = (name: string) => `${rg}/routeTables/${name}`;
const endpointId = (name: string) => `${rg}/privateEndpoints/${name}`;

interface SubnetSpec {
  name: string;
  prefix: string;
  routeTable?: string;
  policy?: string;
  serviceEndpoints?: { service: string; locations?: string[] }[];
}
interface PeeringSpec {
  remote: string;
  state?: string;
  useRemoteGateways?: boolean;
}
interface VnetSpec {
  name: string;
  prefixes: string[];
  location?: string;
  subnets: SubnetSpec[];
  peerings?: PeeringSpec[];
}

class Builder {
  readonly vnets = new Map<string, VnetSpec>();
  readonly extra: RawResource[] = [];

  constructor() {
    this.vnet({ name: 'hub', prefixes: ['10.0.0.0/16'], subnets: [{ name: 'sn-hub', prefix: '10.0.1.0/24' }] });
    this.vnet({ name: 'app', prefixes: ['10.1.0.0/16'], subnets: [{ name: 'sn-app', prefix: '10.1.0.0/24' }] });
    this.vnet({ name: 'pep', prefixes: ['10.2.0.0/16'], subnets: [{ name: 'sn-pep', prefix: '10.2.0.0/24' }] });
    this.peer('hub', 'app').peer('hub', 'pep');
    this.endpoint('pe-kv', 'pep', 'sn-pep', '10.2.0.4');
  }

  vnet(spec: VnetSpec): this {
    this.vnets.set(spec.name, { peerings: [], ...spec });
    return this;
  }

  subnet(vnet: string, name: string, change: Partial<SubnetSpec>): this {
    const subnet = this.vnets.get(vnet)!.subnets.find((s) => s.name === name)!;
    Object.assign(subnet, change);
    return this;
  }

  peer(a: string, b: string, state = 'Connected'): this {
    this.vnets.get(a)!.peerings!.push({ remote: b, state });
    this.vnets.get(b)!.peerings!.push({ remote: a, state });
    return this;
  }

  /** Routes as [name, prefix, next hop type, next hop IP?]. */
  routes(subnetRef: [string, string], routes: [string, string, string, string?][], disableBgp = false): this {
    const name = `rt-${subnetRef[1]}`;
    this.subnet(subnetRef[0], subnetRef[1], { routeTable: name });
    this.extra.push({
      id: tableId(name),
      name,
      type: 'Microsoft.Network/routeTables',
      properties: {
        disableBgpRoutePropagation: disableBgp,
        routes: routes.map(([routeName, addressPrefix, nextHopType, nextHopIpAddress]) => ({
          id: `${tableId(name)}/routes/${routeName}`,
          name: routeName,
          properties: { addressPrefix, nextHopType, ...(nextHopIpAddress ? { nextHopIpAddress } : {}) },
        })),
      },
    });
    return this;
  }

  endpoint(name: string, vnet: string, subnet: string, ip: string): this {
    const nicId = `${rg}/networkInterfaces/${name}.nic`;
    this.extra.push(
      {
        id: endpointId(name),
        name,
        type: 'Microsoft.Network/privateEndpoints',
        properties: { subnet: { id: subnetId(vnet, subnet) }, networkInterfaces: [{ id: nicId }] },
      },
      {
        id: nicId,
        name: `${name}.nic`,
        type: 'Microsoft.Network/networkInterfaces',
        properties: {
          privateEndpoint: { id: endpointId(name) },
          ipConfigurations: [
            { name: 'ipconfig1', properties: { privateIPAddress: ip, subnet: { id: subnetId(vnet, subnet) } } },
          ],
        },
      },
    );
    return this;
  }

  resources(): RawResource[] {
    const vnets = [...this.vnets.values()].map((spec): RawResource => ({
      id: vnetId(spec.name),
      name: spec.name,
      type: 'Microsoft.Network/virtualNetworks',
      location: spec.location ?? 'westeurope',
      properties: {
        addressSpace: { addressPrefixes: spec.prefixes },
        subnets: spec.subnets.map((subnet) => ({
          id: subnetId(spec.name, subnet.name),
          name: subnet.name,
          properties: {
            addressPrefix: subnet.prefix,
            ...(subnet.policy ? { privateEndpointNetworkPolicies: subnet.policy } : {}),
            ...(subnet.routeTable ? { routeTable: { id: tableId(subnet.routeTable) } } : {}),
            ...(subnet.serviceEndpoints
              ? {
                  serviceEndpoints: subnet.serviceEndpoints.map((se) => ({
                    service: se.service,
                    locations: se.locations ?? [],
                  })),
                }
              : {}),
          },
        })),
        virtualNetworkPeerings: (spec.peerings ?? []).map((peering) => ({
          id: `${vnetId(spec.name)}/virtualNetworkPeerings/peer-${spec.name}-to-${peering.remote}`,
          name: `peer-${spec.name}-to-${peering.remote}`,
          properties: {
            peeringState: peering.state ?? 'Connected',
            remoteVirtualNetwork: { id: vnetId(peering.remote) },
            remoteAddressSpace: { addressPrefixes: this.vnets.get(peering.remote)?.prefixes ?? [] },
            useRemoteGateways: peering.useRemoteGateways ?? false,
          },
        })),
      },
    }));
    return [...vnets, ...this.extra];
  }

  build(change: (resources: RawResource[]) => RawResource[] = (r) => r): Inventory {
    return buildInventory(parseSnapshot({ resources: change(this.resources()) }, 'test'));
  }
}

function decide(inv: Inventory, vnet: string, subnet: string, ip: string): RouteDecision {
  return routeTo(inv, inv.subnet(subnetId(vnet, subnet))!, ip);
}

function winnerOf(decision: RouteDecision): string {
  const w = decision.winner;
  return w ? `${w.source} ${w.addressPrefix} ${w.nextHopType}${w.nextHopIp ? ` ${w.nextHopIp}` : ''}` : 'none';
}

function endpointCandidate(decision: RouteDecision) {
  return decision.candidates.find((route) => route.nextHopType === 'InterfaceEndpoint');
}

/** The app spoke peered directly with the endpoint spoke, with one user route on sn-app. */
function directlyPeered(policy: string | undefined, udrPrefix: string): Inventory {
  const builder = new Builder()
    .peer('app', 'pep')
    .routes(['app', 'sn-app'], [['to-fw', udrPrefix, 'VirtualAppliance', '10.0.0.4']]);
  if (policy) builder.subnet('pep', 'sn-pep', { policy });
  return builder.build();
}

describe('private endpoint /32 routes against user routes (decision table, azure-reference §2)', () => {
  const shorterThanSlash32 = ['0.0.0.0/0', '10.0.0.0/8', '10.2.0.0/16', '10.2.0.0/24'];

  for (const policy of [undefined, 'Disabled', 'NetworkSecurityGroupEnabled']) {
    for (const prefix of shorterThanSlash32) {
      it(`row 1: policy ${policy ?? '(absent)'} and a ${prefix} user route: the /32 wins`, () => {
        const decision = decide(directlyPeered(policy, prefix), 'app', 'sn-app', '10.2.0.4');
        expect(winnerOf(decision)).toBe('Default 10.2.0.4/32 InterfaceEndpoint');
        expect(decision.winner?.origin).toBe(endpointId('pe-kv'));
      });
    }
  }

  for (const policy of ['RouteTableEnabled', 'Enabled', 'routetableenabled', 'ENABLED']) {
    for (const prefix of ['10.2.0.0/16', '10.2.0.0/24']) {
      it(`row 2: policy ${policy} and a ${prefix} user route (>= the VNet's /16): the user route wins`, () => {
        const decision = decide(directlyPeered(policy, prefix), 'app', 'sn-app', '10.2.0.4');
        expect(winnerOf(decision)).toBe(`User ${prefix} VirtualAppliance 10.0.0.4`);
        const invalid = endpointCandidate(decision);
        expect(invalid).toMatchObject({ state: 'Invalid', addressPrefix: '10.2.0.4/32' });
        expect(invalid?.reason).toContain('privateEndpointNetworkPolicies');
      });
    }
    for (const prefix of ['0.0.0.0/0', '10.0.0.0/8']) {
      it(`row 3: policy ${policy} and a ${prefix} user route (shorter than the VNet's): the /32 wins`, () => {
        const decision = decide(directlyPeered(policy, prefix), 'app', 'sn-app', '10.2.0.4');
        expect(winnerOf(decision)).toBe('Default 10.2.0.4/32 InterfaceEndpoint');
      });
    }
  }

  for (const policy of [undefined, 'NetworkSecurityGroupEnabled', 'RouteTableEnabled']) {
    it(`row 4: policy ${policy ?? '(absent)'} and a /32 user route for the endpoint: the user route wins`, () => {
      const decision = decide(directlyPeered(policy, '10.2.0.4/32'), 'app', 'sn-app', '10.2.0.4');
      expect(winnerOf(decision)).toBe('User 10.2.0.4/32 VirtualAppliance 10.0.0.4');
      expect(endpointCandidate(decision)).toMatchObject({ state: 'Invalid' });
    });
  }

  for (const prefix of ['0.0.0.0/0', '10.0.0.0/8', '10.2.0.0/16', '10.2.0.0/24']) {
    it(`row 5: endpoint two peering hops away and a ${prefix} user route: no /32, the user route wins`, () => {
      const inv = new Builder().routes(['app', 'sn-app'], [['to-fw', prefix, 'VirtualAppliance', '10.0.0.4']]).build();
      const decision = decide(inv, 'app', 'sn-app', '10.2.0.4');
      expect(winnerOf(decision)).toBe(`User ${prefix} VirtualAppliance 10.0.0.4`);
      expect(endpointCandidate(decision)).toBeUndefined();
    });
  }

  it('compares with the address space that holds the endpoint when the VNet has several', () => {
    const build = (udr: string) => {
      const builder = new Builder().peer('app', 'pep').subnet('pep', 'sn-pep', { policy: 'RouteTableEnabled' });
      builder.vnets.get('pep')!.prefixes.push('10.3.0.0/24');
      builder.vnets.get('pep')!.subnets.push({ name: 'sn-pep2', prefix: '10.3.0.0/26', policy: 'RouteTableEnabled' });
      return builder
        .endpoint('pe-two', 'pep', 'sn-pep2', '10.3.0.4')
        .routes(['app', 'sn-app'], [['to-fw', udr, 'VirtualAppliance', '10.0.0.4']])
        .build();
    };
    expect(winnerOf(decide(build('10.3.0.0/20'), 'app', 'sn-app', '10.3.0.4'))).toBe(
      'Default 10.3.0.4/32 InterfaceEndpoint',
    );
    expect(winnerOf(decide(build('10.3.0.0/24'), 'app', 'sn-app', '10.3.0.4'))).toBe(
      'User 10.3.0.0/24 VirtualAppliance 10.0.0.4',
    );
  });

  it('puts /32s in the endpoint VNet itself and in directly peered VNets only', () => {
    const inv = new Builder().build();
    const hub = effectiveRoutes(inv, inv.subnet(subnetId('hub', 'sn-hub'))!);
    const app = effectiveRoutes(inv, inv.subnet(subnetId('app', 'sn-app'))!);
    const pep = effectiveRoutes(inv, inv.subnet(subnetId('pep', 'sn-pep'))!);
    const slash32 = (routes: typeof hub) => routes.routes.filter((r) => r.nextHopType === 'InterfaceEndpoint');
    expect(slash32(hub).map((r) => r.addressPrefix)).toEqual(['10.2.0.4/32']);
    expect(slash32(pep).map((r) => r.addressPrefix)).toEqual(['10.2.0.4/32']);
    expect(slash32(app)).toEqual([]);
    expect(winnerOf(decide(inv, 'hub', 'sn-hub', '10.2.0.4'))).toBe('Default 10.2.0.4/32 InterfaceEndpoint');
  });

  it('a hub 0.0.0.0/0 user route never overrides the /32 the hub holds', () => {
    const inv = new Builder()
      .subnet('pep', 'sn-pep', { policy: 'Enabled' })
      .routes(['hub', 'sn-hub'], [['default', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4']])
      .build();
    expect(winnerOf(decide(inv, 'hub', 'sn-hub', '10.2.0.4'))).toBe('Default 10.2.0.4/32 InterfaceEndpoint');
  });
});

describe('default None routes under a 0.0.0.0/0 override (azure-reference §8 Q1)', () => {
  const noneRoutes = (inv: Inventory) =>
    effectiveRoutes(inv, inv.subnet(subnetId('app', 'sn-app'))!).routes.filter((r) => r.nextHopType === 'None');

  it('without a user route, spoke-to-spoke traffic meets 10.0.0.0/8 -> None', () => {
    const inv = new Builder().build();
    expect(winnerOf(decide(inv, 'app', 'sn-app', '10.2.0.4'))).toBe('Default 10.0.0.0/8 None');
    expect(noneRoutes(inv).map((r) => `${r.addressPrefix} ${r.state}`)).toEqual([
      '10.0.0.0/8 Active',
      '172.16.0.0/12 Active',
      '192.168.0.0/16 Active',
      '100.64.0.0/10 Active',
    ]);
    expect(winnerOf(decide(inv, 'app', 'sn-app', '8.8.8.8'))).toBe('Default 0.0.0.0/0 Internet');
  });

  for (const hop of ['VirtualAppliance', 'VirtualNetworkGateway', 'virtualappliance']) {
    it(`a 0.0.0.0/0 user route to ${hop} removes the None routes (absent, not invalid)`, () => {
      const inv = new Builder()
        .routes(
          ['app', 'sn-app'],
          [['default', '0.0.0.0/0', hop, hop.toLowerCase() === 'virtualappliance' ? '10.0.0.4' : undefined]],
        )
        .build();
      expect(noneRoutes(inv)).toEqual([]);
      expect(decide(inv, 'app', 'sn-app', '10.2.0.4').winner).toMatchObject({
        source: 'User',
        addressPrefix: '0.0.0.0/0',
      });
      const internet = effectiveRoutes(inv, inv.subnet(subnetId('app', 'sn-app'))!).routes.find(
        (r) => r.nextHopType === 'Internet',
      );
      expect(internet).toMatchObject({ source: 'Default', state: 'Invalid', addressPrefix: '0.0.0.0/0' });
    });
  }

  it('a user route for a narrower prefix keeps the None routes', () => {
    const inv = new Builder()
      .routes(['app', 'sn-app'], [['pep', '10.2.0.0/16', 'VirtualAppliance', '10.0.0.4']])
      .build();
    expect(noneRoutes(inv)).toHaveLength(4);
    expect(winnerOf(decide(inv, 'app', 'sn-app', '10.2.0.4'))).toBe('User 10.2.0.0/16 VirtualAppliance 10.0.0.4');
    expect(winnerOf(decide(inv, 'app', 'sn-app', '10.3.0.4'))).toBe('Default 10.0.0.0/8 None');
  });

  it('a 0.0.0.0/0 user route to Internet keeps them, and says the behaviour is unconfirmed', () => {
    const inv = new Builder().routes(['app', 'sn-app'], [['default', '0.0.0.0/0', 'Internet']]).build();
    expect(noneRoutes(inv)).toHaveLength(4);
    expect(decide(inv, 'app', 'sn-app', '10.2.0.4').assumptions.join(' ')).toContain('not documented');
  });

  it('a default route learned over BGP removes them too', () => {
    const inv = new Builder().build();
    const subnet = inv.subnet(subnetId('app', 'sn-app'))!;
    const view = effectiveRoutes(inv, subnet, {
      learnedRoutes: [{ addressPrefix: '0.0.0.0/0', nextHopIp: '10.0.1.5' }],
    });
    expect(view.routes.filter((r) => r.nextHopType === 'None')).toEqual([]);
    expect(
      winnerOf(
        routeTo(inv, subnet, '10.2.0.4', { learnedRoutes: [{ addressPrefix: '0.0.0.0/0', nextHopIp: '10.0.1.5' }] }),
      ),
    ).toBe('VirtualNetworkGateway 0.0.0.0/0 VirtualNetworkGateway 10.0.1.5');
  });
});

describe('system routes', () => {
  it('has the local VNet and one route per prefix of each Connected peer', () => {
    const builder = new Builder();
    builder.vnets.get('app')!.prefixes.push('10.11.0.0/16');
    const inv = builder.build();
    const routes = effectiveRoutes(inv, inv.subnet(subnetId('hub', 'sn-hub'))!).routes;
    expect(
      routes
        .filter((r) => r.source === 'Default' && r.nextHopType !== 'None')
        .map((r) => `${r.addressPrefix} ${r.nextHopType}`),
    ).toEqual([
      '10.0.0.0/16 VnetLocal',
      '10.1.0.0/16 VNetPeering',
      '10.11.0.0/16 VNetPeering',
      '10.2.0.0/16 VNetPeering',
      '0.0.0.0/0 Internet',
      '10.2.0.4/32 InterfaceEndpoint',
    ]);
    expect(routes.find((r) => r.addressPrefix === '10.1.0.0/16')?.origin).toBe(
      `${vnetId('hub')}/virtualNetworkPeerings/peer-hub-to-app`,
    );
  });

  for (const state of ['Disconnected', 'Initiated']) {
    it(`a ${state} peering gives neither a peering route nor the peer's /32s`, () => {
      const builder = new Builder();
      builder.vnets.get('hub')!.peerings!.find((p) => p.remote === 'pep')!.state = state;
      const inv = builder.build();
      const decision = decide(inv, 'hub', 'sn-hub', '10.2.0.4');
      expect(winnerOf(decision)).toBe('Default 10.0.0.0/8 None');
      expect(decision.candidates.map((r) => r.nextHopType)).not.toContain('VNetPeering');
      expect(endpointCandidate(decision)).toBeUndefined();
    });
  }

  it('calls a peering across regions VNetGlobalPeering', () => {
    const builder = new Builder();
    builder.vnets.get('app')!.location = 'North Europe';
    const inv = builder.build();
    expect(winnerOf(decide(inv, 'hub', 'sn-hub', '10.1.0.4'))).toBe('Default 10.1.0.0/16 VNetGlobalPeering');
    expect(winnerOf(decide(inv, 'hub', 'sn-hub', '10.2.0.9'))).toBe('Default 10.2.0.0/16 VNetPeering');
  });

  it('marks a system route with the same prefix as a user route Invalid', () => {
    const inv = new Builder()
      .routes(['hub', 'sn-hub'], [['pep', '10.2.0.0/16', 'VirtualAppliance', '10.0.0.4']])
      .build();
    const decision = decide(inv, 'hub', 'sn-hub', '10.2.0.9');
    expect(winnerOf(decision)).toBe('User 10.2.0.0/16 VirtualAppliance 10.0.0.4');
    expect(decision.candidates.find((r) => r.nextHopType === 'VNetPeering')).toMatchObject({
      state: 'Invalid',
      reason: 'Overridden by user route pep with the same prefix.',
    });
  });

  it('lets a more specific user route win inside the local VNet', () => {
    const inv = new Builder()
      .routes(['hub', 'sn-hub'], [['east', '10.0.2.0/24', 'VirtualAppliance', '10.0.0.4']])
      .build();
    expect(winnerOf(decide(inv, 'hub', 'sn-hub', '10.0.2.7'))).toBe('User 10.0.2.0/24 VirtualAppliance 10.0.0.4');
    expect(winnerOf(decide(inv, 'hub', 'sn-hub', '10.0.3.7'))).toBe('Default 10.0.0.0/16 VnetLocal');
  });
});

describe('tie-breaks between user, BGP and system routes', () => {
  const hub = (inv: Inventory) => inv.subnet(subnetId('hub', 'sn-hub'))!;

  it('User beats BGP beats system at equal prefix length', () => {
    const inv = new Builder()
      .routes(['hub', 'sn-hub'], [['onprem', '172.20.0.0/16', 'VirtualAppliance', '10.0.0.4']])
      .build();
    const learnedRoutes = [
      { addressPrefix: '172.20.0.0/16', nextHopIp: '10.0.1.5' },
      { addressPrefix: '192.168.0.0/16', nextHopIp: '10.0.1.5' },
    ];
    const user = routeTo(inv, hub(inv), '172.20.1.1', { learnedRoutes });
    expect(winnerOf(user)).toBe('User 172.20.0.0/16 VirtualAppliance 10.0.0.4');
    expect(user.candidates.find((r) => r.source === 'VirtualNetworkGateway')).toMatchObject({ state: 'Invalid' });
    const bgp = routeTo(inv, hub(inv), '192.168.3.3', { learnedRoutes });
    expect(winnerOf(bgp)).toBe('VirtualNetworkGateway 192.168.0.0/16 VirtualNetworkGateway 10.0.1.5');
    expect(bgp.candidates.find((r) => r.nextHopType === 'None')).toMatchObject({ state: 'Invalid' });
  });

  it('prefers VNet and peering system routes over more specific BGP routes', () => {
    const inv = new Builder().build();
    const decision = routeTo(inv, hub(inv), '10.2.0.9', {
      learnedRoutes: [{ addressPrefix: '10.2.0.0/24', nextHopIp: '10.0.1.5' }],
    });
    expect(winnerOf(decision)).toBe('Default 10.2.0.0/16 VNetPeering');
    expect(decision.why).toContain('beat BGP routes');
    // Outside the VNet and peered spaces the more specific BGP route wins as usual.
    const outside = routeTo(inv, hub(inv), '10.9.0.9', {
      learnedRoutes: [{ addressPrefix: '10.9.0.0/16', nextHopIp: '10.0.1.5' }],
    });
    expect(winnerOf(outside)).toBe('VirtualNetworkGateway 10.9.0.0/16 VirtualNetworkGateway 10.0.1.5');
  });
});

describe('what configuration cannot tell', () => {
  it('a route table that was not read makes the routes unknown', () => {
    const inv = new Builder()
      .routes(['app', 'sn-app'], [['default', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4']])
      .build((resources) => resources.filter((r) => r.type !== 'Microsoft.Network/routeTables'));
    const decision = decide(inv, 'app', 'sn-app', '10.2.0.4');
    expect(decision.winner).toBeUndefined();
    expect(decision.unknown).toMatch(/^Route table rt-sn-app attached to subnet sn-app was not read/);
    expect(effectiveRoutes(inv, inv.subnet(subnetId('app', 'sn-app'))!).unknown).toBe(decision.unknown);
  });

  it('a subnet whose VNet was not read has unknown routes', () => {
    const inv = new Builder().build((resources) => [
      ...resources.filter((r) => r.name !== 'app'),
      {
        id: subnetId('app', 'sn-app'),
        name: 'sn-app',
        type: 'Microsoft.Network/virtualNetworks/subnets',
        properties: { addressPrefix: '10.1.0.0/24' },
      },
    ]);
    expect(decide(inv, 'app', 'sn-app', '10.2.0.4').unknown).toContain('VNet app of subnet sn-app was not read');
  });

  it('IPv6 destinations are out of the model and say so', () => {
    const inv = new Builder().build();
    const decision = decide(inv, 'app', 'sn-app', 'fd00:db8::4');
    expect(decision.winner).toBeUndefined();
    expect(decision.unknown).toContain('IPv4 routes only');
  });

  it('IPv6 prefixes are listed as assumptions, not silently dropped', () => {
    const builder = new Builder();
    builder.vnets.get('app')!.prefixes.push('fd00:db8::/48');
    const inv = builder.build();
    expect(decide(inv, 'app', 'sn-app', '10.1.0.9').assumptions.join(' ')).toContain('fd00:db8::/48');
  });

  it('names BGP from a gateway when propagation is on, and not when the route table disables it', () => {
    const builder = new Builder();
    builder.vnets.get('hub')!.subnets.push({ name: 'GatewaySubnet', prefix: '10.0.255.0/27' });
    builder.vnets.get('app')!.peerings![0]!.useRemoteGateways = true;
    const on = builder.build();
    expect(decide(on, 'hub', 'sn-hub', '10.2.0.4').assumptions.join(' ')).toContain(
      'BGP from the gateway or route server of hub',
    );
    expect(decide(on, 'app', 'sn-app', '10.2.0.4').assumptions.join(' ')).toContain('of hub');
    const off = builder
      .routes(['app', 'sn-app'], [['default', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4']], true)
      .build();
    expect(decide(off, 'app', 'sn-app', '10.2.0.4').assumptions.join(' ')).not.toContain('BGP');
  });

  it('always names AVNM connected groups, and appliance tables when an appliance wins', () => {
    const inv = new Builder()
      .routes(['app', 'sn-app'], [['default', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4']])
      .build();
    const text = decide(inv, 'app', 'sn-app', '10.2.0.4').assumptions.join(' ');
    expect(text).toContain('Virtual Network Manager');
    expect(text).toContain('appliance at 10.0.0.4');
  });

  it('keeps service-tag user routes in the table without matching them to addresses', () => {
    const inv = new Builder().routes(['app', 'sn-app'], [['kv', 'AzureKeyVault', 'Internet']]).build();
    const view = effectiveRoutes(inv, inv.subnet(subnetId('app', 'sn-app'))!);
    expect(view.routes.find((r) => r.service === 'AzureKeyVault')).toMatchObject({ source: 'User', state: 'Active' });
    expect(decide(inv, 'app', 'sn-app', '20.38.1.1').assumptions.join(' ')).toContain('AzureKeyVault');
  });
});

describe('service endpoints', () => {
  const withEndpoint = (locations?: string[]) =>
    new Builder()
      .subnet('app', 'sn-app', {
        serviceEndpoints: [{ service: 'Microsoft.KeyVault', ...(locations ? { locations } : {}) }],
      })
      .routes(['app', 'sn-app'], [['default', '0.0.0.0/0', 'VirtualAppliance', '10.0.0.4']])
      .build();

  it('routes the service through the endpoint, past a 0.0.0.0/0 user route', () => {
    const inv = withEndpoint();
    const subnet = inv.subnet(subnetId('app', 'sn-app'))!;
    const decision = routeToService(inv, subnet, ['Microsoft.KeyVault'], 'westeurope');
    expect(decision.winner).toMatchObject({
      nextHopType: 'VirtualNetworkServiceEndpoint',
      service: 'Microsoft.KeyVault',
    });
    expect(decision.winner?.origin).toBe(subnet.id);
    expect(effectiveRoutes(inv, subnet).routes.some((r) => r.nextHopType === 'VirtualNetworkServiceEndpoint')).toBe(
      true,
    );
    // Private endpoint traffic (a private IP) is not affected by the service endpoint.
    expect(winnerOf(routeTo(inv, subnet, '10.2.0.4'))).toBe('User 0.0.0.0/0 VirtualAppliance 10.0.0.4');
  });

  it('follows the default route without an endpoint for the service or region', () => {
    const inv = withEndpoint(['northeurope']);
    const subnet = inv.subnet(subnetId('app', 'sn-app'))!;
    expect(winnerOf(routeToService(inv, subnet, ['Microsoft.KeyVault'], 'West Europe'))).toBe(
      'User 0.0.0.0/0 VirtualAppliance 10.0.0.4',
    );
    expect(winnerOf(routeToService(inv, subnet, ['Microsoft.Storage'], 'northeurope'))).toBe(
      'User 0.0.0.0/0 VirtualAppliance 10.0.0.4',
    );
    expect(routeToService(inv, subnet, ['Microsoft.KeyVault'], 'northeurope').winner?.nextHopType).toBe(
      'VirtualNetworkServiceEndpoint',
    );
  });
});

describe('the winner read directly agrees with the full candidate table', () => {
  it('for many destinations and route tables', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return (seed >>> 16) % n;
    };
    const prefixes = [
      '0.0.0.0/0',
      '10.0.0.0/8',
      '10.2.0.0/16',
      '10.2.0.0/24',
      '10.2.0.4/32',
      '10.1.0.0/16',
      '10.0.0.0/16',
    ];
    const hops = ['VirtualAppliance', 'None', 'Internet', 'VirtualNetworkGateway', 'VnetLocal'];
    let endpointWins = 0;
    for (let round = 0; round < 40; round++) {
      const builder = new Builder();
      if (random(2)) builder.peer('app', 'pep');
      if (random(2)) builder.subnet('pep', 'sn-pep', { policy: random(2) ? 'RouteTableEnabled' : 'Disabled' });
      const chosen = [...new Set(Array.from({ length: random(4) }, () => prefixes[random(prefixes.length)]!))];
      builder.routes(
        ['app', 'sn-app'],
        chosen.map((prefix, i) => [`r${i}`, prefix, hops[random(hops.length)]!, '10.0.0.4']),
      );
      const inv = builder.build();
      for (const ip of [
        '10.2.0.4',
        '10.2.0.9',
        '10.2.1.4',
        '10.1.0.9',
        '10.0.0.4',
        '10.9.9.9',
        '172.16.0.1',
        '8.8.8.8',
      ]) {
        const decision = decide(inv, 'app', 'sn-app', ip);
        const first = decision.candidates[0];
        if (decision.winner?.nextHopType === 'InterfaceEndpoint') endpointWins++;
        expect(decision.winner, `${chosen.join(' ')} -> ${ip}`).toEqual(first?.state === 'Active' ? first : undefined);
      }
    }
    expect(endpointWins).toBeGreaterThan(0);
  });
});

describe('the reference estate', () => {
  const inv = buildInventory(parseSnapshot(referenceEstate().snapshot(), 'reference'));

  it('sends sn-app to the endpoint through the firewall and the firewall straight to the endpoint', () => {
    const app = routeTo(inv, inv.subnet(ids.appSubnet)!, '10.2.0.4');
    expect(winnerOf(app)).toBe('User 10.2.0.0/16 VirtualAppliance 10.0.0.4');
    expect(normalizeId(app.winner!.origin!)).toBe(normalizeId(`${ids.appRouteTable}/routes/to-pep-via-firewall`));
    expect(describeRoute(app.winner!)).toBe(
      'user route to-pep-via-firewall (10.2.0.0/16 to VirtualAppliance 10.0.0.4) in route table rt-app',
    );
    const firewall = routeTo(inv, inv.subnet(ids.firewallSubnet)!, '10.2.0.4');
    expect(winnerOf(firewall)).toBe('Default 10.2.0.4/32 InterfaceEndpoint');
    expect(describeRoute(firewall.winner!)).toBe(
      'system route 10.2.0.4/32 to InterfaceEndpoint of private endpoint pe-kv-pep-spokepep',
    );
  });

  it('matches route table references whatever their letter case', () => {
    const upper = buildInventory(
      parseSnapshot(
        referenceEstate()
          .withIdsInCase((id) => id.toUpperCase())
          .snapshot(),
        'reference',
      ),
    );
    expect(winnerOf(routeTo(upper, upper.subnet(ids.appSubnet)!, '10.2.0.4'))).toBe(
      'User 10.2.0.0/16 VirtualAppliance 10.0.0.4',
    );
  });
});

describe('high-scale private endpoint policies', () => {
  it('are flagged as an assumption, not modelled', () => {
    const estate = referenceEstate().set(ids.hubVnet, 'privateEndpointVNetPolicies', 'Basic');
    const inv = buildInventory(parseSnapshot(estate.snapshot(), 'routes.test'));
    const decision = routeTo(inv, inv.subnet(ids.firewallSubnet)!, '10.2.0.4');
    expect(decision.assumptions.some((text) => text.includes('privateEndpointVNetPolicies Basic'))).toBe(true);
  });
});
