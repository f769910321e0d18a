import { describe, expect, it } from 'vitest';
import { ids, referenceEstate, type Estate } from '../../../test/estates.js';
import { defaultCheckContext } from '../../inventory/context.js';
import { buildInventory } from '../../inventory/build/index.js';
import type { Inventory } from '../../inventory/inventory.js';
import { parseSnapshot } from '../../snapshot/read.js';
import { conclusiveEndpointFlows, firewalledEndpointFlows } from './flows.js';
import { firewallRouting } from './routing.js';
import { servicePortsOf } from './service-ports.js';

const hubAppSubnet = `${ids.hubVnet}/subnets/sn-hub-app`;

function inventoryOf(estate: Estate): Inventory {
  return buildInventory(parseSnapshot(estate.snapshot(), 'firewall-flows.test'));
}

function routingFrom(estate: Estate, subnetId: string): string {
  const inv = inventoryOf(estate);
  const subnet = inv.subnet(subnetId)!;
  const routing = firewallRouting(inv, subnet, '10.2.0.4', [...inv.firewalls.values()]);
  return routing.kind === 'firewall' ? `firewall ${routing.route.originName}` : routing.kind;
}

/** A workload subnet in the hub, which gets the endpoint's /32 through the hub-to-endpoint peering. */
function withHubSubnet(estate: Estate, routes: { name: string; prefix: string }[]): Estate {
  return estate
    .update(ids.hubVnet, (vnet) => {
      (vnet.properties!.subnets as unknown[]).push({
        id: hubAppSubnet,
        name: 'sn-hub-app',
        properties: { addressPrefix: '10.0.2.0/24', routeTable: { id: ids.appRouteTable } },
      });
    })
    .update(ids.appRouteTable, (table) => {
      table.properties!.routes = routes.map(({ name, prefix }) => ({
        name,
        properties: { addressPrefix: prefix, nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' },
      }));
    });
}

describe('servicePortsOf', () => {
  it('knows the ports of common services and defaults to HTTPS 443', () => {
    expect(servicePortsOf('Microsoft.KeyVault/vaults', 'vault')).toEqual([
      { protocol: 'HTTPS', port: 443, name: 'HTTPS', optional: false },
    ]);
    expect(servicePortsOf('Microsoft.Sql/servers', 'sqlServer')).toEqual([
      { protocol: 'MSSQL', port: 1433, name: 'TDS', optional: false },
    ]);
    expect(servicePortsOf('microsoft.dbforpostgresql/flexibleservers', 'postgresqlServer')).toEqual([
      { protocol: 'TCP', port: 5432, name: 'PostgreSQL', optional: false },
    ]);
    expect(
      servicePortsOf('Microsoft.EventHub/namespaces', 'namespace').map((port) => [port.port, port.optional]),
    ).toEqual([
      [5671, false],
      [5672, true],
      [443, true],
      [9093, true],
    ]);
  });
});

describe('firewallRouting', () => {
  it('follows the longest UDR whose next hop is the firewall', () => {
    expect(routingFrom(referenceEstate(), ids.appSubnet)).toBe('firewall to-pep-via-firewall');
  });

  it('ignores UDRs to another appliance and reports an unread route table', () => {
    const elsewhere = referenceEstate().update(ids.appRouteTable, (table) => {
      for (const route of table.properties!.routes as { properties: Record<string, string> }[]) {
        route.properties.nextHopIpAddress = '10.0.0.99';
      }
    });
    expect(routingFrom(elsewhere, ids.appSubnet)).toBe('elsewhere');
    expect(routingFrom(referenceEstate().remove(ids.appRouteTable), ids.appSubnet)).toBe('unknown');
  });

  it("lets the endpoint's /32 win in a directly peered VNet unless network policies allow the override", () => {
    const routes = [{ name: 'pep-spoke', prefix: '10.2.0.0/16' }];
    expect(routingFrom(withHubSubnet(referenceEstate(), routes), hubAppSubnet)).toBe('elsewhere');
    const enabled = withHubSubnet(referenceEstate(), routes).update(ids.pepVnet, (vnet) => {
      const subnet = (vnet.properties!.subnets as { properties: Record<string, unknown> }[])[0]!;
      subnet.properties.privateEndpointNetworkPolicies = 'RouteTableEnabled';
    });
    expect(routingFrom(enabled, hubAppSubnet)).toBe('firewall pep-spoke');
  });

  it('needs a UDR at least as long as the endpoint VNet prefix, or a /32', () => {
    const enable = (estate: Estate) =>
      estate.update(ids.pepVnet, (vnet) => {
        const subnet = (vnet.properties!.subnets as { properties: Record<string, unknown> }[])[0]!;
        subnet.properties.privateEndpointNetworkPolicies = 'Enabled';
      });
    const broad = enable(withHubSubnet(referenceEstate(), [{ name: 'default', prefix: '0.0.0.0/0' }]));
    expect(routingFrom(broad, hubAppSubnet)).toBe('elsewhere');
    const host = withHubSubnet(referenceEstate(), [{ name: 'pe-host', prefix: '10.2.0.4/32' }]);
    expect(routingFrom(host, hubAppSubnet)).toBe('firewall pe-host');
  });
});

describe('firewalledEndpointFlows', () => {
  it('judges the reference flow once per inventory and context', () => {
    const inv = inventoryOf(referenceEstate());
    const first = firewalledEndpointFlows(inv, defaultCheckContext);
    expect(firewalledEndpointFlows(inv, defaultCheckContext)).toBe(first);
    expect(first.flows).toHaveLength(1);
    const [flow] = first.flows;
    expect(flow).toMatchObject({ fqdn: 'kv-pep-spokepep.vault.azure.net', ip: '10.2.0.4', workloadIps: ['10.1.0.4'] });
    expect(flow!.evaluation.decision).toBe('Allow');
    expect(flow!.sources.toStrings()).toEqual(['10.1.0.0/24']);
  });

  it('separates flows that depend on data not read', () => {
    const inv = inventoryOf(referenceEstate().remove(ids.firewallPolicy).remove(ids.appRuleGroup));
    const { flows, inconclusive } = conclusiveEndpointFlows(inv, defaultCheckContext);
    expect(flows).toEqual([]);
    expect(inconclusive).toEqual([
      {
        resourceId: expect.stringMatching(/azureFirewalls\/fw-hub$/),
        inconclusive: expect.stringContaining('fwpol-hub'),
      },
    ]);
  });
});
