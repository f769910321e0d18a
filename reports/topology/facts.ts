// The estate as plaudit models it, as a graph for people: hubs (VNets with a firewall, or the most
// peered VNet among its neighbours) and Virtual WAN hubs with their firewalls, spokes, peerings,
// endpoint subnets with their private endpoints grouped by service, private DNS zones and their
// VNet links. Every element is grouped into a unit (a VNet with what it holds, a zone, a service
// without an endpoint) so that large estates can be drawn with whole units folded together.
import { normalizeId, typeFromId } from '../../src/ids.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import { peeredVnetKeys } from '../../src/inventory/topology.js';
import type { PrivateEndpoint, VirtualNetwork } from '../../src/inventory/types.js';

export type NodeKind = 'hub' | 'vhub' | 'spoke' | 'firewall' | 'subnet' | 'service' | 'zone' | 'aggregate';
export type EdgeKind = 'peering' | 'hubConnection' | 'link' | 'contains';

export interface FineNode {
  readonly key: string;
  readonly kind: NodeKind;
  /** From the estate: untrusted text. */
  readonly label: string;
  readonly detail: string;
  /** The resources the node stands for, as written. */
  readonly ids: readonly string[];
  /** `vnet:<key>`, `zone:<key>`, `vhub:<key>` or `target:<key>`. */
  readonly unit: string;
  /** Private endpoints the node holds (services, subnets). */
  readonly endpoints: number;
}

export interface FineEdge {
  readonly key: string;
  readonly kind: EdgeKind;
  readonly from: string;
  readonly to: string;
  readonly ids: readonly string[];
  /** A state worth showing on the line (a peering that is not Connected). */
  readonly label?: string;
}

export interface Facts {
  readonly nodes: ReadonlyMap<string, FineNode>;
  readonly edges: ReadonlyMap<string, FineEdge>;
  /** Normalized resource id -> the fine elements (node or edge keys) it belongs to. */
  readonly owners: ReadonlyMap<string, readonly string[]>;
  /** Hub units, which are never folded; and, per spoke unit, the hubs it is peered with. */
  readonly hubs: ReadonlySet<string>;
  readonly hubsOfUnit: ReadonlyMap<string, readonly string[]>;
}

const serviceNames: Record<string, string> = {
  'microsoft.keyvault/vaults': 'Key Vault',
  'microsoft.storage/storageaccounts': 'Storage',
  'microsoft.sql/servers': 'SQL',
  'microsoft.documentdb/databaseaccounts': 'Cosmos DB',
  'microsoft.web/sites': 'App Service',
  'microsoft.containerregistry/registries': 'Container Registry',
  'microsoft.cognitiveservices/accounts': 'AI services',
  'microsoft.servicebus/namespaces': 'Service Bus',
  'microsoft.eventhub/namespaces': 'Event Hubs',
  'microsoft.dbforpostgresql/flexibleservers': 'PostgreSQL',
  'microsoft.dbformysql/flexibleservers': 'MySQL',
  'microsoft.cache/redis': 'Redis',
  'microsoft.search/searchservices': 'AI Search',
  'microsoft.network/privatelinkservices': 'Private Link service',
};

/** A person's name for a private link target type (`Key Vault`), else its last segment. */
export function serviceName(type: string | undefined): string {
  if (!type) return 'unknown service';
  return serviceNames[type.toLowerCase()] ?? type.split('/').pop() ?? type;
}

function serviceOf(endpoint: PrivateEndpoint): { type: string | undefined; groupId: string } {
  const connection = endpoint.connections[0];
  const type = connection?.targetId ? typeFromId(connection.targetId) : undefined;
  return { type, groupId: (connection?.groupIds[0] ?? '').toLowerCase() };
}

const hubConnectionType = /^microsoft\.network\/virtualhubs\/hubvirtualnetworkconnections$/i;

const plural = (count: number, word: string) => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

/**
 * The estate's graph. `wanted` (normalized ids) limits the resource index to the ids findings name,
 * which keeps large estates fast: a 50,000-endpoint estate holds some 250,000 resource ids.
 */
