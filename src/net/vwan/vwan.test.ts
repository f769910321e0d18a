import { describe, expect, it } from 'vitest';
import { routeTable } from '../../../test/fake-azure/builders.js';
import {
  hubConnection,
  vwanEstate,
  vwanIds,
  withHubStaticRoutes,
  withoutRoutingIntent,
} from '../../../test/vwan-estates.js';
import type { Estate } from '../../../test/estates.js';
import { normalizeId } from '../../ids.js';
import { buildInventory } from '../../inventory/build/index.js';
import { routeTo } from '../routing/index.js';
import { hubReach } from './hub-reach.js';
import { spokeHubRoutes } from './spoke-routes.js';

function routesOf(estate: Estate, vnet: string = vwanIds.appVnet): string[] {
  const inv = buildInventory(estate.snapshot());
  return spokeHubRoutes(inv, normalizeId(vnet)).routes.map((route) => `${route.addressPrefix} ${route.nextHopIp}`);
}

describe('routes a Virtual WAN hub gives its spokes', () => {
  it('routing intent sends the private ranges and, with internet security, 0.0.0.0/0 to the hub firewall', () => {
    expect(routesOf(vwanEstate())).toEqual([
      '10.0.0.0/8 10.100.0.132',
      '172.16.0.0/12 10.100.0.132',
      '192.168.0.0/16 10.100.0.132',
      '0.0.0.0/0 10.100.0.132',
    ]);
    const insecure = vwanEstate().set(vwanIds.appConnection, 'enableInternetSecurity', false);
    expect(routesOf(insecure)).not.toContain('0.0.0.0/0 10.100.0.132');
  });

  it('without routing intent, spokes learn the address spaces that propagate to their table, via the hub router', () => {
    expect(routesOf(withoutRoutingIntent())).toEqual(['10.12.0.0/16 10.100.0.68', '10.30.0.0/16 10.100.0.68']);
  });

  it('static routes of the associated table, without propagated spaces when connections propagate to none', () => {
    expect(routesOf(withHubStaticRoutes(['10.0.0.0/8', '0.0.0.0/0']))).toEqual([
      '10.0.0.0/8 10.100.0.132',
      '0.0.0.0/0 10.100.0.132',
    ]);
  });

  it('connections of another hub of the same virtual WAN propagate by label', () => {
    const hub2 = vwanIds.hub.replace('vhub-weu', 'vhub-neu');
    const spoke = vwanIds.pepVnet.replace('vnet-pep-weu', 'vnet-pep-neu');
    const estate = withoutRoutingIntent()
      .copy(vwanIds.hub, hub2, (hub) => {
        hub.properties!.addressPrefix = '10.101.0.0/23';
        delete hub.properties!.azureFirewall;
      })
      .copy(vwanIds.pepVnet, spoke, (vnet) => {
        vnet.properties!.addressSpace = { addressPrefixes: ['10.22.0.0/16'] };
        vnet.properties!.subnets = [];
      })
      .add(
        hubConnection(`${hub2}/hubVirtualNetworkConnections/conn-pep-neu`, spoke, {
          routingConfiguration: { propagatedRouteTables: { labels: ['default'] } },
        }),
      );
    expect(routesOf(estate)).toContain('10.22.0.0/16 10.100.0.68');
    const inv = buildInventory(estate.snapshot());
    expect(hubReach(inv, inv.virtualHubs.get(normalizeId(vwanIds.hub))!, '10.22.0.4').kind).toBe('connected');
    expect(hubReach(inv, inv.virtualHubs.get(normalizeId(vwanIds.hub))!, '10.40.0.4').kind).toBe('none');
  });

  it("a subnet route table with gateway route propagation off drops the hub's routes", () => {
    const table = vwanIds.appVnet.replace(/virtualNetworks\/.*$/, 'routeTables/rt-app-weu');
    const estate = vwanEstate().add(routeTable(table, [])).set(vwanIds.appSubnet, 'routeTable', { id: table });
    const inv = buildInventory(estate.snapshot());
    const decision = routeTo(inv, inv.subnet(vwanIds.appSubnet)!, '10.12.0.4');
    expect(decision.winner).toMatchObject({ addressPrefix: '10.0.0.0/8', nextHopType: 'None' });
  });

  it('a hub that was not read makes the spoke routes unknown', () => {
    const inv = buildInventory(vwanEstate().remove(vwanIds.hub).snapshot());
    expect(routeTo(inv, inv.subnet(vwanIds.appSubnet)!, '10.12.0.4').unknown).toContain('vhub-weu');
  });
});
