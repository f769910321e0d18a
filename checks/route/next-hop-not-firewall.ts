// In hub-and-spoke, the hub firewall sees traffic to a private endpoint only if the client subnet's
// effective route to the endpoint IP points at it. Peering routes, the endpoint's own /32 (which a
// 0.0.0.0/0 user route never overrides) and VNet-local delivery all carry the traffic past it.
// https://learn.microsoft.com/azure/private-link/inspect-traffic-with-azure-firewall
import { normalizeId, sameId } from '../../src/ids.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import type { AzureFirewall, PrivateEndpoint } from '../../src/inventory/types.js';
import { subnetRole } from '../../src/net/consumers/index.js';
import { endpointConsumers } from '../../src/net/endpoints/endpoint-consumers.js';
import {
  applianceHopIp,
  describeRoute,
  nextHop,
  nextHopIpStatus,
  routeTo,
  routeWinnersTo,
  steeringAdvice,
  type EffectiveRoute,
  type RangeRoute,
} from '../../src/net/routing/index.js';
import { AffectedGroups, describeEnd } from '../affected.js';
import { defineCheck, type CheckResult, type Messages } from '../define.js';

interface Bypass {
  where: string;
  subnets: string;
  endpoints: string;
  route: string;
  firewall: string;
  fix: string;
}

const messages = {
  bypass: (d: Bypass) =>
    `${d.where} lets ${d.subnets} reach ${d.endpoints} by ${d.route}, not through firewall ${d.firewall}; ${d.fix}.`,
  gateway: (d: Bypass) =>
    `${d.where} lets on-premises traffic entering through ${d.subnets} reach ${d.endpoints} by ${d.route}, not through firewall ${d.firewall}; ${d.fix}.`,
  sameVnet: (d: Bypass) =>
    `${d.where} lets ${d.subnets} reach ${d.endpoints} in their own VNet by ${d.route}, not through firewall ${d.firewall}; ${d.fix}.`,
} satisfies Messages;

/** One finding: the route table (or subnet without one) to change, and how the first pair found it. */
interface Group {
  readonly resourceId: string;
  readonly where: string;
  readonly messageId: keyof typeof messages;
  readonly route: string;
  readonly firewall: AzureFirewall;
  readonly fix: string;
  readonly related: readonly string[];
  readonly fact: readonly string[];
}

