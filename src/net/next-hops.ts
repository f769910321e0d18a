// Who answers at a user route's virtual appliance IP. Azure accepts any IP as a next hop and never
// checks that something listens there, so a route outliving its firewall or NVA keeps sending
// traffic into nothing. Besides NICs, firewalls and resolver endpoints (the inventory's owners),
// an appliance IP is often an internal load balancer frontend in front of NVAs, a gateway or a
// route server; those are read from the raw resources here.
import { nameFromId, normalizeId, normalizeType } from '../ids.js';
import type { Inventory } from '../inventory/inventory.js';
import type { AzureFirewall, VirtualNetwork } from '../inventory/types.js';
import { parseIpv4, prefixContains, parseIpv4Prefix } from './cidr.js';

export type NextHopOwner =
  | { readonly kind: 'firewall'; readonly firewall: AzureFirewall }
  /** A NIC, load balancer frontend, gateway...: something answers, but not an Azure Firewall. */
  | { readonly kind: 'other'; readonly id: string; readonly description: string };

export type NextHopIpStatus =
  | { readonly state: 'owned'; readonly owners: readonly NextHopOwner[] }
  /** Inside a VNet that was read, and nothing read there owns the IP. */
  | { readonly state: 'unowned'; readonly vnet: VirtualNetwork }
  /** Outside every VNet read: its owner, if any, is outside the scope. */
  | { readonly state: 'outsideScope' }
  | { readonly state: 'notAnAddress' };

const extraOwnerTypes: Readonly<Record<string, { label: string; read: (props: Record<string, unknown>) => string[] }>> =
  {
    'microsoft.network/loadbalancers': {
      label: 'load balancer',
      read: (props) => configIps(props.frontendIPConfigurations),
    },
    'microsoft.network/applicationgateways': {
      label: 'application gateway',
      read: (props) => configIps(props.frontendIPConfigurations),
    },
    'microsoft.network/virtualnetworkgateways': {
      label: 'virtual network gateway',
      read: (props) => configIps(props.ipConfigurations),
    },
    'microsoft.network/virtualhubs': {
      label: 'virtual hub',
      read: (props) => stringsOf(props.virtualRouterIps),
    },
    'microsoft.network/networkvirtualappliances': {
      label: 'network virtual appliance',
      read: (props) =>
        (Array.isArray(props.virtualApplianceNics) ? props.virtualApplianceNics : []).flatMap((nic) =>
          stringsOf([(nic as { privateIpAddress?: unknown }).privateIpAddress]),
        ),
    },
  };

interface OwnerIndex {
  readonly extra: ReadonlyMap<string, readonly NextHopOwner[]>;
  readonly statuses: Map<string, NextHopIpStatus>;
}

const indexes = new WeakMap<Inventory, OwnerIndex>();

export function nextHopIpStatus(inv: Inventory, ip: string): NextHopIpStatus {
  const index = indexOf(inv);
  const known = index.statuses.get(ip);
  if (known) return known;
  const status = computeStatus(inv, index, ip.trim());
  index.statuses.set(ip, status);
  return status;
}

/** `firewall fw-hub`, `NIC nic-nva`, `load balancer lb-nva`. */
export function describeOwner(owner: NextHopOwner): string {
  return owner.kind === 'firewall' ? `firewall ${owner.firewall.name}` : owner.description;
}

function computeStatus(inv: Inventory, index: OwnerIndex, ip: string): NextHopIpStatus {
  const address = parseIpv4(ip);
  if (address === undefined) return { state: 'notAnAddress' };
  const owners: NextHopOwner[] = [];
  for (const owner of inv.ipOwnersOf(ip)) {
    if (owner.kind === 'firewall') owners.push({ kind: 'firewall', firewall: owner.firewall });
    else if (owner.kind === 'nic')
      owners.push({ kind: 'other', id: owner.nic.id, description: `NIC ${owner.nic.name}` });
    else {
      owners.push({
        kind: 'other',
        id: owner.endpoint.id,
        description: `DNS resolver inbound endpoint ${owner.endpoint.name}`,
      });
    }
  }
  owners.push(...(index.extra.get(ip) ?? []));
  if (owners.length > 0) return { state: 'owned', owners };
  const vnet = [...inv.vnets.values()]
    .sort((a, b) => a.key.localeCompare(b.key))
    .find((candidate) =>
      candidate.addressPrefixes.some((text) => {
        const prefix = parseIpv4Prefix(text);
        return prefix !== undefined && prefixContains(prefix, address);
      }),
    );
  return vnet ? { state: 'unowned', vnet } : { state: 'outsideScope' };
}

function indexOf(inv: Inventory): OwnerIndex {
  let index = indexes.get(inv);
  if (!index) {
    const extra = new Map<string, NextHopOwner[]>();
    for (const resource of inv.resources.values()) {
      const reader = extraOwnerTypes[normalizeType(resource.type)];
      if (!reader) continue;
      for (const ip of reader.read((resource.properties ?? {}) as Record<string, unknown>)) {
        const owner: NextHopOwner = {
          kind: 'other',
          id: resource.id,
          description: `${reader.label} ${resource.name || nameFromId(resource.id)}`,
        };
        const list = extra.get(ip);
        if (!list) extra.set(ip, [owner]);
        else if (!list.some((o) => o.kind === 'other' && normalizeId(o.id) === normalizeId(resource.id)))
          list.push(owner);
      }
    }
    index = { extra, statuses: new Map() };
    indexes.set(inv, index);
  }
  return index;
}

function configIps(value: unknown): string[] {
  const configs = Array.isArray(value) ? value : [];
  return configs.flatMap((config) =>
    stringsOf([(config as { properties?: { privateIPAddress?: unknown } }).properties?.privateIPAddress]),
  );
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : [];
}
