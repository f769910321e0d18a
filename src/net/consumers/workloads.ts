// What sits in each subnet, from every source the inventory has: NICs, scale sets and AKS agent
// pools, App Service and Container Apps integration, application gateways, gateways, firewalls,
// DNS Private Resolver endpoints, the subnet's own list of IP configurations and its delegations.
// Each workload says whether it opens connections to private endpoints (a client) and why.
import { nameFromId, normalizeId } from '../../ids.js';
import { pushTo } from '../../inventory/group-by.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventory } from '../../inventory/memo.js';
import type { NetworkInterface, ScaleSet, Subnet } from '../../inventory/types.js';

export type WorkloadKind =
  | 'vm'
  | 'scaleSet'
  | 'aksNodePool'
  | 'aksPods'
  | 'appService'
  | 'containerApps'
  | 'containerInstances'
  | 'applicationGateway'
  | 'gateway'
  | 'otherIpConfiguration'
  | 'privateEndpoint'
  | 'dnsForwarder'
  | 'appliance'
  | 'firewall'
  | 'bastion'
  | 'routeServer'
  | 'dnsResolverEndpoint'
  | 'loadBalancerFrontend'
  | 'delegatedService';

export interface Workload {
  readonly kind: WorkloadKind;
  /** The resource (NIC, scale set, cluster, app...) or, for delegations, the subnet. */
  readonly id: string;
  readonly name: string;
  /** Whether it opens connections to private endpoints. */
  readonly client: boolean;
  /** One clause saying what it is: "VM NIC nic-app (10.1.0.4)". */
  readonly detail: string;
}

/** The workloads of one subnet, clients first, each resource once. */
export function workloadsIn(inv: Inventory, subnet: Subnet): readonly Workload[] {
  return workloadIndex(inv).get(subnet.key) ?? [];
}

const workloadIndex = memoByInventory((inv): ReadonlyMap<string, readonly Workload[]> => {
  const bySubnet = new Map<string, Workload[]>();
  const seen = new Set<string>();
  const add = (subnetId: string | undefined, workload: Workload) => {
    if (!subnetId) return;
    const subnetKey = normalizeId(subnetId);
    const mark = `${subnetKey}|${normalizeId(workload.id)}|${workload.kind}`;
    if (seen.has(mark)) return;
    seen.add(mark);
    pushTo(bySubnet, subnetKey, workload);
  };
  const dnsServers = dnsServerIps(inv);
  for (const nic of inv.nics.values()) {
    for (const config of nic.ipConfigurations) add(config.subnetId, nicWorkload(nic, config.privateIp, dnsServers));
  }
  for (const endpoint of inv.privateEndpoints.values()) {
    add(endpoint.subnetId, {
      kind: 'privateEndpoint',
      id: endpoint.id,
      name: endpoint.name,
      client: false,
      detail: `private endpoint ${endpoint.name}`,
    });
  }
  const aksNodeGroups = new Set(
    [...inv.managedClusters.values()].map((cluster) => cluster.nodeResourceGroup?.toLowerCase()).filter(Boolean),
  );
  for (const scaleSet of inv.scaleSets.values()) {
    for (const subnetId of scaleSet.subnetIds) add(subnetId, scaleSetWorkload(scaleSet, aksNodeGroups));
  }
  for (const cluster of inv.managedClusters.values()) {
    for (const pool of cluster.agentPools) {
      const what = `node pool ${pool.name} of AKS cluster ${cluster.name}`;
      add(pool.subnetId, {
        kind: 'aksNodePool',
        id: cluster.id,
        name: `${cluster.name}/${pool.name}`,
        client: true,
        detail: what,
      });
      add(pool.podSubnetId, {
        kind: 'aksPods',
        id: cluster.id,
        name: `${cluster.name}/${pool.name}`,
        client: true,
        detail: `pods of ${what}`,
      });
    }
  }
  for (const site of inv.sites.values()) {
    const what = (site.kind ?? '').toLowerCase().includes('functionapp') ? 'Functions app' : 'App Service app';
    add(site.subnetId, {
      kind: 'appService',
      id: site.id,
      name: site.name,
      client: true,
      detail: `${what} ${site.name} (VNet integration)`,
    });
  }
  for (const environment of inv.containerAppsEnvironments.values()) {
    add(environment.subnetId, {
      kind: 'containerApps',
      id: environment.id,
      name: environment.name,
      client: true,
      detail: `Container Apps environment ${environment.name}`,
    });
  }
  for (const device of inv.devices.values()) {
    const workload = deviceWorkload(device.kind, device.id, device.name);
    if (workload) for (const subnetId of device.subnetIds) add(subnetId, workload);
  }
  for (const firewall of inv.firewalls.values()) {
    const workload: Workload = {
      kind: 'firewall',
      id: firewall.id,
      name: firewall.name,
      client: false,
      detail: `Azure Firewall ${firewall.name}`,
    };
    for (const subnetId of firewall.subnetIds) add(subnetId, workload);
  }
  for (const endpoint of [...inv.inboundEndpoints.values(), ...inv.outboundEndpoints.values()]) {
    add(endpoint.subnetId, {
      kind: 'dnsResolverEndpoint',
      id: endpoint.id,
      name: endpoint.name,
      client: false,
      detail: `DNS Private Resolver endpoint ${endpoint.name}`,
    });
  }
  for (const subnet of inv.subnets.values()) {
    for (const workload of listedWorkloads(inv, subnet, aksNodeGroups)) add(subnet.id, workload);
    for (const workload of delegatedWorkloads(subnet)) add(subnet.id, workload);
  }
  for (const list of bySubnet.values()) list.sort((a, b) => Number(b.client) - Number(a.client));
  return bySubnet;
});