export default defineCheck({
  id: 'route/next-hop-not-firewall',
  title: 'Consumer subnets route private endpoint traffic to the hub firewall',
  level: 'error',
  tags: ['routing', 'firewall', 'private-endpoint'],
  rationale:
    "Traffic from a workload subnet to a private endpoint is inspected only if the subnet's effective route for the endpoint IP has the hub firewall's private IP as next hop. A private endpoint publishes a /32 route into its own VNet and every directly peered VNet, and only a user route at least as long as the endpoint VNet's prefix, with `RouteTableEnabled` network policies on the endpoint's subnet, overrides it: a `0.0.0.0/0` route to the firewall never does. Peering and VNet-local routes, an appliance that is not the firewall, or a gateway also carry the traffic past it, so firewall rules, logs and threat intelligence never see it. plaudit checks only endpoints that have a hub firewall in scope. It also reports consumers in the endpoint's own VNet: Azure delivers that traffic directly unless routes and policies steer it, which the firewall cannot inspect; suppress those findings where the design deliberately exempts same-VNet clients.",
  remediation:
    "Send the endpoint VNet's address space to the firewall from the consumer subnet, and enable route-table network policies on the endpoint's subnet so the user route overrides the endpoint's /32:\n\n```sh\naz network route-table route create --resource-group <rg> --route-table-name <rt> --name to-pep-via-firewall \\\n  --address-prefix 10.2.0.0/16 --next-hop-type VirtualAppliance --next-hop-ip-address <firewall private ip>\naz network vnet subnet update --resource-group <rg> --vnet-name <pe vnet> --name <pe subnet> \\\n  --private-endpoint-network-policies RouteTableEnabled\n```\n\nIn Bicep, on the endpoint's subnet: `privateEndpointNetworkPolicies: 'RouteTableEnabled'`, and in the consumer's route table:\n\n```bicep\nroutes: [\n  {\n    name: 'to-pep-via-firewall'\n    properties: {\n      addressPrefix: '10.2.0.0/16'\n      nextHopType: 'VirtualAppliance'\n      nextHopIpAddress: firewall.properties.ipConfigurations[0].properties.privateIPAddress\n    }\n  }\n]\n```",
  references: [
    {
      title: 'Use Azure Firewall to inspect traffic destined to a private endpoint',
      url: 'https://learn.microsoft.com/azure/private-link/inspect-traffic-with-azure-firewall',
    },
    {
      title: 'Manage network policies for private endpoints',
      url: 'https://learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy',
    },
    {
      title: 'Virtual network traffic routing',
      url: 'https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview',
    },
  ],
  messages,
  evaluate(inv, ctx) {
    const results: CheckResult<typeof messages>[] = [];
    const groups = new AffectedGroups<Group>('subnet', 'privateEndpoint');
    for (const { endpoint, ips, subnets, firewalls } of endpointConsumers(inv, ctx)) {
      if (firewalls.length === 0 || subnets.length === 0) continue;
      if (ips.length === 0) {
        results.push({
          inconclusive: `The private IP of endpoint ${endpoint.name} is unknown (its NIC was not read), so the route to it cannot be judged.`,
          resourceId: endpoint.id,
        });
        continue;
      }
      const firewallIps = new Set(firewalls.flatMap((firewall) => firewall.privateIps));
      const winners = ips.map((ip) => routeWinnersTo(inv, subnets, ip));
      for (let subnetIndex = 0; subnetIndex < subnets.length; subnetIndex++) {
        const subnet = subnets[subnetIndex]!;
        for (let ipIndex = 0; ipIndex < ips.length; ipIndex++) {
          const ip = ips[ipIndex]!;
          const decision = winners[ipIndex]!(subnetIndex);
          const verdict = judge(inv, decision, ip, firewallIps);
          if (verdict === 'ok') continue;
          if (typeof verdict === 'object') {
            results.push({ inconclusive: verdict.reason, resourceId: subnet.id });
            continue;
          }
          const firewall = firewalls[0]!;
          const table = subnet.routeTableId ? inv.routeTable(subnet.routeTableId) : undefined;
          const sameVnet = inv.vnetOfSubnet(endpoint.subnetId)?.key === subnet.vnetKey;
          const winner = decision.winner!;
          const messageId = subnetRole(inv, ctx, subnet).routesOnly ? 'gateway' : sameVnet ? 'sameVnet' : 'bypass';
          // One fix per route table: the user route to repoint, or the route to add for the endpoint's VNet.
          const steer =
            winner.source === 'User' && winner.originName
              ? `route ${winner.originName}`
              : (inv.vnetOfSubnet(endpoint.subnetId)?.key ?? normalizeId(endpoint.subnetId ?? endpoint.id));
          const resourceId = table?.id ?? subnet.id;
          groups.add(
            `${normalizeId(resourceId)}|${messageId}|${steer}`,
            () => ({
              resourceId,
              where: table ? `Route table ${table.name}` : `Subnet ${subnet.name}, which has no route table,`,
              messageId,
              route: routeText(winner, endpoint),
              firewall,
              fix: steeringAdvice(
                inv,
                subnet,
                endpoint,
                routeTo(inv, subnet, ip),
                firewall.privateIps[0] ?? '<firewall private IP>',
              ),
              related: firewalls.map((fw) => fw.id),
              fact: [messageId, steer],
            }),
            subnet.id,
            endpoint.id,
          );
          break; // one pair per (subnet, endpoint)
        }
      }
    }
    for (const { data, affected } of groups.entries()) {
      results.push({
        resourceId: data.resourceId,
        related: data.related,
        messageId: data.messageId,
        data: {
          where: data.where,
          subnets: describeEnd(affected, 'sources'),
          endpoints: describeEnd(affected, 'targets'),
          route: affected.targets > 1 ? `routes such as ${data.route}` : data.route,
          firewall: describeFirewall(data.firewall),
          fix: data.fix,
        },
        affected,
        fact: data.fact,
      });
    }
    return results;
  },
});

type Verdict = 'ok' | 'bypass' | { reason: string };

function judge(inv: Inventory, decision: RangeRoute, destination: string, firewallIps: Set<string>): Verdict {
  if (decision.unknown) return { reason: decision.unknown };
  const winner = decision.winner;
  // No route, or a None route: route/blackhole reports it.
  if (!winner || winner.nextHopType === nextHop.none) return 'ok';
  const ip = applianceHopIp(winner);
  if (ip === undefined) return winner.nextHopType === nextHop.virtualAppliance ? 'ok' : 'bypass';
  if (firewallIps.has(ip)) return 'ok';
  const status = nextHopIpStatus(inv, ip);
  // Nothing answers at an IP inside a VNet that was read: route/next-hop-stale-ip reports the route.
  if (status.state === 'unowned' || status.state === 'notAnAddress') return 'ok';
  if (status.state === 'outsideScope') {
    return {
      reason: `Traffic to ${destination} goes to virtual appliance ${ip}, which is outside every VNet read, so whether a hub firewall answers there cannot be told.`,
    };
  }
  return 'bypass';
}

function routeText(route: EffectiveRoute, endpoint: PrivateEndpoint): string {
  return route.nextHopType === nextHop.interfaceEndpoint && sameId(route.origin, endpoint.id)
    ? `its own system route ${route.addressPrefix} to InterfaceEndpoint`
    : describeRoute(route);
}

function describeFirewall(firewall: AzureFirewall): string {
  return firewall.privateIps.length > 0 ? `${firewall.name} (${firewall.privateIps.join(', ')})` : firewall.name;
}
