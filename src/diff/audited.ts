// What plaudit audits of each resource, as comparable trees keyed by normalized id. Built from the
// inventory, so a subnet or peering is the same logical resource whether it was embedded in its
// VNet or read on its own, and routes are part of their table either way. Resources of types that
// no check reads (VMs, NICs on their own, public IPs...) are left out; a NIC's IPs count as a
// property of its private endpoint.
import { normalizeId, normalizeType } from '../ids.js';
import { buildInventory } from '../inventory/build/index.js';
import type { Inventory } from '../inventory/inventory.js';
import { endpointIps } from '../inventory/topology.js';
import type {
  AzureFirewall,
  FirewallPolicy,
  FirewallRule,
  FirewallRuleCollection,
  PrivateEndpoint,
  PrivateEndpointConnection,
  PrivateLinkTarget,
  RouteTable,
} from '../inventory/types.js';
import type { RawResource } from '../snapshot/types.js';
import {
  compareText,
  count,
  dnsName,
  flag,
  keyed,
  listOf,
  optionalSetOf,
  props,
  ref,
  setOf,
  text,
  word,
  type Group,
  type TreeNode,
} from './tree.js';

export interface AuditedResource {
  /** As the snapshot wrote it. */
  readonly id: string;
  readonly key: string;
  /** Lower case. */
  readonly type: string;
  readonly tree: Group;
}

export const auditedTypes = {
  zone: 'microsoft.network/privatednszones',
  aRecord: 'microsoft.network/privatednszones/a',
  cnameRecord: 'microsoft.network/privatednszones/cname',
  link: 'microsoft.network/privatednszones/virtualnetworklinks',
  vnet: 'microsoft.network/virtualnetworks',
  subnet: 'microsoft.network/virtualnetworks/subnets',
  peering: 'microsoft.network/virtualnetworks/virtualnetworkpeerings',
  routeTable: 'microsoft.network/routetables',
  firewall: 'microsoft.network/azurefirewalls',
  firewallPolicy: 'microsoft.network/firewallpolicies',
  ruleCollectionGroup: 'microsoft.network/firewallpolicies/rulecollectiongroups',
  ipGroup: 'microsoft.network/ipgroups',
  privateEndpoint: 'microsoft.network/privateendpoints',
  zoneGroup: 'microsoft.network/privateendpoints/privatednszonegroups',
} as const;

export function auditedResources(inv: Inventory): Map<string, AuditedResource> {
  const out = new Map<string, AuditedResource>();
  const put = (entity: { id: string; key: string }, type: string, tree: Group): void => {
    out.set(entity.key, { id: entity.id, key: entity.key, type, tree });
  };

  for (const zone of inv.zones.values()) put(zone, auditedTypes.zone, props({}));
  for (const recordSet of inv.recordSets.values()) {
    if (recordSet.recordType === 'A') {
      put(recordSet, auditedTypes.aRecord, props({ aRecords: setOf(recordSet.aRecords) }));
    } else if (recordSet.recordType === 'CNAME') {
      put(recordSet, auditedTypes.cnameRecord, props({ cname: dnsName(recordSet.cname) }));
    }
  }
  for (const link of inv.links.values()) {
    put(
      link,
      auditedTypes.link,
      props({
        virtualNetwork: ref(link.vnetId),
        registrationEnabled: flag(link.registrationEnabled),
        // Older API versions leave the policy out; absent means `Default`.
        resolutionPolicy: word(link.resolutionPolicy, 'Default'),
        virtualNetworkLinkState: word(link.linkState),
        provisioningState: word(link.provisioningState),
      }),
    );
  }
  for (const vnet of inv.vnets.values()) {
    put(
      vnet,
      auditedTypes.vnet,
      props({ addressPrefixes: setOf(vnet.addressPrefixes), dnsServers: listOf(vnet.dnsServers) }),
    );
  }
  for (const subnet of inv.subnets.values()) {
    put(
      subnet,
      auditedTypes.subnet,
      props({
        addressPrefixes: setOf(subnet.addressPrefixes),
        routeTable: ref(subnet.routeTableId),
        privateEndpointNetworkPolicies: word(subnet.privateEndpointNetworkPolicies),
        serviceEndpoints: setOf(subnet.serviceEndpoints.map((endpoint) => endpoint.service)),
      }),
    );
  }
  for (const peering of inv.peerings.values()) {
    put(
      peering,
      auditedTypes.peering,
      props({
        peeringState: word(peering.peeringState),
        remoteVirtualNetwork: ref(peering.remoteVnetId),
        allowForwardedTraffic: flag(peering.allowForwardedTraffic),
        allowGatewayTransit: flag(peering.allowGatewayTransit),
        useRemoteGateways: flag(peering.useRemoteGateways),
      }),
    );
  }
  for (const table of inv.routeTables.values()) put(table, auditedTypes.routeTable, routeTableTree(table));
  for (const firewall of inv.firewalls.values()) put(firewall, auditedTypes.firewall, firewallTree(firewall));
  for (const policy of inv.firewallPolicies.values()) put(policy, auditedTypes.firewallPolicy, policyTree(policy));
  for (const group of inv.ruleCollectionGroups.values()) {
    put(
      group,
      auditedTypes.ruleCollectionGroup,
      props({ priority: count(group.priority), ruleCollections: ruleCollections(group.ruleCollections, 'policy') }),
    );
  }
  for (const ipGroup of inv.ipGroups.values()) {
    put(ipGroup, auditedTypes.ipGroup, props({ ipAddresses: setOf(ipGroup.ipAddresses) }));
  }
  for (const endpoint of inv.privateEndpoints.values()) {
    put(endpoint, auditedTypes.privateEndpoint, endpointTree(inv, endpoint));
  }
  for (const zoneGroup of inv.zoneGroups.values()) {
    put(
      zoneGroup,
      auditedTypes.zoneGroup,
      props({
        privateDnsZoneConfigs: keyed(
          zoneGroup.configs,
          (config) => (config.name ?? config.zoneId ?? '').toLowerCase(),
          (config) => config.name ?? config.zoneId ?? '',
          (config) => props({ privateDnsZoneId: ref(config.zoneId) }),
        ),
      }),
    );
  }
  for (const target of inv.targets.values()) put(target, target.type, targetTree(target));
  return out;
}

