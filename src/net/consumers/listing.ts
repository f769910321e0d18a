// Every subnet with its role, the workloads that decided it, and the endpoint VNets its VNet
// reaches, each with its path and what stands in the way: what `plaudit consumers` prints, and
// what a finding's evidence can quote.
import { nameFromId } from '../../ids.js';
import type { CheckContext } from '../../inventory/context.js';
import { groupBy } from '../../inventory/group-by.js';
import type { Inventory } from '../../inventory/inventory.js';
import { endpointVnetKey } from '../../inventory/topology.js';
import { describePath, pathNotes, reachTo } from './reach.js';
import { subnetRoles, type SubnetRoleKind } from './roles.js';
import type { WorkloadKind } from './workloads.js';

export interface SubnetListing {
  readonly id: string;
  readonly name: string;
  readonly vnet: string;
  readonly consumer: boolean;
  readonly routesOnly: boolean;
  readonly kind: SubnetRoleKind;
  readonly reason: string;
  readonly workloads: readonly {
    readonly kind: WorkloadKind;
    readonly id: string;
    readonly client: boolean;
    readonly detail: string;
  }[];
  /** For consumers: each endpoint VNet reached, with how many endpoints it holds and the path. */
  readonly reaches: readonly {
    readonly vnetId: string;
    readonly endpoints: number;
    readonly path: string;
    readonly hops: number;
    readonly notes: readonly { readonly severity: 'broken' | 'warning'; readonly text: string }[];
  }[];
}

/** Every subnet read, sorted by VNet name then subnet name. */
export function consumerListing(inv: Inventory, ctx: CheckContext): readonly SubnetListing[] {
  const roles = subnetRoles(inv, ctx);
  const homes = groupBy(inv.privateEndpoints.values(), (endpoint) => endpointVnetKey(inv, endpoint) || undefined);
  const vnetName = (key: string) => inv.vnets.get(key)?.name ?? nameFromId(key);
  const listing: SubnetListing[] = [];
  for (const role of roles.values()) {
    const { subnet } = role;
    const reaches = role.consumer
      ? [...homes.entries()].flatMap(([home, endpoints]) => {
          const path = reachTo(inv, home).get(subnet.vnetKey);
          if (!path) return [];
          const notes = pathNotes(inv, path, { subnetName: subnet.name, fromGateway: role.routesOnly });
          return [
            {
              vnetId: inv.vnets.get(home)?.id ?? home,
              endpoints: endpoints.length,
              path: describePath(inv, path),
              hops: path.links.length,
              notes: notes.map((note) => ({ severity: note.severity, text: note.text })),
            },
          ];
        })
      : [];
    listing.push({
      id: subnet.id,
      name: subnet.name,
      vnet: vnetName(subnet.vnetKey),
      consumer: role.consumer,
      routesOnly: role.routesOnly,
      kind: role.kind,
      reason: role.reason,
      workloads: role.workloads.map((workload) => ({
        kind: workload.kind,
        id: workload.id,
        client: workload.client,
        detail: workload.detail,
      })),
      reaches: reaches.sort((a, b) => a.hops - b.hops || a.vnetId.localeCompare(b.vnetId)),
    });
  }
  return listing.sort(
    (a, b) => a.vnet.localeCompare(b.vnet) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}
