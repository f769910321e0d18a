// What a snapshot index records about each resource: whether a partial read always takes it, and
// the keys by which a partial read finds it among the many. A trace reads few resources of the
// kinds an estate holds by the ten thousand (private endpoints and their NICs, zone groups and
// record sets, the services behind them, VMs) and every resource of the other kinds, which are
// few and which routes, DNS and firewalls are reasoned from (VNets, route tables, firewalls and
// policies, zones and links, resolvers, NSGs, hubs, gateways, scale sets, clusters, web apps).
// Every key only ever adds resources: a key that matches too much costs time, never an answer.
import { normalizeId, normalizeType, parentId, typeFromId } from '../../ids.js';
import type { RawResource } from '../types.js';

/** Kinds a partial read takes only when a key leads to them. */
export type PartialKind = 'nic' | 'endpoint' | 'record' | 'vm' | 'other';

/** Types a partial read always takes whole although they are outside Microsoft.Network. */
const alwaysPrefixes = [
  'microsoft.compute/virtualmachinescalesets',
  'microsoft.containerservice/',
  'microsoft.app/managedenvironments',
  'microsoft.web/sites',
  'microsoft.sql/servers/firewallrules',
  'microsoft.sql/servers/virtualnetworkrules',
];

/**
 * Undefined for a resource every partial read takes. NICs with IP forwarding are appliances that
 * carry traffic between VNets, so they are always taken; a private DNS zone's record sets are
 * taken by name, its VNet links always.
 */
export function partialKind(resource: RawResource): PartialKind | undefined {
  const type = typeof resource.type === 'string' ? normalizeType(resource.type) : '';
  if (type === 'microsoft.network/networkinterfaces') {
    return resource.properties?.enableIPForwarding === true ? undefined : 'nic';
  }
  if (type === 'microsoft.network/privateendpoints' || type.startsWith('microsoft.network/privateendpoints/'))
    return 'endpoint';
  if (
    type.startsWith('microsoft.network/privatednszones/') &&
    type !== 'microsoft.network/privatednszones/virtualnetworklinks'
  )
    return 'record';
  if (type === 'microsoft.compute/virtualmachines') return 'vm';
  if (type === '' || type.startsWith('microsoft.network/')) return undefined;
  if (alwaysPrefixes.some((prefix) => type.startsWith(prefix))) return undefined;
  return 'other';
}

/**
 * The key of an address as text: IPv4 in one canonical form (blanks, leading zeros and a `/32`
 * aside), anything else short with a dot or a colon (IPv6) trimmed and in lower case. Lookups
 * by address compare text, some exactly and some by value: one key covers both.
 */
export function addressKey(text: string): string | undefined {
  if (text.length > 80) return undefined;
  let trimmed = text.trim();
  if (trimmed === '' || (!trimmed.includes('.') && !trimmed.includes(':'))) return undefined;
  if (trimmed.endsWith('/32')) trimmed = trimmed.slice(0, -3);
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(trimmed);
  if (octets && octets.slice(1).every((octet) => Number(octet) <= 255)) {
    return `ip:${octets
      .slice(1)
      .map((octet) => String(Number(octet)))
      .join('.')}`;
  }
  return `ip:${trimmed.toLowerCase()}`;
}

export const idKey = (id: string): string => `id:${normalizeId(id)}`;
export const nameKey = (name: string): string => `name:${name.toLowerCase()}`;
export const fqdnKey = (fqdn: string): string => `fqdn:${fqdn.toLowerCase()}`;
/** Record sets by the first label of their name: a name and its privatelink form share it. */
export const labelKey = (name: string): string => `label:${name.toLowerCase().split('.')[0]}`;
/** Services by the private endpoints their connections name. */
export const connectedKey = (endpointId: string): string => `pec:${normalizeId(endpointId)}`;
export const childKey = (parent: string): string => `parent:${normalizeId(parent)}`;

/** The keys that find a resource a partial read does not always take. */
export function resourceKeys(resource: RawResource, kind: PartialKind): string[] {
  const keys = new Set<string>();
  const add = (key: string | undefined) => key !== undefined && keys.add(key);
  if (typeof resource.id === 'string') {
    add(idKey(resource.id));
    // Children by their parent (zone groups, a service's rule sets): top-level resources have none.
    const parent = parentId(resource.id);
    if (typeFromId(parent) !== undefined) add(childKey(parent));
  }
  const props = record(resource.properties);
  switch (kind) {
    case 'nic':
      for (const config of list(props.ipConfigurations)) {
        const configProps = record(record(config).properties);
        const ip = configProps.privateIPAddress;
        if (typeof ip === 'string') add(addressKey(ip));
        for (const fqdn of list(record(configProps.privateLinkConnectionProperties).fqdns))
          if (typeof fqdn === 'string') add(fqdnKey(fqdn));
      }
      break;
    case 'endpoint':
      for (const config of list(props.customDnsConfigs)) {
        const { fqdn, ipAddresses } = record(config);
        if (typeof fqdn === 'string') add(fqdnKey(fqdn));
        for (const ip of list(ipAddresses)) if (typeof ip === 'string') add(addressKey(ip));
      }
      break;
    case 'record':
      if (typeof resource.name === 'string') add(labelKey(resource.name));
      break;
    case 'vm':
      if (typeof resource.name === 'string') add(nameKey(resource.name));
      break;
    case 'other':
      for (const connection of list(props.privateEndpointConnections)) {
        const endpointId = record(record(record(connection).properties).privateEndpoint).id;
        if (typeof endpointId === 'string') add(connectedKey(endpointId));
      }
      break;
  }
  return [...keys];
}

