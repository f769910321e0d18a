// For every private endpoint: its IPs, the subnets whose workloads consume it, the hub firewalls
// that should inspect that traffic (the route checks then ask src/net/routing for each path).
// A consumer subnet is one src/net/consumers judges so (VMs, scale sets, AKS node pools, App
// Service and Container Apps integration, application gateways, GatewaySubnet for routes; not
// endpoints, firewalls, Bastion, resolver endpoints, DNS forwarders or appliances) in a VNet that
// reaches the endpoint over links, through any number of hubs that forward. Configuration may
// declare them per endpoint, or declare or exclude a subnet for all.
// Consumers and firewalls depend only on the endpoint's VNet unless configuration declares them
// per endpoint, so they are worked out once per VNet: estates hold tens of thousands of endpoints
// in a handful of endpoint spokes.
import type { CheckContext } from '../../inventory/context.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventoryKey } from '../../inventory/memo.js';
import { endpointIps, endpointVnetKey } from '../../inventory/topology.js';
import type { AzureFirewall, PrivateEndpoint, Subnet } from '../../inventory/types.js';
import { firewallsOnPaths, reachTo } from '../consumers/reach.js';
import { subnetRoles } from '../consumers/roles.js';

export interface EndpointConsumers {
  readonly endpoint: PrivateEndpoint;
  readonly ips: readonly string[];
  /** Every consumer subnet, GatewaySubnet included: route checks judge them all. */
  readonly subnets: readonly Subnet[];
  /** The consumer subnets whose own addresses are the sources (not GatewaySubnet): firewall rules judge these. */
  readonly clientSubnets: readonly Subnet[];
  readonly firewalls: readonly AzureFirewall[];
}

/** Every endpoint (sorted by key) with its consumer subnets and hub firewalls. */
export function endpointConsumers(inv: Inventory, ctx: CheckContext): readonly EndpointConsumers[] {
  return consumersByContext(inv, ctx);
}

const consumersByContext = memoByInventoryKey(consumersOf);

function consumersOf(inv: Inventory, ctx: CheckContext): readonly EndpointConsumers[] {
  const byHome = new Map<string, Pick<EndpointConsumers, 'subnets' | 'clientSubnets' | 'firewalls'>>();
  const result: EndpointConsumers[] = [];
  for (const endpoint of [...inv.privateEndpoints.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    const home = endpointVnetKey(inv, endpoint);
    const ips = endpointIps(inv, endpoint);
    const declared = ctx.consumerSubnetsByEndpoint.get(endpoint.key);
    let shared = home ? byHome.get(home) : undefined;
    if (!shared) {
      shared = home
        ? inferred(inv, ctx, home)
        : { subnets: [], clientSubnets: [], firewalls: hubFirewalls(inv, ctx, []) };
      if (home) byHome.set(home, shared);
    }
    if (declared) {
      const subnets = declared.map((key) => inv.subnets.get(key)).filter((subnet): subnet is Subnet => !!subnet);
      const roles = subnetRoles(inv, ctx);
      const clientSubnets = subnets.filter((subnet) => !roles.get(subnet.key)?.routesOnly);
      result.push({ endpoint, ips, subnets, clientSubnets, firewalls: shared.firewalls });
    } else {
      result.push({ endpoint, ips, ...shared });
    }
  }
  return result;
}

function inferred(inv: Inventory, ctx: CheckContext, home: string) {
  const roles = subnetRoles(inv, ctx);
  const vnets = [...reachTo(inv, home).keys()]
    .map((key) => inv.vnets.get(key))
    .filter((vnet) => vnet !== undefined)
    .sort((a, b) => a.key.localeCompare(b.key));
  const subnets = vnets.flatMap((vnet) => vnet.subnets).filter((subnet) => roles.get(subnet.key)?.consumer);
  return {
    subnets,
    clientSubnets: subnets.filter((subnet) => !roles.get(subnet.key)?.routesOnly),
    firewalls: hubFirewalls(inv, ctx, firewallsOnPaths(inv, home)),
  };
}

/** The firewalls declared as the hub's, otherwise every Azure Firewall on a path to the endpoint. */
function hubFirewalls(inv: Inventory, ctx: CheckContext, onPaths: readonly AzureFirewall[]): readonly AzureFirewall[] {
  if (ctx.hubFirewallKeys.length > 0) {
    return ctx.hubFirewallKeys.map((key) => inv.firewalls.get(key)).filter((fw): fw is AzureFirewall => !!fw);
  }
  return onPaths;
}

/** The hub firewalls for one endpoint (declared, else every Azure Firewall on a path to it). */
export function hubFirewallsFor(
  inv: Inventory,
  ctx: CheckContext,
  endpoint: PrivateEndpoint,
): readonly AzureFirewall[] {
  const home = endpointVnetKey(inv, endpoint);
  return hubFirewalls(inv, ctx, home ? firewallsOnPaths(inv, home) : []);
}
