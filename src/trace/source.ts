// Where a traced flow starts: a private IP, a NIC id, a VM, a scale set, an AKS cluster or node
// pool, a web app or a Container Apps environment (by id or name), a subnet id, or `gateway`
// (on-premises traffic entering through GatewaySubnet; `gateway:NAME` picks one by gateway or
// VNet name). Sources without a NIC of their own start from their subnet's addresses.
import { UsageError } from '../errors.js';
import { nameFromId, normalizeId, typeFromId } from '../ids.js';
import type { Inventory } from '../inventory/inventory.js';
import { parseIpv4, parseIpv4Prefix, prefixContains } from '../net/cidr.js';
import { workloadsIn } from '../net/consumers/index.js';
import type { NetworkInterface, Subnet, VirtualNetwork } from '../inventory/types.js';

export interface TraceSource {
  readonly description: string;
  readonly subnet: Subnet;
  readonly vnet: VirtualNetwork;
  /** The source address: the NIC's IP, or the subnet's prefix when tracing from a whole subnet. */
  readonly address: string;
  readonly resourceId: string;
  /** On-premises traffic entering through GatewaySubnet: its source addresses are not in the snapshot. */
  readonly onPremises?: boolean;
}

export function resolveSource(inv: Inventory, source: string): TraceSource {
  const text = source.trim();
  if (parseIpv4(text) !== undefined) {
    const nic = inv.ipOwnersOf(text).find((owner) => owner.kind === 'nic');
    if (nic?.kind === 'nic') return fromNic(inv, nic.nic, text, `${text} (${nic.nic.name})`);
    const subnet = [...inv.subnets.values()].find((candidate) =>
      candidate.addressPrefixes.some((prefix) => inPrefix(text, prefix)),
    );
    if (subnet) return fromSubnet(inv, subnet, text, `${text} in ${subnet.name}`);
    throw new UsageError(`no NIC or subnet in the snapshot holds ${text}`);
  }
  if (/^gateway(:|$)/i.test(text)) return fromGateway(inv, text.slice('gateway'.length).replace(/^:/, ''));
  if (text.startsWith('/')) {
    const type = typeFromId(text);
    switch (type) {
      case 'microsoft.network/networkinterfaces': {
        const nic = inv.nic(text);
        if (!nic) throw new UsageError(`NIC ${text} is not in the snapshot`);
        return fromNic(inv, nic, undefined, `NIC ${nic.name}`);
      }
      case 'microsoft.network/virtualnetworks/subnets': {
        const subnet = inv.subnet(text);
        if (!subnet) throw new UsageError(`subnet ${text} is not in the snapshot`);
        return fromSubnet(inv, subnet, undefined, `subnet ${subnet.name}`);
      }
      case 'microsoft.network/virtualnetworkgateways':
        return fromGatewayId(inv, text);
      case 'microsoft.containerservice/managedclusters/agentpools': {
        const clusterId = text.replace(/\/agentpools\/[^/]+$/i, '');
        return fromCluster(inv, [...byId(inv, clusterId)], nameFromId(text));
      }
      default: {
        const found = byId(inv, text);
        if (found.length === 0) {
          throw new UsageError(
            `${text} is not a NIC, VM, scale set, AKS cluster or node pool, web app, Container Apps environment, gateway or subnet id in the snapshot`,
          );
        }
        return fromNamed(inv, found[0]!, text);
      }
    }
  }
  const [clusterName, poolName] = text.split('/');
  if (poolName !== undefined && clusterName) {
    const clusters = [...inv.managedClusters.values()].filter(
      (c) => c.name.toLowerCase() === clusterName.toLowerCase(),
    );
    if (clusters.length > 0)
      return fromCluster(
        inv,
        clusters.map((cluster) => named(cluster)),
        poolName,
      );
  }
  const found = byName(inv, text);
  if (found.length === 0) {
    throw new UsageError(
      `no VM, scale set, AKS cluster, web app, Container Apps environment, NIC, subnet or IP "${text}" in the snapshot`,
    );
  }
  if (found.length > 1) {
    throw new UsageError(
      `${found.length} resources are named ${text} (${found.map((item) => item.label).join(', ')}); give the resource id`,
    );
  }
  return fromNamed(inv, found[0]!, text);
}

interface Named {
  readonly kind: 'vm' | 'scaleSet' | 'cluster' | 'site' | 'containerApps';
  readonly id: string;
  readonly name: string;
  readonly label: string;
}