export function topologyFacts(inv: Inventory, wanted?: ReadonlySet<string>): Facts {
  const nodes = new Map<string, FineNode>();
  const edges = new Map<string, FineEdge>();
  const owners = new Map<string, string[]>();
  const own = (id: string | undefined, element: string) => {
    if (!id) return;
    const key = normalizeId(id);
    if (wanted && !wanted.has(key)) return;
    const list = owners.get(key);
    if (!list) owners.set(key, [element]);
    else if (!list.includes(element)) list.push(element);
  };
  const addNode = (node: FineNode) => {
    nodes.set(node.key, node);
    for (const id of node.ids) own(id, node.key);
  };
  const addEdge = (edge: FineEdge) => {
    edges.set(edge.key, edge);
    for (const id of edge.ids) own(id, edge.key);
  };

  // Hubs: a VNet with a firewall, or one at least as peered as each of its (two or more) neighbours.
  const degree = new Map([...inv.vnets.keys()].map((key) => [key, peeredVnetKeys(inv, key).length]));
  const isHub = (vnet: VirtualNetwork) => {
    if (inv.firewallsInVnet(vnet.key).length > 0) return true;
    const neighbours = peeredVnetKeys(inv, vnet.key);
    return neighbours.length >= 2 && neighbours.every((other) => (degree.get(other) ?? 0) <= neighbours.length);
  };
  const hubs = new Set<string>();
  const vnets = [...inv.vnets.values()].sort((a, b) => a.key.localeCompare(b.key));
  for (const vnet of vnets) {
    const hub = isHub(vnet);
    const unit = `vnet:${vnet.key}`;
    if (hub) hubs.add(unit);
    addNode({
      key: unit,
      kind: hub ? 'hub' : 'spoke',
      label: vnet.name,
      detail: vnet.addressPrefixes.join(', '),
      ids: [vnet.id, ...vnet.subnets.map((subnet) => subnet.id)],
      unit,
      endpoints: 0,
    });
    for (const firewall of inv.firewallsInVnet(vnet.key)) {
      const key = `fw:${firewall.key}`;
      addNode({
        key,
        kind: 'firewall',
        label: firewall.name,
        detail: firewall.privateIps.join(', ') || 'firewall',
        ids: [firewall.id],
        unit,
        endpoints: 0,
      });
      addEdge({ key: `contains:${key}`, kind: 'contains', from: unit, to: key, ids: [] });
    }
  }

  // Virtual WAN hubs and the firewalls in them.
  for (const device of inv.devices.values()) {
    if (device.kind !== 'virtualHub') continue;
    const unit = `vhub:${device.key}`;
    hubs.add(unit);
    addNode({
      key: unit,
      kind: 'vhub',
      label: device.name,
      detail: 'Virtual WAN hub',
      ids: [device.id],
      unit,
      endpoints: 0,
    });
  }
  for (const firewall of inv.firewalls.values()) {
    const hubUnit = firewall.virtualHubId && `vhub:${normalizeId(firewall.virtualHubId)}`;
    if (!hubUnit || !nodes.has(hubUnit) || nodes.has(`fw:${firewall.key}`)) continue;
    const key = `fw:${firewall.key}`;
    addNode({
      key,
      kind: 'firewall',
      label: firewall.name,
      detail: 'secured hub',
      ids: [firewall.id],
      unit: hubUnit,
      endpoints: 0,
    });
    addEdge({ key: `contains:${key}`, kind: 'contains', from: hubUnit, to: key, ids: [] });
  }

  // Endpoint subnets and, in each, the endpoints grouped by service.
  const bySubnet = new Map<string, PrivateEndpoint[]>();
  for (const endpoint of inv.privateEndpoints.values()) {
    if (!endpoint.subnetId) continue;
    const key = normalizeId(endpoint.subnetId);
    const list = bySubnet.get(key);
    if (list) list.push(endpoint);
    else bySubnet.set(key, [endpoint]);
  }
  for (const [subnetKey, endpoints] of [...bySubnet].sort(([a], [b]) => a.localeCompare(b))) {
    const vnetKey = inv.vnetKeyOfSubnet(subnetKey);
    const unit = `vnet:${vnetKey}`;
    if (!nodes.has(unit)) continue;
    const subnet = inv.subnets.get(subnetKey);
    const key = `subnet:${subnetKey}`;
    addNode({
      key,
      kind: 'subnet',
      label: subnet?.name ?? subnetKey.split('/').pop()!,
      detail: `${subnet?.addressPrefixes.join(', ') ?? ''} · ${plural(endpoints.length, 'endpoint')}`.replace(
        /^ · /,
        '',
      ),
      ids: [subnet?.id ?? subnetKey],
      unit,
      endpoints: endpoints.length,
    });
    addEdge({ key: `contains:${key}`, kind: 'contains', from: unit, to: key, ids: [] });
    const services = new Map<string, { type: string | undefined; groupId: string; endpoints: PrivateEndpoint[] }>();
    for (const endpoint of endpoints) {
      const service = serviceOf(endpoint);
      const serviceKey = `${service.type ?? ''}|${service.groupId}`;
      const entry = services.get(serviceKey);
      if (entry) entry.endpoints.push(endpoint);
      else services.set(serviceKey, { ...service, endpoints: [endpoint] });
    }
    for (const [serviceKey, service] of [...services].sort(([a], [b]) => a.localeCompare(b))) {
      const nodeKey = `svc:${subnetKey}|${serviceKey}`;
      const single = service.endpoints.length === 1 ? service.endpoints[0]! : undefined;
      addNode({
        key: nodeKey,
        kind: 'service',
        label: single ? single.name : `${serviceName(service.type)}${service.groupId ? ` (${service.groupId})` : ''}`,
        detail: single
          ? `${serviceName(service.type)}${service.groupId ? ` (${service.groupId})` : ''}`
          : plural(service.endpoints.length, 'endpoint'),
        ids: service.endpoints.flatMap((endpoint) => [
          endpoint.id,
          ...endpoint.nicIds,
          ...inv.zoneGroupsOf(endpoint).map((group) => group.id),
        ]),
        unit,
        endpoints: service.endpoints.length,
      });
      addEdge({ key: `contains:${nodeKey}`, kind: 'contains', from: key, to: nodeKey, ids: [] });
      for (const endpoint of service.endpoints) {
        for (const connection of endpoint.connections) own(connection.targetId, nodeKey);
      }
    }
  }

  // Peerings, one line per pair of VNets whichever side was read; Virtual WAN hub connections.
  for (const peering of [...inv.peerings.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    if (!peering.remoteVnetId) continue;
    const a = `vnet:${peering.vnetKey}`;
    const b = `vnet:${normalizeId(peering.remoteVnetId)}`;
    if (!nodes.has(a) || !nodes.has(b) || a === b) continue;
    const [from, to] = orderPair(a, b, hubs);
    const key = `peer:${from}|${to}`;
    const existing = edges.get(key);
    const state =
      peering.peeringState && peering.peeringState.toLowerCase() !== 'connected' ? peering.peeringState : undefined;
    addEdge({
      key,
      kind: 'peering',
      from,
      to,
      ids: [...(existing?.ids ?? []), peering.id],
      ...((existing?.label ?? state) !== undefined && { label: existing?.label ?? state }),
    });
  }
  for (const resource of inv.resources.values()) {
    if (!hubConnectionType.test(resource.type)) continue;
    const hubUnit = `vhub:${normalizeId(resource.id.replace(/\/hubVirtualNetworkConnections\/[^/]+$/i, ''))}`;
    const remote = (resource.properties?.remoteVirtualNetwork as { id?: unknown } | undefined)?.id;
    const vnetUnit = typeof remote === 'string' ? `vnet:${normalizeId(remote)}` : undefined;
    if (!vnetUnit || !nodes.has(hubUnit) || !nodes.has(vnetUnit)) continue;
    addEdge({
      key: `hubconn:${hubUnit}|${vnetUnit}`,
      kind: 'hubConnection',
      from: hubUnit,
      to: vnetUnit,
      ids: [resource.id],
    });
  }

  // Private DNS zones, their records, and their links to VNets.
  for (const zone of [...inv.zones.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    const unit = `zone:${zone.key}`;
    const records = inv.recordSetsOfZone(zone.key).filter((set) => set.recordType !== 'SOA');
    const links = inv.linksOfZone(zone.key);
    addNode({
      key: unit,
      kind: 'zone',
      label: zone.zoneName,
      detail: `${plural(records.length, 'record')} · ${plural(links.length, 'link')}`,
      ids: [zone.id, ...records.map((set) => set.id)],
      unit,
      endpoints: 0,
    });
    for (const link of links) {
      const vnetUnit = link.vnetId ? `vnet:${normalizeId(link.vnetId)}` : undefined;
      if (vnetUnit && nodes.has(vnetUnit)) {
        addEdge({ key: `link:${link.key}`, kind: 'link', from: unit, to: vnetUnit, ids: [link.id] });
      } else {
        own(link.id, unit);
      }
    }
  }

  placeTheRest(inv, nodes, own);
  const hubsOfUnit = new Map<string, string[]>();
  for (const edge of edges.values()) {
    if (edge.kind !== 'peering' && edge.kind !== 'hubConnection') continue;
    for (const [self, other] of [
      [edge.from, edge.to],
      [edge.to, edge.from],
    ] as const) {
      if (hubs.has(self) || !hubs.has(other)) continue;
      const list = hubsOfUnit.get(self) ?? [];
      if (!list.includes(other)) list.push(other);
      hubsOfUnit.set(self, list.sort());
    }
  }
  return { nodes, edges, owners, hubs, hubsOfUnit };
}

/** A hub first, then by key: lines run from hubs out to spokes. */
function orderPair(a: string, b: string, hubs: ReadonlySet<string>): [string, string] {
  if (hubs.has(a) !== hubs.has(b)) return hubs.has(a) ? [a, b] : [b, a];
  return a < b ? [a, b] : [b, a];
}

/** Route tables, NICs, VMs, policies, resolvers and devices: on the VNets and firewalls they serve. */
function placeTheRest(
  inv: Inventory,
  nodes: ReadonlyMap<string, FineNode>,
  own: (id: string | undefined, element: string) => void,
): void {
  const subnetElement = (subnetId: string | undefined) => {
    if (!subnetId) return undefined;
    const key = normalizeId(subnetId);
    if (nodes.has(`subnet:${key}`)) return `subnet:${key}`;
    const unit = `vnet:${inv.vnetKeyOfSubnet(key)}`;
    return nodes.has(unit) ? unit : undefined;
  };
  for (const subnet of inv.subnets.values()) {
    const element = subnetElement(subnet.id);
    if (element && subnet.routeTableId) own(subnet.routeTableId, element);
  }
  const nicElement = new Map<string, string>();
  for (const nic of inv.nics.values()) {
    if (nic.privateEndpointId) continue;
    const element = subnetElement(nic.ipConfigurations.find((config) => config.subnetId)?.subnetId);
    if (!element) continue;
    nicElement.set(nic.key, element);
    own(nic.id, element);
  }
  for (const vm of inv.virtualMachines.values()) {
    for (const nicId of vm.nicIds) {
      const element = nicElement.get(normalizeId(nicId));
      if (element) own(vm.id, element);
    }
  }
  for (const firewall of inv.firewalls.values()) {
    const key = `fw:${firewall.key}`;
    if (!nodes.has(key) || !firewall.policyId) continue;
    for (const policy of inv.policyChain(firewall.policyId)) {
      own(policy.id, key);
      for (const group of inv.ruleCollectionGroupsOf(policy.key)) own(group.id, key);
    }
  }
  for (const resolver of inv.dnsResolvers.values()) {
    const unit = resolver.vnetId ? `vnet:${normalizeId(resolver.vnetId)}` : undefined;
    if (unit && nodes.has(unit)) own(resolver.id, unit);
  }
  for (const endpoint of inv.inboundEndpoints.values()) {
    const element = subnetElement(endpoint.subnetId);
    if (element) own(endpoint.id, element);
  }
  for (const device of inv.devices.values()) {
    const element = subnetElement(device.subnetIds[0]);
    if (element) own(device.id, element);
  }
}
