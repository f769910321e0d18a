// Compute that sits in subnets without `networkInterfaces` resources of its own: scale sets (and
// the AKS node pools they run), AKS clusters with their agent pools, App Service and Functions
// apps with VNet integration, Container Apps environments, and DNS Private Resolver outbound
// endpoints. They tell which subnets hold clients of private endpoints.
import { normalizeId, parentId } from '../../ids.js';
import { arr, flag, obj, propertiesOf, refId, str } from '../../snapshot/json.js';
import type { JsonObject } from '../../snapshot/json.js';
import type { RawResource } from '../../snapshot/types.js';
import type { InventoryData } from '../inventory.js';
import type { AksAgentPool, ManagedCluster } from '../types.js';
import { located } from './common.js';

export function addScaleSet(data: InventoryData, resource: RawResource, key: string, props: JsonObject): void {
  const configs = arr(obj(obj(props.virtualMachineProfile).networkProfile).networkInterfaceConfigurations);
  const subnetIds = new Set<string>();
  let ipForwarding = false;
  for (const config of configs) {
    const configProps = propertiesOf(config);
    if (flag(configProps.enableIPForwarding)) ipForwarding = true;
    for (const ipConfig of arr(configProps.ipConfigurations)) {
      const subnet = refId(propertiesOf(ipConfig).subnet);
      if (subnet) subnetIds.add(subnet);
    }
  }
  const tags = obj(resource.tags);
  const poolTag = Object.entries(tags).find(([name]) => name.toLowerCase() === 'aks-managed-poolname');
  data.scaleSets.set(key, {
    ...located(resource, key),
    subnetIds: [...subnetIds],
    ipForwarding,
    aksPoolName: poolTag ? str(poolTag[1]) : undefined,
  });
}

function toAgentPool(value: unknown, fallbackName: string): AksAgentPool {
  const pool = obj(value);
  // Embedded profiles carry their fields at the top; standalone agentPools resources in properties.
  const props = 'properties' in pool ? propertiesOf(pool) : pool;
  return {
    name: str(pool.name) ?? str(props.name) ?? fallbackName,
    subnetId: str(props.vnetSubnetID),
    podSubnetId: str(props.podSubnetID),
  };
}

export function addManagedCluster(data: InventoryData, resource: RawResource, key: string, props: JsonObject): void {
  const existing = data.managedClusters.get(key);
  const cluster: ManagedCluster = {
    ...located(resource, key),
    nodeResourceGroup: str(props.nodeResourceGroup),
    networkPlugin: str(obj(props.networkProfile).networkPlugin),
    agentPools: arr(props.agentPoolProfiles).map((pool, index) => toAgentPool(pool, `pool${index}`)),
  };
  // Pools read on their own before their cluster keep their place.
  if (existing) mergePools(cluster.agentPools as AksAgentPool[], existing.agentPools);
  data.managedClusters.set(key, cluster);
}

/** A standalone `managedClusters/agentPools` resource joins (or replaces) its cluster's pool of that name. */
export function addAgentPool(data: InventoryData, resource: RawResource): void {
  const clusterKey = normalizeId(parentId(resource.id));
  const pool = toAgentPool(resource, resource.name);
  const cluster = data.managedClusters.get(clusterKey);
  if (cluster) {
    mergePools(cluster.agentPools as AksAgentPool[], [pool]);
    return;
  }
  // The cluster was not read (yet): keep the pool on a placeholder the cluster replaces.
  data.managedClusters.set(clusterKey, {
    id: parentId(resource.id),
    key: clusterKey,
    name: clusterKey.split('/').pop() ?? '',
    raw: resource,
    nodeResourceGroup: undefined,
    networkPlugin: undefined,
    agentPools: [pool],
  });
}

function mergePools(pools: AksAgentPool[], extra: readonly AksAgentPool[]): void {
  for (const pool of extra) {
    const at = pools.findIndex((candidate) => candidate.name.toLowerCase() === pool.name.toLowerCase());
    if (at >= 0) pools[at] = pool;
    else pools.push(pool);
  }
}

export function addSite(data: InventoryData, resource: RawResource, key: string, props: JsonObject): void {
  data.sites.set(key, {
    ...located(resource, key),
    kind: str(resource.kind),
    subnetId: str(props.virtualNetworkSubnetId),
  });
}

export function addContainerAppsEnvironment(
  data: InventoryData,
  resource: RawResource,
  key: string,
  props: JsonObject,
): void {
  data.containerAppsEnvironments.set(key, {
    ...located(resource, key),
    subnetId: str(obj(props.vnetConfiguration).infrastructureSubnetId),
  });
}

export function addOutboundEndpoint(data: InventoryData, resource: RawResource, key: string, props: JsonObject): void {
  data.outboundEndpoints.set(key, {
    ...located(resource, key),
    resolverKey: normalizeId(parentId(resource.id)),
    subnetId: refId(props.subnet),
  });
}
