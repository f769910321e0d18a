// A client subnet whose effective route to a private endpoint IP has next hop None drops the
// packets at its own NIC: typical in a spoke that is not peered with the endpoint's spoke and has no
// user route through the hub, where 10.0.0.0/8 -> None catches the endpoint IP. DNS resolves, the
// connection times out.
// https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#default
import { endpointConsumers } from '../../src/net/endpoints/endpoint-consumers.js';
import { hubConnectionsOfVnet } from '../../src/inventory/vwan.js';
import {
  describeRoute,
  endpointSpace,
  nextHop,
  routeTo,
  routeWinnersTo,
  steeringAdvice,
} from '../../src/net/routing/index.js';
import { hubReach } from '../../src/net/vwan/hub-reach.js';
import { normalizeId } from '../../src/ids.js';
import { AffectedGroups, describeEnd } from '../affected.js';
import { defineCheck, type CheckResult, type Messages } from '../define.js';

interface Drop {
  where: string;
  subnets: string;
  endpoints: string;
  fix: string;
}

const messages = {
  noneRoute: (d: Drop & { route: string }) =>
    `${d.where} drops traffic from ${d.subnets} to ${d.endpoints} because ${d.route} is the effective route; ${d.fix}.`,
  noRoute: (d: Drop) => `${d.where} gives ${d.subnets} no route to ${d.endpoints}; ${d.fix}.`,
  hubNoConnection: (d: { hub: string; subnets: string; endpoints: string; vnet: string }) =>
    `Virtual hub ${d.hub} takes traffic from ${d.subnets} to ${d.endpoints} but no hub connection of its virtual WAN reaches VNet ${d.vnet}; connect ${d.vnet} to the hub.`,
} satisfies Messages;

/** One finding: the route table (or subnet without one) to change, described by the first pair found. */
interface Group {
  readonly resourceId: string;
  /** Set when the hub of a Virtual WAN spoke is what lacks the way on: the VNet to connect. */
  readonly hubVnet?: string;
  readonly where: string;
  readonly route: string | undefined;
  readonly fix: string;
  readonly fact: readonly string[];
}