/** Every address a VNet names as its DNS server: the VMs at those addresses are forwarders. */
function dnsServerIps(inv: Inventory): ReadonlyMap<string, string[]> {
  const servers = new Map<string, string[]>();
  for (const vnet of inv.vnets.values()) for (const ip of vnet.dnsServers) pushTo(servers, ip, vnet.name);
  return servers;
}

function nicWorkload(
  nic: NetworkInterface,
  ip: string | undefined,
  dnsServers: ReadonlyMap<string, string[]>,
): Workload {
  const at = ip ? ` (${ip})` : '';
  if (nic.privateEndpointId) {
    return {
      kind: 'privateEndpoint',
      id: nic.privateEndpointId,
      name: nameFromId(nic.privateEndpointId),
      client: false,
      detail: `private endpoint ${nameFromId(nic.privateEndpointId)}`,
    };
  }
  const namedBy = ip ? dnsServers.get(ip) : undefined;
  if (namedBy) {
    return {
      kind: 'dnsForwarder',
      id: nic.id,
      name: nic.name,
      client: false,
      detail: `DNS server NIC ${nic.name}${at}, named as DNS server by ${[...new Set(namedBy)].sort().join(', ')}`,
    };
  }
  if (nic.ipForwarding) {
    return {
      kind: 'appliance',
      id: nic.id,
      name: nic.name,
      client: false,
      detail: `forwarding appliance NIC ${nic.name}${at} (IP forwarding on)`,
    };
  }
  return { kind: 'vm', id: nic.id, name: nic.name, client: true, detail: `NIC ${nic.name}${at}` };
}

function scaleSetWorkload(scaleSet: ScaleSet, aksNodeGroups: ReadonlySet<string | undefined>): Workload {
  const base = { id: scaleSet.id, name: scaleSet.name };
  if (scaleSet.aksPoolName || aksNodeGroups.has(resourceGroupOf(scaleSet.id))) {
    const forwarding = scaleSet.ipForwarding ? ', IP forwarding on for pod traffic' : '';
    return { ...base, kind: 'aksNodePool', client: true, detail: `AKS node scale set ${scaleSet.name}${forwarding}` };
  }
  if (scaleSet.ipForwarding) {
    return {
      ...base,
      kind: 'appliance',
      client: false,
      detail: `forwarding appliance scale set ${scaleSet.name} (IP forwarding on)`,
    };
  }
  return { ...base, kind: 'scaleSet', client: true, detail: `scale set ${scaleSet.name}` };
}

function deviceWorkload(kind: string, id: string, name: string): Workload | undefined {
  switch (kind) {
    case 'applicationGateway':
      return { kind: 'applicationGateway', id, name, client: true, detail: `application gateway ${name}` };
    case 'virtualNetworkGateway':
      return {
        kind: 'gateway',
        id,
        name,
        client: true,
        detail: `virtual network gateway ${name} (on-premises traffic enters here)`,
      };
    case 'virtualHubIpConfiguration':
      return { kind: 'routeServer', id, name, client: false, detail: `route server ${name}` };
    default:
      return undefined;
  }
}