/**
 * The keys a resource read by key leads to: every address it holds (whoever owns it is read too),
 * every resource id it names, its children and the services whose connections name it.
 */
export function referencedKeys(resource: RawResource, into: Set<string>): void {
  walk(resource, true, into);
  if (typeof resource.id === 'string') {
    into.add(childKey(resource.id));
    into.add(connectedKey(resource.id));
  }
}

function walk(value: unknown, ids: boolean, into: Set<string>): void {
  if (typeof value === 'string') {
    if (ids && value.trimStart().startsWith('/')) into.add(idKey(value));
    else if (value.length <= 80) {
      // Addresses start with a digit (IPv4) or hold a colon (IPv6), blanks aside: most strings are neither.
      const first = value.charCodeAt(0);
      if ((first >= 0x30 && first <= 0x39) || first <= 0x20 || first > 0x7e || value.includes(':')) {
        const address = addressKey(value);
        if (address) into.add(address);
      }
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) walk(item, ids, into);
    return;
  }
  if (value !== null && typeof value === 'object') for (const item of Object.values(value)) walk(item, ids, into);
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The keys a resource every read takes leads to: the addresses it holds, its own id and its
 * embedded subnets' ids (a resource read by key may share one), and for a NIC the ids it names.
 * Worked out when the index is made.
 */
export function alwaysReferencedKeys(resource: RawResource, into: Set<string>): void {
  // A NIC read always (one with IP forwarding) leads to what it names, as one read by key does.
  const nic =
    typeof resource.type === 'string' && normalizeType(resource.type) === 'microsoft.network/networkinterfaces';
  walk(resource, nic, into);
  if (typeof resource.id === 'string') into.add(idKey(resource.id));
  for (const subnet of list(record(resource.properties).subnets)) {
    const id = record(subnet).id;
    if (typeof id === 'string') into.add(idKey(id));
  }
}

const nicConfiguration =
  /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.network\/networkinterfaces\//;

/**
 * A VNet or subnet as a trace reads it: without the entries of its subnets' `ipConfigurations` that
 * are NIC configurations, and without the subnets' `privateEndpoints` references. ARM lists every
 * endpoint's NIC there, so these lists grow with the estate; a trace reads from them only the
 * owners that are not NICs (gateways, application gateways...), and never the endpoint references.
 * Undefined when there is nothing to leave out.
 */
export function traceView(resource: RawResource): RawResource | undefined {
  const type = typeof resource.type === 'string' ? normalizeType(resource.type) : '';
  let changed = false;
  const subnet = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const raw = value as Record<string, unknown>;
    if (raw.properties === null || typeof raw.properties !== 'object' || Array.isArray(raw.properties)) return value;
    const props = raw.properties as Record<string, unknown>;
    const configs = props.ipConfigurations;
    const kept = Array.isArray(configs)
      ? configs.filter((config) => {
          const id = record(config).id;
          return typeof id !== 'string' || !nicConfiguration.test(normalizeId(id));
        })
      : undefined;
    const dropConfigs = Array.isArray(configs) && kept!.length < configs.length;
    const dropEndpoints = Array.isArray(props.privateEndpoints) && props.privateEndpoints.length > 0;
    if (!dropConfigs && !dropEndpoints) return value;
    changed = true;
    return {
      ...raw,
      properties: {
        ...props,
        ...(dropConfigs ? { ipConfigurations: kept } : {}),
        ...(dropEndpoints ? { privateEndpoints: [] } : {}),
      },
    };
  };
  if (type === 'microsoft.network/virtualnetworks') {
    const props = record(resource.properties);
    if (!Array.isArray(props.subnets)) return undefined;
    const subnets = props.subnets.map(subnet);
    return changed ? { ...resource, properties: { ...props, subnets } } : undefined;
  }
  if (type === 'microsoft.network/virtualnetworks/subnets') {
    const view = subnet(resource) as RawResource;
    return changed ? view : undefined;
  }
  return undefined;
}