function named(entity: { id: string; name: string }, kind: Named['kind'] = 'cluster'): Named {
  const labels: Record<Named['kind'], string> = {
    vm: 'VM',
    scaleSet: 'scale set',
    cluster: 'AKS cluster',
    site: 'web app',
    containerApps: 'Container Apps environment',
  };
  return { kind, id: entity.id, name: entity.name, label: `${labels[kind]} ${entity.name}` };
}

function candidates(inv: Inventory): Named[] {
  return [
    ...[...inv.virtualMachines.values()].map((vm) => named(vm, 'vm')),
    ...[...inv.scaleSets.values()].map((scaleSet) => named(scaleSet, 'scaleSet')),
    ...[...inv.managedClusters.values()].map((cluster) => named(cluster, 'cluster')),
    ...[...inv.sites.values()].map((site) => named(site, 'site')),
    ...[...inv.containerAppsEnvironments.values()].map((environment) => named(environment, 'containerApps')),
  ];
}

function byName(inv: Inventory, name: string): Named[] {
  return candidates(inv).filter((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
}

function byId(inv: Inventory, id: string): Named[] {
  return candidates(inv).filter((candidate) => normalizeId(candidate.id) === normalizeId(id));
}

function fromNamed(inv: Inventory, item: Named, asked: string): TraceSource {
  switch (item.kind) {
    case 'vm': {
      const vm = inv.virtualMachines.get(normalizeId(item.id))!;
      const nic = vm.nicIds.map((id) => inv.nic(id)).find((candidate) => candidate !== undefined);
      if (!nic) throw new UsageError(`VM ${vm.name} has no NIC in the snapshot`);
      return fromNic(inv, nic, undefined, `VM ${vm.name} (${nic.name})`);
    }
    case 'scaleSet': {
      const scaleSet = inv.scaleSets.get(normalizeId(item.id))!;
      return fromSubnetId(inv, scaleSet.subnetIds[0], `scale set ${scaleSet.name}`, scaleSet.id);
    }
    case 'cluster':
      return fromCluster(inv, [item], undefined);
    case 'site': {
      const site = inv.sites.get(normalizeId(item.id))!;
      if (!site.subnetId) {
        throw new UsageError(
          `web app ${site.name} has no VNet integration (virtualNetworkSubnetId), so its outbound traffic uses no VNet`,
        );
      }
      return fromSubnetId(inv, site.subnetId, `web app ${site.name} (VNet integration)`, site.id);
    }
    case 'containerApps': {
      const environment = inv.containerAppsEnvironments.get(normalizeId(item.id))!;
      if (!environment.subnetId) {
        throw new UsageError(`Container Apps environment ${environment.name} has no infrastructure subnet in a VNet`);
      }
      return fromSubnetId(inv, environment.subnetId, `Container Apps environment ${environment.name}`, environment.id);
    }
  }
  throw new UsageError(`cannot trace from ${asked}`);
}

function fromCluster(inv: Inventory, clusters: readonly Named[], poolName: string | undefined): TraceSource {
  if (clusters.length === 0) throw new UsageError(`no AKS cluster ${poolName ?? ''} in the snapshot`);
  if (clusters.length > 1)
    throw new UsageError(`${clusters.length} AKS clusters match; give the cluster's resource id`);
  const cluster = inv.managedClusters.get(normalizeId(clusters[0]!.id))!;
  const pools = poolName
    ? cluster.agentPools.filter((pool) => pool.name.toLowerCase() === poolName.toLowerCase())
    : cluster.agentPools;
  const pool = pools.find((candidate) => candidate.subnetId) ?? pools[0];
  if (!pool) {
    throw new UsageError(
      poolName
        ? `AKS cluster ${cluster.name} has no node pool ${poolName}`
        : `AKS cluster ${cluster.name} has no node pool`,
    );
  }
  if (!pool.subnetId) {
    throw new UsageError(
      `node pool ${pool.name} of AKS cluster ${cluster.name} has no vnetSubnetID: its nodes sit in the VNet AKS manages, outside the snapshot`,
    );
  }
  return fromSubnetId(inv, pool.subnetId, `AKS node pool ${pool.name} of ${cluster.name}`, cluster.id);
}

function fromGateway(inv: Inventory, which: string): TraceSource {
  const wanted = which.trim().toLowerCase();
  const subnets = [...inv.subnets.values()].filter((subnet) => {
    if (subnet.name.toLowerCase() !== 'gatewaysubnet') return false;
    if (!wanted) return true;
    const vnetName = inv.vnets.get(subnet.vnetKey)?.name.toLowerCase() ?? nameFromId(subnet.vnetKey);
    const gateways = workloadsIn(inv, subnet).filter((workload) => workload.kind === 'gateway');
    return vnetName === wanted || gateways.some((gateway) => gateway.name.toLowerCase() === wanted);
  });
  const withGateway = subnets.filter((subnet) => workloadsIn(inv, subnet).some((w) => w.kind === 'gateway'));
  const chosen = withGateway.length > 0 ? withGateway : subnets;
  if (chosen.length === 0) {
    throw new UsageError(`no GatewaySubnet${wanted ? ` of a VNet or gateway named ${which}` : ''} in the snapshot`);
  }
  if (chosen.length > 1) {
    const names = chosen.map((subnet) => inv.vnets.get(subnet.vnetKey)?.name ?? nameFromId(subnet.vnetKey));
    throw new UsageError(
      `${chosen.length} GatewaySubnets (${names.join(', ')}); give --from gateway:<VNet or gateway name>`,
    );
  }
  return gatewaySource(inv, chosen[0]!);
}

function fromGatewayId(inv: Inventory, id: string): TraceSource {
  const device = inv.devices.get(normalizeId(id));
  const subnet = device?.subnetIds.map((subnetId) => inv.subnet(subnetId)).find((candidate) => candidate !== undefined);
  if (!subnet) throw new UsageError(`gateway ${id} or its subnet is not in the snapshot`);
  return gatewaySource(inv, subnet);
}

function gatewaySource(inv: Inventory, subnet: Subnet): TraceSource {
  const vnet = inv.vnets.get(subnet.vnetKey);
  if (!vnet) throw new UsageError(`the VNet of subnet ${subnet.name} is not in the snapshot`);
  const gateway = workloadsIn(inv, subnet).find((workload) => workload.kind === 'gateway');
  const address = subnet.addressPrefixes[0];
  if (!address) throw new UsageError(`subnet ${subnet.name} has no address prefix`);
  return {
    description: `on-premises through ${gateway ? gateway.name : 'GatewaySubnet'} in ${vnet.name}`,
    subnet,
    vnet,
    address,
    resourceId: gateway?.id ?? subnet.id,
    onPremises: true,
  };
}

function fromSubnetId(
  inv: Inventory,
  subnetId: string | undefined,
  description: string,
  resourceId: string,
): TraceSource {
  const subnet = inv.subnet(subnetId);
  if (!subnet) throw new UsageError(`the subnet of ${description} is not in the snapshot`);
  return { ...fromSubnet(inv, subnet, undefined, `${description} in ${subnet.name}`), resourceId };
}

function fromNic(inv: Inventory, nic: NetworkInterface, ip: string | undefined, description: string): TraceSource {
  const config =
    nic.ipConfigurations.find((candidate) => (ip ? candidate.privateIp === ip : candidate.privateIp)) ??
    nic.ipConfigurations[0];
  const subnet = inv.subnet(config?.subnetId);
  if (!config?.privateIp || !subnet)
    throw new UsageError(`NIC ${nic.name} has no private IP in a subnet of the snapshot`);
  const vnet = inv.vnets.get(subnet.vnetKey);
  if (!vnet) throw new UsageError(`the VNet of subnet ${subnet.name} is not in the snapshot`);
  return { description, subnet, vnet, address: config.privateIp, resourceId: nic.id };
}

function fromSubnet(inv: Inventory, subnet: Subnet, ip: string | undefined, description: string): TraceSource {
  const vnet = inv.vnets.get(subnet.vnetKey);
  if (!vnet) throw new UsageError(`the VNet of subnet ${subnet.name} is not in the snapshot`);
  const address = ip ?? subnet.addressPrefixes[0];
  if (!address) throw new UsageError(`subnet ${subnet.name} has no address prefix`);
  return { description, subnet, vnet, address, resourceId: subnet.id };
}

function inPrefix(ip: string, prefix: string): boolean {
  const parsed = parseIpv4Prefix(prefix);
  const address = parseIpv4(ip);
  return parsed !== undefined && address !== undefined && prefixContains(parsed, address);
}
