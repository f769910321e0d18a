// Builds the inventory in one pass over the resources plus one pass to index the links between
// them, so the cost is linear in the number of resources.
import { isKnownPrivateLinkType } from '../../data/privatelink-zones.js';
import { normalizeId, normalizeType, parentId } from '../../ids.js';
import { obj, propertiesOf, refId, refIds, str, strings } from '../../snapshot/json.js';
import type { JsonObject } from '../../snapshot/json.js';
import type { CloudName, RawResource, Snapshot } from '../../snapshot/types.js';
import { emptyInventoryData, Inventory, type InventoryData } from '../inventory.js';
import { located } from './common.js';
import { attachRulesetChildren, toForwardingRuleset, toInboundEndpoint, toLink, toRecordSet } from './dns.js';
import { toPrivateEndpoint, toTarget, toZoneGroup } from './endpoints.js';
import { toFirewall, toFirewallPolicy, toRuleCollectionGroup } from './firewall.js';
import {
  addPeering,
  addRouteTable,
  addStandaloneRoute,
  addSubnet,
  addVnet,
  toNetworkDevice,
  toNic,
} from './network.js';
import {
  addAgentPool,
  addContainerAppsEnvironment,
  addManagedCluster,
  addOutboundEndpoint,
  addScaleSet,
  addSite,
} from './workloads.js';
import { toHubConnection, toHubRouteTable, toNetworkSecurityGroup, toRoutingIntent, toVirtualHub } from './security.js';

/** Children that arrive as resources of their own and join their parent once every parent is read. */
interface Deferred {
  readonly subnets: RawResource[];
  readonly peerings: RawResource[];
  readonly routes: RawResource[];
  readonly forwardingRules: RawResource[];
  readonly rulesetLinks: RawResource[];
  readonly agentPools: RawResource[];
}

/** The typed, indexed, read-only model of a snapshot. The snapshot's resources become part of it and are frozen. */
export function buildInventory(snapshot: Snapshot, cloudOverride?: CloudName): Inventory {
  const data = emptyInventoryData(cloudOverride ?? snapshot.cloud ?? 'AzureCloud');
  const deferred: Deferred = {
    subnets: [],
    peerings: [],
    routes: [],
    forwardingRules: [],
    rulesetLinks: [],
    agentPools: [],
  };
  for (const resource of snapshot.resources) addResource(data, deferred, resource);

  // Standalone children (Resource Graph rows, ARM child GETs) override or extend embedded ones.
  for (const resource of deferred.subnets) addSubnet(data, resource, normalizeId(parentId(resource.id)));
  for (const resource of deferred.peerings) addPeering(data, resource, normalizeId(parentId(resource.id)));
  for (const resource of deferred.routes) addStandaloneRoute(data, resource);
  attachRulesetChildren(data, deferred.forwardingRules, deferred.rulesetLinks);
  for (const resource of deferred.agentPools) addAgentPool(data, resource);

  return new Inventory(data);
}