/** The subnet's own `ipConfigurations` list, for owners the inventory has no entity for. */
function listedWorkloads(inv: Inventory, subnet: Subnet, aksNodeGroups: ReadonlySet<string | undefined>): Workload[] {
  const found: Workload[] = [];
  for (const configId of subnet.ipConfigurationIds ?? []) {
    const id = normalizeId(configId);
    const owner = ownerOf(id);
    if (!owner) continue;
    const [type, ownerKey] = owner;
    const name = nameFromId(ownerKey);
    switch (type) {
      case 'microsoft.network/networkinterfaces': {
        if (inv.nics.has(ownerKey)) break;
        // A private endpoint's NIC is named `<endpoint>.nic.<guid>`, its configuration privateEndpointIpConfig.
        if (/\/ipconfigurations\/privateendpointipconfig/.test(id)) {
          found.push({
            kind: 'privateEndpoint',
            id: ownerKey,
            name,
            client: false,
            detail: `private endpoint NIC ${name} (not read)`,
          });
        } else {
          found.push({
            kind: 'vm',
            id: ownerKey,
            name,
            client: true,
            detail: `NIC ${name} (not read; taken as a client)`,
          });
        }
        break;
      }
      case 'microsoft.compute/virtualmachinescalesets': {
        const scaleSet = inv.scaleSets.get(ownerKey);
        if (scaleSet) found.push(scaleSetWorkload(scaleSet, aksNodeGroups));
        else if (
          name.startsWith('aks-') ||
          aksNodeGroups.has(resourceGroupOf(ownerKey)) ||
          /^mc_/.test(resourceGroupOf(ownerKey) ?? '')
        ) {
          found.push({
            kind: 'aksNodePool',
            id: ownerKey,
            name,
            client: true,
            detail: `AKS node scale set ${name} (not read; named as AKS names them)`,
          });
        } else {
          found.push({ kind: 'scaleSet', id: ownerKey, name, client: true, detail: `scale set ${name} (not read)` });
        }
        break;
      }
      case 'microsoft.network/applicationgateways':
        found.push({
          kind: 'applicationGateway',
          id: ownerKey,
          name,
          client: true,
          detail: `application gateway ${name}`,
        });
        break;
      case 'microsoft.network/virtualnetworkgateways':
        found.push({
          kind: 'gateway',
          id: ownerKey,
          name,
          client: true,
          detail: `virtual network gateway ${name} (on-premises traffic enters here)`,
        });
        break;
      case 'microsoft.network/azurefirewalls':
        found.push({ kind: 'firewall', id: ownerKey, name, client: false, detail: `Azure Firewall ${name}` });
        break;
      case 'microsoft.network/bastionhosts':
        found.push({ kind: 'bastion', id: ownerKey, name, client: false, detail: `Bastion ${name}` });
        break;
      case 'microsoft.network/virtualhubs':
        found.push({ kind: 'routeServer', id: ownerKey, name, client: false, detail: `route server ${name}` });
        break;
      case 'microsoft.network/dnsresolvers':
        found.push({
          kind: 'dnsResolverEndpoint',
          id: ownerKey,
          name,
          client: false,
          detail: `DNS Private Resolver ${name}`,
        });
        break;
      case 'microsoft.network/loadbalancers':
      case 'microsoft.network/privatelinkservices':
        found.push({ kind: 'loadBalancerFrontend', id: ownerKey, name, client: false, detail: `frontend of ${name}` });
        break;
      default:
        found.push({
          kind: 'otherIpConfiguration',
          id: ownerKey,
          name,
          client: true,
          detail: `${type.split('/').pop()} ${name} (a resource plaudit does not model; taken as a client)`,
        });
    }
  }
  return found;
}

const delegatedClients: Readonly<Record<string, { kind: WorkloadKind; what: string }>> = {
  'microsoft.web/serverfarms': { kind: 'appService', what: 'App Service VNet integration' },
  'microsoft.app/environments': { kind: 'containerApps', what: 'a Container Apps environment' },
  'microsoft.containerinstance/containergroups': { kind: 'containerInstances', what: 'container groups' },
};

/**
 * Delegations: a subnet delegated to App Service, Container Apps or Container Instances holds their
 * clients once a service linked it (serviceAssociationLinks); a resolver delegation holds resolver
 * endpoints; any other delegation is a service plaudit does not judge as a client.
 */
function delegatedWorkloads(subnet: Subnet): Workload[] {
  const linked = subnet.serviceAssociationLinks.length > 0;
  return subnet.delegations.flatMap((service): Workload[] => {
    const lower = service.toLowerCase();
    const base = { id: subnet.id, name: subnet.name };
    if (lower === 'microsoft.network/dnsresolvers') {
      return [{ ...base, kind: 'dnsResolverEndpoint', client: false, detail: `delegation to ${service}` }];
    }
    const client = delegatedClients[lower];
    if (client && linked) {
      const links = subnet.serviceAssociationLinks
        .map((link) => nameFromId(link.link ?? link.linkedResourceType))
        .join(', ');
      return [{ ...base, kind: client.kind, client: true, detail: `delegation to ${service}, linked by ${links}` }];
    }
    if (client) {
      return [
        {
          ...base,
          kind: 'delegatedService',
          client: false,
          detail: `delegation to ${service} that nothing in the snapshot uses (${client.what})`,
        },
      ];
    }
    return [
      {
        ...base,
        kind: 'delegatedService',
        client: false,
        detail: `delegation to ${service}, a service plaudit does not take as a client`,
      },
    ];
  });
}

/** `[type, owner key]` of an IP configuration id: the top resource (or scale set) that holds it. */
function ownerOf(configId: string): [string, string] | undefined {
  const match = /^(\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/([^/]+)\/([^/]+)\/[^/]+)/.exec(configId);
  if (!match) return undefined;
  return [`${match[2]}/${match[3]}`, match[1]!];
}

function resourceGroupOf(id: string): string | undefined {
  return /\/resourcegroups\/([^/]+)/i.exec(id)?.[1]?.toLowerCase();
}
