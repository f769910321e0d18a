// Who consumes private endpoints and how far traffic reaches them: each subnet's role (consumer or
// not, its kind and the reason), the links between networks, and the paths from each consumer's
// VNet to an endpoint's, through any number of hubs that forward.
import { defaultCheckContext, type CheckContext } from '../../inventory/context.js';
import type { Inventory } from '../../inventory/inventory.js';
import { endpointVnetKey } from '../../inventory/topology.js';
import type { PrivateEndpoint, VirtualNetwork } from '../../inventory/types.js';
import { reachTo } from './reach.js';
import { subnetRoles } from './roles.js';

export { linkConnected, linkName, linksFrom, type LinkSource, type NetworkLink } from './links.js';
export {
  describePath,
  firewallsOnPaths,
  forwardersIn,
  pathNotes,
  reachTo,
  type Forwarder,
  type PathNote,
  type PathOptions,
  type ReachPath,
} from './reach.js';
export { subnetRole, subnetRoles, type SubnetRole, type SubnetRoleKind } from './roles.js';
export { workloadsIn, type Workload, type WorkloadKind } from './workloads.js';

/**
 * VNets whose clients consume an endpoint: those reaching its VNet that hold a consumer subnet
 * whose own workloads resolve names (GatewaySubnet aside), sorted by key.
 */
export function consumerVnetsOf(
  inv: Inventory,
  endpoint: PrivateEndpoint,
  ctx: CheckContext = defaultCheckContext,
): readonly VirtualNetwork[] {
  const home = endpointVnetKey(inv, endpoint);
  if (!home) return [];
  const roles = subnetRoles(inv, ctx);
  return [...reachTo(inv, home).keys()]
    .map((key) => inv.vnets.get(key))
    .filter(
      (vnet): vnet is VirtualNetwork =>
        vnet !== undefined &&
        vnet.subnets.some((subnet) => {
          const role = roles.get(subnet.key);
          return role?.consumer === true && !role.routesOnly;
        }),
    )
    .sort((a, b) => a.key.localeCompare(b.key));
}
export { consumerListing, type SubnetListing } from './listing.js';