function addResource(data: InventoryData, deferred: Deferred, resource: RawResource): void {
  const key = normalizeId(resource.id);
  data.resources.set(key, resource);
  const type = normalizeType(resource.type);
  const props = propertiesOf(resource);
  switch (type) {
    case 'microsoft.network/virtualnetworks':
      return addVnet(data, resource, key, props);
    case 'microsoft.network/virtualnetworks/subnets':
      return void deferred.subnets.push(resource);
    case 'microsoft.network/virtualnetworks/virtualnetworkpeerings':
      return void deferred.peerings.push(resource);
    case 'microsoft.network/networkinterfaces':
      return void data.nics.set(key, toNic(resource, key, props));
    case 'microsoft.network/privateendpoints':
      return void data.privateEndpoints.set(key, toPrivateEndpoint(resource, key, props));
    case 'microsoft.network/privateendpoints/privatednszonegroups':
      return void data.zoneGroups.set(key, toZoneGroup(resource, key, props));
    case 'microsoft.network/privatednszones':
      return void data.zones.set(key, { ...located(resource, key), zoneName: resource.name.toLowerCase() });
    case 'microsoft.network/privatednszones/virtualnetworklinks':
      return void data.links.set(key, toLink(resource, key, props));
    case 'microsoft.network/routetables':
      return addRouteTable(data, resource, key, props);
    case 'microsoft.network/routetables/routes':
      return void deferred.routes.push(resource);
    case 'microsoft.network/azurefirewalls':
      return void data.firewalls.set(key, toFirewall(resource, key, props));
    case 'microsoft.network/firewallpolicies':
      return void data.firewallPolicies.set(key, toFirewallPolicy(resource, key, props));
    case 'microsoft.network/firewallpolicies/rulecollectiongroups':
      return void data.ruleCollectionGroups.set(key, toRuleCollectionGroup(resource, key, props));
    case 'microsoft.network/ipgroups':
      return void data.ipGroups.set(key, { ...located(resource, key), ipAddresses: strings(props.ipAddresses) });
    case 'microsoft.network/dnsresolvers':
      return void data.dnsResolvers.set(key, { ...located(resource, key), vnetId: refId(props.virtualNetwork) });
    case 'microsoft.network/dnsresolvers/inboundendpoints':
      return void data.inboundEndpoints.set(key, toInboundEndpoint(resource, key, props));
    case 'microsoft.network/dnsforwardingrulesets':
      return void data.forwardingRulesets.set(key, toForwardingRuleset(resource, key));
    case 'microsoft.network/dnsforwardingrulesets/forwardingrules':
      return void deferred.forwardingRules.push(resource);
    case 'microsoft.network/dnsforwardingrulesets/virtualnetworklinks':
      return void deferred.rulesetLinks.push(resource);
    case 'microsoft.sql/servers/firewallrules':
      return void data.sqlFirewallRules.set(key, {
        ...located(resource, key),
        serverKey: normalizeId(parentId(resource.id)),
        startIp: str(props.startIpAddress)?.trim(),
        endIp: str(props.endIpAddress)?.trim(),
      });
    case 'microsoft.sql/servers/virtualnetworkrules':
      return void data.sqlVirtualNetworkRules.set(key, {
        ...located(resource, key),
        serverKey: normalizeId(parentId(resource.id)),
        subnetId: str(props.virtualNetworkSubnetId),
      });
    case 'microsoft.network/dnsresolvers/outboundendpoints':
      return addOutboundEndpoint(data, resource, key, props);
    case 'microsoft.compute/virtualmachinescalesets':
      return addScaleSet(data, resource, key, props);
    case 'microsoft.containerservice/managedclusters':
      addManagedCluster(data, resource, key, props);
      break; // also a private link target (its API server)
    case 'microsoft.containerservice/managedclusters/agentpools':
      return void deferred.agentPools.push(resource);
    case 'microsoft.app/managedenvironments':
      return addContainerAppsEnvironment(data, resource, key, props);
    case 'microsoft.network/networksecuritygroups':
      return void data.networkSecurityGroups.set(key, toNetworkSecurityGroup(resource, key, props));
    case 'microsoft.network/virtualhubs':
      data.virtualHubs.set(key, toVirtualHub(resource, key, props));
      break; // also a device holding the router's IPs
    case 'microsoft.network/virtualhubs/hubvirtualnetworkconnections':
      return void data.hubConnections.set(key, toHubConnection(resource, key, props));
    case 'microsoft.network/virtualhubs/hubroutetables':
      return void data.hubRouteTables.set(key, toHubRouteTable(resource, key, props));
    case 'microsoft.network/virtualhubs/routingintent':
      return void data.routingIntents.set(key, toRoutingIntent(resource, key, props));
    case 'microsoft.compute/virtualmachines':
      return void data.virtualMachines.set(key, {
        ...located(resource, key),
        nicIds: refIds(obj(props.networkProfile).networkInterfaces),
      });
  }
  if (type.startsWith('microsoft.network/privatednszones/')) {
    data.recordSets.set(key, toRecordSet(resource, key, type, props));
    return;
  }
  // A web app is both a workload with VNet integration and a private link target.
  if (type === 'microsoft.web/sites' || type === 'microsoft.web/sites/slots') addSite(data, resource, key, props);
  // An application gateway is both a device holding private IPs and a private link target.
  const device = toNetworkDevice(resource, key, type);
  if (device) data.devices.set(key, device);
  if (isPrivateLinkTarget(type, props)) data.targets.set(key, toTarget(resource, key, type, props));
}

// Services are judged by their network settings even when a list call left out their connections.
function isPrivateLinkTarget(type: string, props: JsonObject): boolean {
  return (
    Array.isArray(props.privateEndpointConnections) ||
    'publicNetworkAccess' in props ||
    'networkAcls' in props ||
    'networkRuleSet' in props ||
    isKnownPrivateLinkType(type)
  );
}