export default defineCheck({
  id: 'route/blackhole',
  title: 'Consumer subnets have a working route to each private endpoint',
  level: 'error',
  tags: ['routing', 'private-endpoint'],
  rationale:
    "Azure gives every subnet system routes with next hop `None` for 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 and 100.64.0.0/10, and removes them only when a user route sends `0.0.0.0/0` to an appliance or gateway. A spoke peered only with the hub has no route to another spoke, so traffic to a private endpoint there matches `10.0.0.0/8 -> None` and is dropped at the client's NIC unless a user route sends it through the hub. A user route with next hop `None` drops it just the same. Name resolution still returns the endpoint's private IP, so clients see timeouts rather than errors.",
  remediation:
    "Send the endpoint VNet's address space (or `0.0.0.0/0`) from the consumer subnet to the hub firewall:\n\n```sh\naz network route-table route create --resource-group <rg> --route-table-name <rt> --name to-pep-via-firewall \\\n  --address-prefix 10.2.0.0/16 --next-hop-type VirtualAppliance --next-hop-ip-address <firewall private ip>\naz network vnet subnet update --resource-group <rg> --vnet-name <vnet> --name <subnet> --route-table <rt>\n```\n\nIn Bicep, attach the route table on the subnet (`routeTable: { id: rt.id }`) and give it the route:\n\n```bicep\n{\n  name: 'to-pep-via-firewall'\n  properties: { addressPrefix: '10.2.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' }\n}\n```\n\nWithout a hub appliance, peer the consumer's VNet with the endpoint's VNet instead. Remove any user route whose next hop is `None` for the endpoint's addresses.",
  references: [
    {
      title: 'Virtual network traffic routing: default routes',
      url: 'https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#default',
    },
    {
      title: 'Use Azure Firewall to route a multi hub and spoke topology',
      url: 'https://learn.microsoft.com/azure/firewall/firewall-multi-hub-spoke',
    },
    {
      title: 'Diagnose a virtual machine routing problem',
      url: 'https://learn.microsoft.com/azure/virtual-network/diagnose-network-routing-problem',
    },
  ],
  messages,
  evaluate(inv, ctx) {
    const results: CheckResult<typeof messages>[] = [];
    const add = (resourceId: string, reason: string) => results.push({ inconclusive: reason, resourceId });
    const groups = new AffectedGroups<Group>('subnet', 'privateEndpoint');
    for (const { endpoint, ips, subnets, firewalls } of endpointConsumers(inv, ctx)) {
      if (subnets.length === 0) continue;
      if (ips.length === 0) {
        add(
          endpoint.id,
          `The private IP of endpoint ${endpoint.name} is unknown (its NIC was not read), so the routes to it cannot be judged.`,
        );
        continue;
      }
      const applianceIp = firewalls.flatMap((firewall) => firewall.privateIps)[0];
      const winners = ips.map((ip) => routeWinnersTo(inv, subnets, ip));
      for (let subnetIndex = 0; subnetIndex < subnets.length; subnetIndex++) {
        const subnet = subnets[subnetIndex]!;
        for (let ipIndex = 0; ipIndex < ips.length; ipIndex++) {
          const ip = ips[ipIndex]!;
          const decision = winners[ipIndex]!(subnetIndex);
          if (decision.unknown) {
            add(subnet.id, decision.unknown);
            continue;
          }
          const winner = decision.winner;
          if (winner && winner.nextHopType !== nextHop.none) {
            // A Virtual WAN spoke hands the packet to its hub, which must itself reach the endpoint's VNet.
            if (winner.source !== 'VirtualNetworkGateway') continue;
            const hub = inv.virtualHubs.get(hubConnectionsOfVnet(inv, subnet.vnetKey)[0]?.hubKey ?? '');
            const reach = hub ? hubReach(inv, hub, ip) : undefined;
            if (!hub || !reach || reach.kind === 'connected') continue;
            if (reach.kind === 'unknown') {
              add(hub.id, reach.reason);
              continue;
            }
            const vnet = inv.vnetOfSubnet(endpoint.subnetId);
            const vnetName = vnet?.name ?? "the endpoint's VNet";
            groups.add(
              `${hub.key}|hub|${vnet?.key ?? normalizeId(endpoint.id)}`,
              () => ({
                resourceId: hub.id,
                hubVnet: vnetName,
                where: `Virtual hub ${hub.name}`,
                route: undefined,
                fix: `connect ${vnetName} to the hub`,
                fact: ['hub without connection', vnet?.key ?? normalizeId(endpoint.id)],
              }),
              subnet.id,
              endpoint.id,
            );
            break;
          }
          const table = subnet.routeTableId ? inv.routeTable(subnet.routeTableId) : undefined;
          const hubConnection = hubConnectionsOfVnet(inv, subnet.vnetKey)[0];
          const resourceId = table?.id ?? subnet.id;
          // One fix per route table and endpoint VNet (or per None route that catches them).
          const cause = winner?.originName ?? inv.vnetOfSubnet(endpoint.subnetId)?.key ?? normalizeId(endpoint.id);
          groups.add(
            `${normalizeId(resourceId)}|${winner ? 'none' : 'no'}|${cause}`,
            () => ({
              resourceId,
              where: table ? `Route table ${table.name}` : `Subnet ${subnet.name}, which has no route table,`,
              route: winner ? describeRoute(winner) : undefined,
              fix:
                hubConnection && table?.disableBgpRoutePropagation
                  ? `turn gateway route propagation back on in route table ${table.name} (disableBgpRoutePropagation false) so the subnet learns the routes of virtual hub ${inv.virtualHubs.get(hubConnection.hubKey)?.name ?? hubConnection.hubKey.split('/').pop()}`
                  : applianceIp
                    ? steeringAdvice(inv, subnet, endpoint, routeTo(inv, subnet, ip), applianceIp)
                    : `peer its VNet with the endpoint's VNet or route ${endpointSpace(inv, endpoint, ip)} to an appliance that reaches it`,
              fact: [winner ? 'none route' : 'no route', cause],
            }),
            subnet.id,
            endpoint.id,
          );
          break; // one pair per (subnet, endpoint)
        }
      }
    }
    for (const { data: group, affected } of groups.entries()) {
      const base = { resourceId: group.resourceId, affected, fact: group.fact };
      const data = {
        where: group.where,
        subnets: describeEnd(affected, 'sources'),
        endpoints: describeEnd(affected, 'targets'),
        fix: group.fix,
      };
      if (group.hubVnet !== undefined) {
        const hub = group.where.replace(/^Virtual hub /, '');
        results.push({
          ...base,
          messageId: 'hubNoConnection',
          data: { hub, subnets: data.subnets, endpoints: data.endpoints, vnet: group.hubVnet },
        });
        continue;
      }
      results.push(
        group.route !== undefined
          ? { ...base, messageId: 'noneRoute', data: { ...data, route: group.route } }
          : { ...base, messageId: 'noRoute', data },
      );
    }
    return results;
  },
});