/**
 * The inventory counts a service as a private link target when it has `privateEndpointConnections`
 * or `publicNetworkAccess`; some API versions leave both out when unset. For a resource that is a
 * target in one snapshot only, this reads the other snapshot's copy as a target too.
 */
export function auditedAsTarget(resource: RawResource): AuditedResource | undefined {
  const properties = { privateEndpointConnections: [], ...(resource.properties ?? {}) };
  const inv = buildInventory({ resources: [{ ...resource, properties }] });
  const target = inv.targets.get(normalizeId(resource.id));
  return target && { id: target.id, key: target.key, type: normalizeType(resource.type), tree: targetTree(target) };
}

function routeTableTree(table: RouteTable): Group {
  return props({
    disableBgpRoutePropagation: flag(table.disableBgpRoutePropagation),
    routes: keyed(
      table.routes,
      (route) => route.name.toLowerCase(),
      (route) => route.name,
      (route) =>
        props({
          addressPrefix: word(route.addressPrefix),
          nextHopType: word(route.nextHopType),
          nextHopIpAddress: text(route.nextHopIpAddress),
        }),
    ),
  });
}

function firewallTree(firewall: AzureFirewall): Group {
  const classic = firewall.classicRuleCollections;
  return props({
    privateIpAddresses: setOf(firewall.privateIps),
    firewallPolicy: ref(firewall.policyId),
    // Classic settings (additionalProperties); DNS proxy is off unless set.
    classicDnsProxy: flag(firewall.classicDnsProxy, false),
    // The firewall picks one of several DNS servers at random, so their order means nothing.
    classicDnsServers: setOf(firewall.classicDnsServers),
    classicSnatPrivateRanges: optionalSetOf(firewall.classicSnatPrivateRanges),
    applicationRuleCollections: ruleCollections(classic.Application, 'classic'),
    natRuleCollections: ruleCollections(classic.DNAT, 'classic'),
    networkRuleCollections: ruleCollections(classic.Network, 'classic'),
  });
}

function policyTree(policy: FirewallPolicy): Group {
  return props({
    basePolicy: ref(policy.basePolicyId),
    'dnsSettings.enableProxy': flag(policy.dnsProxy),
    // No servers listed means Azure DNS, whether the array is empty or absent.
    'dnsSettings.servers': setOf(policy.dnsServers ?? []),
    'dnsSettings.requireProxyForNetworkRules': flag(policy.requireProxyForNetworkRules),
    'snat.privateRanges': optionalSetOf(policy.snatPrivateRanges),
  });
}

