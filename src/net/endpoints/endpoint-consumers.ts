// For every private endpoint: its IPs, the subnets whose workloads consume it, the hub firewalls
// that should inspect that traffic (the route checks then ask src/net/routing for each path).
// Subnets whose only workload NICs forward IP traffic hold appliances (NVAs), not clients, and are
// left out unless configuration declares them.
// Consumers and firewalls depend only on the endpoint's VNet unless configuration declares them
// per endpoint, so they are worked out once per VNet: estates hold tens of thousands of endpoints
// in a handful of endpoint spokes.
import type { CheckContext } from '../../inventory/context.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventoryKey } from '../../inventory/memo.js';
import { consumerSubnetsOf, endpointIps, endpointVnetKey, hubFirewallsFor } from '../../inventory/topology.js';
import type { AzureFirewall, PrivateEndpoint, Subnet } from '../../inventory/types.js';

export interface EndpointConsumers {
  readonly endpoint: PrivateEndpoint;
  readonly ips: readonly string[];
  readonly subnets: readonly Subnet[];
  readonly firewalls: readonly AzureFirewall[];
}

/** Every endpoint (sorted by key) with its consumer subnets and hub firewalls. */
export function endpointConsumers(inv: Inventory, ctx: CheckContext): readonly EndpointConsumers[] {
  return consumersByContext(inv, ctx);
}

const consumersByContext = memoByInventoryKey(consumersOf);

function consumersOf(inv: Inventory, ctx: CheckContext): readonly EndpointConsumers[] {
  const subnetsByVnet = new Map<string, readonly Subnet[]>();
  const firewallsByVnet = new Map<string, readonly AzureFirewall[]>();
  const result: EndpointConsumers[] = [];
  for (const endpoint of [...inv.privateEndpoints.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    const home = endpointVnetKey(inv, endpoint) ?? `endpoint:${endpoint.key}`;
    const declared = ctx.consumerSubnetsByEndpoint.has(endpoint.key);
    let subnets = declared ? undefined : subnetsByVnet.get(home);
    if (!subnets) {
      subnets = consumerSubnetsOf(inv, ctx, endpoint);
      if (!declared) subnetsByVnet.set(home, subnets);
    }
    let firewalls = firewallsByVnet.get(home);
    if (!firewalls) {
      firewalls = hubFirewallsFor(inv, ctx, endpoint);
      firewallsByVnet.set(home, firewalls);
    }
    result.push({ endpoint, ips: endpointIps(inv, endpoint), subnets, firewalls });
  }
  return result;
}
