// Whether a subnet holds clients of private endpoints (a "consumer subnet", as plaudit's design
// defines it), of what kind, and why: from its workloads, its name where Azure reserves it, and
// configuration, which may declare or exclude a subnet. GatewaySubnet is where on-premises
// traffic enters: a consumer for routes only (its sources are on-premises addresses).
import type { CheckContext } from '../../inventory/context.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventoryKey } from '../../inventory/memo.js';
import type { Subnet } from '../../inventory/types.js';
import { workloadsIn, type Workload, type WorkloadKind } from './workloads.js';

export type SubnetRoleKind = WorkloadKind | 'declared' | 'excluded' | 'empty';

export interface SubnetRole {
  readonly subnet: Subnet;
  /** Judged as a source of traffic to private endpoints. */
  readonly consumer: boolean;
  /** Only its routes are judged (GatewaySubnet: the sources are on-premises). */
  readonly routesOnly: boolean;
  /** The workload that decided it (the first client, else the first other workload). */
  readonly kind: SubnetRoleKind;
  /** One sentence a person can check: what the subnet holds and what follows. */
  readonly reason: string;
  readonly workloads: readonly Workload[];
}

const reservedNames: Readonly<Record<string, { kind: WorkloadKind; what: string }>> = {
  azurefirewallsubnet: {
    kind: 'firewall',
    what: 'holds Azure Firewall, which forwards traffic and is judged as the hub firewall',
  },
  azurefirewallmanagementsubnet: { kind: 'firewall', what: "holds Azure Firewall's management traffic" },
  azurebastionsubnet: {
    kind: 'bastion',
    what: 'holds Azure Bastion, which opens sessions to VMs, not to private endpoints',
  },
  routeserversubnet: { kind: 'routeServer', what: 'holds Azure Route Server, which only exchanges routes' },
};

/** The role of every subnet read, by normalized id. */
export function subnetRoles(inv: Inventory, ctx: CheckContext): ReadonlyMap<string, SubnetRole> {
  return rolesByContext(inv, ctx);
}

export function subnetRole(inv: Inventory, ctx: CheckContext, subnet: Subnet): SubnetRole {
  return subnetRoles(inv, ctx).get(subnet.key) ?? judge(inv, ctx, subnet);
}

const rolesByContext = memoByInventoryKey((inv, ctx: CheckContext): ReadonlyMap<string, SubnetRole> => {
  const roles = new Map<string, SubnetRole>();
  for (const subnet of inv.subnets.values()) roles.set(subnet.key, judge(inv, ctx, subnet));
  return roles;
});

function judge(inv: Inventory, ctx: CheckContext, subnet: Subnet): SubnetRole {
  const workloads = workloadsIn(inv, subnet);
  const role = (consumer: boolean, kind: SubnetRoleKind, reason: string, routesOnly = false): SubnetRole => ({
    subnet,
    consumer,
    routesOnly,
    kind,
    reason,
    workloads,
  });
  const declared = ctx.consumerSubnets?.get(subnet.key);
  if (declared) {
    return declared.consumer
      ? role(true, 'declared', `Declared a consumer in configuration: ${declared.reason}`)
      : role(false, 'excluded', `Excluded in configuration: ${declared.reason}`);
  }
  const name = subnet.name.toLowerCase();
  const reserved = reservedNames[name];
  if (reserved) return role(false, reserved.kind, `${subnet.name} ${reserved.what}; not a consumer.`);
  if (name === 'gatewaysubnet') {
    const gateway = workloads.find((workload) => workload.kind === 'gateway');
    return gateway
      ? role(
          true,
          'gateway',
          `GatewaySubnet holds ${gateway.detail}: judged as the on-premises entry, for its routes to private endpoints.`,
          true,
        )
      : role(false, 'empty', 'GatewaySubnet holds no gateway in the snapshot; not judged as the on-premises entry.');
  }
  const clients = workloads.filter((workload) => workload.client);
  if (clients.length > 0) {
    return role(true, clients[0]!.kind, `Holds ${summary(clients)}: a consumer.`);
  }
  if (workloads.length > 0) {
    return role(false, workloads[0]!.kind, `Holds only ${summary(workloads)}${whyNot(workloads)}; not a consumer.`);
  }
  const unlisted =
    subnet.ipConfigurationIds === undefined ? " (the data has no list of the subnet's IP configurations)" : '';
  return role(false, 'empty', `No workload in the snapshot uses it${unlisted}; not a consumer.`);
}

function summary(workloads: readonly Workload[]): string {
  const shown = workloads.slice(0, 3).map((workload) => workload.detail);
  const more = workloads.length > 3 ? ` and ${workloads.length - 3} more` : '';
  return `${shown.join(', ')}${more}`;
}

function whyNot(workloads: readonly Workload[]): string {
  const kinds = new Set(workloads.map((workload) => workload.kind));
  if (kinds.has('dnsForwarder')) return ', which forward DNS queries rather than open connections to endpoints';
  if (kinds.has('appliance')) return ', which forward traffic for others';
  return '';
}
