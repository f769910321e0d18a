// Azure accepts any IP as a user route's virtual appliance next hop and never checks that something
// answers there. When the firewall is redeployed with a new private IP, or an NVA is removed, the
// route keeps steering private endpoint traffic into an address nobody owns and it is dropped.
// https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#user-defined
import { nameFromId, normalizeId } from '../../src/ids.js';
import type { Route, RouteTable } from '../../src/inventory/types.js';
import { canonicalNextHopType, nextHop, nextHopIpStatus } from '../../src/net/routing/index.js';
import { defineCheck, type CheckResult, type Messages } from '../define.js';

const messages = {
  staleIp: (d: { route: string; table: string; prefix: string; ip: string; vnet: string; fix: string }) =>
    `Route ${d.route} in route table ${d.table} sends ${d.prefix} to virtual appliance ${d.ip}, which nothing in VNet ${d.vnet} owns; ${d.fix}.`,
} satisfies Messages;

export default defineCheck({
  id: 'route/next-hop-stale-ip',
  title: 'User routes send traffic only to appliance IPs that exist',
  level: 'error',
  tags: ['routing', 'firewall'],
  rationale:
    'A user route with next hop `VirtualAppliance` names an IP address, not a resource. Azure does not check that a firewall, load balancer or NVA holds that address, and nothing updates the route when the firewall is redeployed with another private IP or an appliance is deleted. Traffic matching the route is then sent to an address nobody answers on and is silently dropped, which for a private endpoint behind the hub firewall looks like a DNS or firewall fault. plaudit reports a route when no NIC, firewall, load balancer frontend, gateway or virtual hub it read owns the IP and the IP lies in a VNet it read; when the IP is outside every VNet read, it cannot tell and says so.',
  remediation:
    "Point the route at the firewall's current private IP (or the frontend IP of the NVA load balancer), or delete the route if the appliance is gone:\n\n```sh\naz network firewall show --resource-group <rg> --name <firewall> --query 'ipConfigurations[0].privateIPAddress'\naz network route-table route update --resource-group <rg> --route-table-name <rt> --name <route> \\\n  --next-hop-type VirtualAppliance --next-hop-ip-address <firewall private ip>\n```\n\nIn Bicep, derive the next hop from the firewall instead of writing the IP: `nextHopIpAddress: firewall.properties.ipConfigurations[0].properties.privateIPAddress`.",
  references: [
    {
      title: 'Virtual network traffic routing: user-defined routes',
      url: 'https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#user-defined',
    },
    {
      title: 'Create, change, or delete a route table',
      url: 'https://learn.microsoft.com/azure/virtual-network/manage-route-table',
    },
  ],
  messages,
  evaluate(inv) {
    const results: CheckResult<typeof messages>[] = [];
    const tables = [...inv.routeTables.values()].sort((a, b) => a.key.localeCompare(b.key));
    for (const table of tables) {
      for (const route of table.routes) {
        if (canonicalNextHopType(route.nextHopType) !== nextHop.virtualAppliance) continue;
        const ip = route.nextHopIpAddress?.trim();
        if (!ip) {
          results.push({
            inconclusive: `Route ${route.name} in route table ${table.name} has next hop VirtualAppliance but no next hop IP address, so where it sends traffic is unknown.`,
            resourceId: table.id,
          });
          continue;
        }
        const status = nextHopIpStatus(inv, ip);
        if (status.state === 'owned') continue;
        if (status.state !== 'unowned') {
          results.push({
            inconclusive:
              status.state === 'outsideScope'
                ? `Route ${route.name} in route table ${table.name} sends traffic to ${ip}, which is outside every VNet read, so whether anything answers there cannot be told.`
                : `Route ${route.name} in route table ${table.name} has next hop ${ip}, which is not an IPv4 address plaudit can check.`,
            resourceId: table.id,
          });
          continue;
        }
        const routeId = routeIdOf(table, route);
        const firewallIps = inv
          .firewallsInVnet(status.vnet.key)
          .flatMap((firewall) => firewall.privateIps.map((fwIp) => `${fwIp} (firewall ${firewall.name})`));
        results.push({
          resourceId: table.id,
          related: inv.has(routeId) ? [routeId] : [],
          messageId: 'staleIp',
          data: {
            route: route.name,
            table: table.name,
            prefix: route.addressPrefix ?? '(no prefix)',
            ip,
            vnet: status.vnet.name,
            fix:
              firewallIps.length > 0
                ? `point it at ${firewallIps.join(' or ')} or delete it`
                : 'point it at the appliance that should inspect this traffic or delete it',
          },
          fact: [normalizeId(nameFromId(routeId)), ip],
        });
      }
    }
    return results;
  },
});

function routeIdOf(table: RouteTable, route: Route): string {
  return route.id ?? `${table.id}/routes/${route.name}`;
}