function endpointTree(inv: Inventory, endpoint: PrivateEndpoint): Group {
  return props({
    subnet: ref(endpoint.subnetId),
    nicIpAddresses: setOf(endpointIps(inv, endpoint)),
    connections: keyed(
      endpoint.connections,
      (connection) => `${connectionTargetKey(connection)} (${groupsOf(connection).toLowerCase()})`,
      (connection) => `${connection.targetId ?? connection.name ?? ''} (${groupsOf(connection)})`,
      (connection) => props({ status: word(connection.status) }),
    ),
  });
}

function targetTree(target: PrivateLinkTarget): Group {
  const acls = target.networkAcls;
  return props({
    // Absent means enabled for every service plaudit knows.
    publicNetworkAccess: word(target.publicNetworkAccess, 'Enabled'),
    'networkAcls.defaultAction': word(acls?.defaultAction),
    'networkAcls.ipRules': setOf(acls?.ipRules ?? []),
    'networkAcls.virtualNetworkRules': setOf(acls?.virtualNetworkSubnetIds ?? [], normalizeId),
    // On the service side a connection names the endpoint (kept in `targetId`).
    privateEndpointConnections: keyed(
      target.connections,
      connectionTargetKey,
      (connection) => connection.targetId ?? connection.name ?? connection.id ?? '',
      (connection) => props({ status: word(connection.status) }),
    ),
  });
}

function connectionTargetKey(connection: PrivateEndpointConnection): string {
  const id = connection.targetId ?? connection.name ?? connection.id ?? '';
  return id.startsWith('/') ? normalizeId(id) : id.toLowerCase();
}

function groupsOf(connection: PrivateEndpointConnection): string {
  return [...connection.groupIds].sort((a, b) => compareText(a.toLowerCase(), b.toLowerCase())).join(',');
}

// Policy collections also carry their type; classic ones take it from the property they sit in.
function ruleCollections(collections: readonly FirewallRuleCollection[], kind: 'policy' | 'classic'): Group {
  return keyed(
    collections,
    (collection) => (collection.name ?? '').toLowerCase(),
    (collection) => collection.name ?? '',
    (collection) =>
      props({
        ...(kind === 'policy' ? { ruleCollectionType: word(collection.ruleCollectionType) } : {}),
        priority: count(collection.priority),
        action: word(collection.action),
        rules: rules(collection.rules, kind),
      }),
  );
}

// Rule fields that decide what a rule matches. Lists are sets; an empty list and an absent one
// are the same, so only non-empty ones are kept. Policy rules name their layer-4 protocols
// `ipProtocols`; classic rules list them under `protocols` with the application protocols.
function rules(list: readonly FirewallRule[], kind: 'policy' | 'classic'): Group {
  return keyed(
    list,
    (rule) => (rule.name ?? '').toLowerCase(),
    (rule) => rule.name ?? '',
    (rule) => {
      const appProtocols = rule.appProtocols.map(({ protocolType, port }) =>
        port === undefined ? protocolType : `${protocolType}:${port}`,
      );
      const sets: (readonly [string, readonly string[], (value: string) => string])[] = [
        ['sourceAddresses', rule.sourceAddresses, lower],
        ['sourceIpGroups', rule.sourceIpGroups, normalizeId],
        ['destinationAddresses', rule.destinationAddresses, lower],
        ['destinationIpGroups', rule.destinationIpGroups, normalizeId],
        ['destinationFqdns', rule.destinationFqdns, lower],
        ['destinationPorts', rule.destinationPorts, (value) => value.trim()],
        ...(kind === 'policy'
          ? [['ipProtocols', rule.l4Protocols, lower] as const, ['protocols', appProtocols, lower] as const]
          : [['protocols', [...rule.l4Protocols, ...appProtocols], lower] as const]),
        ['targetFqdns', rule.targetFqdns, lower],
        ['targetUrls', rule.targetUrls, (value) => value],
        ['fqdnTags', rule.fqdnTags, lower],
        ['webCategories', rule.webCategories, lower],
      ];
      const fields: Record<string, TreeNode | undefined> = {};
      if (rule.ruleTypeText !== undefined) fields.ruleType = word(rule.ruleTypeText);
      for (const [field, values, normalize] of sets) if (values.length > 0) fields[field] = setOf(values, normalize);
      for (const field of ['translatedAddress', 'translatedPort', 'translatedFqdn'] as const) {
        const scalar = rule[field];
        if (scalar !== undefined) fields[field] = word(scalar);
      }
      return props(fields);
    },
  );
}

function lower(value: string): string {
  return value.toLowerCase();
}
