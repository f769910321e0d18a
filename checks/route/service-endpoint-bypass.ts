// A subnet with a service's endpoint (Microsoft.KeyVault, Microsoft.Storage...) gets a route for
// that service's public prefixes that beats every user route. Its clients normally reach the service
// through the private endpoint, but whenever its name resolves publicly (zone not linked, fallback
// to internet, a client bypassing the private zone) the traffic leaves by the service endpoint and
// never meets the hub firewall.
// https://learn.microsoft.com/azure/virtual-network/virtual-network-service-endpoints-overview
import { nameFromId, normalizeId, typeFromId } from '../../src/ids.js';
import { endpointConsumers } from '../../src/net/endpoints/endpoint-consumers.js';
import { serviceLabel, serviceNetworkProfile } from '../../src/net/endpoints/public-access.js';
import { describeRoute, nextHop, routeToService } from '../../src/net/routing/index.js';
import { defineCheck, type CheckResult, type Messages } from '../define.js';

const messages = {
  bypass: (d: { subnet: string; service: string; target: string; endpoint: string; bypassed: string }) =>
    `Subnet ${d.subnet} has the ${d.service} service endpoint, so whenever the name of ${d.target} resolves to its public address instead of private endpoint ${d.endpoint}, traffic leaves through the service endpoint rather than ${d.bypassed}; remove ${d.service} from the subnet's service endpoints.`,
} satisfies Messages;

// Next hops that inspect public traffic, which a service endpoint route takes precedence over.
const inspectingHops = new Set<string>([nextHop.virtualAppliance, nextHop.gateway]);

export default defineCheck({
  id: 'route/service-endpoint-bypass',
  title: 'Subnets that use a private endpoint have no service endpoint for its service',
  level: 'warning',
  tags: ['routing', 'service-endpoint', 'private-endpoint', 'firewall'],
  rationale:
    "A service endpoint on a subnet adds a route for the service's public prefixes that takes precedence over user-defined and BGP routes, and DNS keeps resolving the service's name to public addresses for it. Clients that should use the private endpoint switch silently to the service endpoint whenever the name resolves publicly: the privatelink zone is not linked, a record is missing and the link falls back to internet, or a client uses its own DNS. That traffic leaves the subnet directly instead of following its `0.0.0.0/0` route to the hub firewall, so it is neither inspected nor logged, and a VNet rule on the service may admit it. plaudit reports the subnet when its public traffic otherwise goes to an appliance or gateway; service endpoints belong on the firewall's subnet, if anywhere.",
  remediation:
    'Remove the service from the consumer subnet\'s service endpoints (and the matching VNet rule from the service, if any):\n\n```sh\naz network vnet subnet update --resource-group <rg> --vnet-name <vnet> --name <subnet> \\\n  --remove serviceEndpoints <index>\n```\n\nor, to clear them all: `--service-endpoints ""`. In Bicep, drop the entry from the subnet\'s `serviceEndpoints` array. If the service must be reached publicly, enable the endpoint on `AzureFirewallSubnet` instead, so traffic is still inspected.',
  references: [
    {
      title: 'Virtual network service endpoints',
      url: 'https://learn.microsoft.com/azure/virtual-network/virtual-network-service-endpoints-overview',
    },
    {
      title: 'Virtual network traffic routing: service endpoint routes',
      url: 'https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview',
    },
    {
      title: 'Azure Firewall FAQ: service endpoints',
      url: 'https://learn.microsoft.com/azure/firewall/firewall-faq',
    },
  ],
  messages,
  evaluate(inv, ctx) {
    const results: CheckResult<typeof messages>[] = [];
    const add = (resourceId: string, reason: string) => results.push({ inconclusive: reason, resourceId });
    for (const { endpoint, clientSubnets: subnets } of endpointConsumers(inv, ctx)) {
      const withEndpoints = subnets.filter((subnet) => subnet.serviceEndpoints.some((se) => se.service !== ''));
      if (withEndpoints.length === 0) continue;
      const targetIds = [
        ...new Map(
          endpoint.connections
            .map((connection) => connection.targetId)
            .filter((id): id is string => id !== undefined)
            .map((id) => [normalizeId(id), id]),
        ).values(),
      ];
      for (const subnet of withEndpoints) {
        for (const targetId of targetIds) {
          const target = inv.target(targetId);
          const type = target?.type ?? typeFromId(targetId) ?? '';
          const services = serviceNetworkProfile(type).serviceEndpoints;
          if (!services) {
            add(
              subnet.id,
              `Subnet ${subnet.name} has service endpoints, and plaudit does not know which one serves ${type || 'the target'} of private endpoint ${endpoint.name}.`,
            );
            continue;
          }
          const decision = routeToService(inv, subnet, services, target?.location);
          if (decision.unknown) {
            add(subnet.id, decision.unknown);
            continue;
          }
          if (decision.winner?.nextHopType !== nextHop.serviceEndpoint) continue;
          const bypassed = decision.candidates.find(
            (route) =>
              route.state === 'Active' && route.addressPrefix === '0.0.0.0/0' && inspectingHops.has(route.nextHopType),
          );
          if (!bypassed) continue;
          results.push({
            resourceId: subnet.id,
            related: [endpoint.id, ...(inv.has(targetId) ? [targetId] : [])],
            messageId: 'bypass',
            data: {
              subnet: subnet.name,
              service: decision.winner.service ?? services[0]!,
              target: target ? serviceLabel(target) : nameFromId(targetId),
              endpoint: endpoint.name,
              bypassed: describeRoute(bypassed),
            },
            fact: [subnet.key, endpoint.key],
          });
          break; // one finding per (subnet, endpoint)
        }
      }
    }
    return results;
  },
});
