// Who answers at a user route's virtual appliance IP. Azure accepts any IP as a next hop and never
// checks that something listens there, so a route outliving its firewall or NVA keeps sending
// traffic into nothing. Besides NICs, firewalls and resolver endpoints (the inventory's owners),
// an appliance IP is often an internal load balancer frontend in front of NVAs, a gateway or a
// route server; those are the inventory's network devices.
import { nameFromId, normalizeId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventory, memoByInventoryKey } from '../../inventory/memo.js';
import type { AzureFirewall, NetworkDeviceKind, VirtualNetwork } from '../../inventory/types.js';
import { parseIpv4, prefixContains, parseIpv4Prefix } from '../cidr.js';

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

const deviceLabels: Readonly<Partial<Record<NetworkDeviceKind, string>>> = {
  loadBalancer: 'load balancer',
  applicationGateway: 'application gateway',
  virtualNetworkGateway: 'virtual network gateway',
  virtualHub: 'virtual hub',
  networkVirtualAppliance: 'network virtual appliance',
};

export function nextHopIpStatus(inv: Inventory, ip: string): NextHopIpStatus {
  return statusByIp(inv, ip);
}

const statusByIp = memoByInventoryKey((inv, ip: string) => computeStatus(inv, ip.trim()));

/** `firewall fw-hub`, `NIC nic-nva`, `load balancer lb-nva`. */
export function describeOwner(owner: NextHopOwner): string {
  return owner.kind === 'firewall' ? `firewall ${owner.firewall.name}` : owner.description;
}

function computeStatus(inv: Inventory, ip: string): NextHopIpStatus {
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
  owners.push(...(deviceOwners(inv).get(ip) ?? []));
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

/** Load balancer frontends, gateways and appliances by private IP (the inventory's other owners). */
const deviceOwners = memoByInventory((inv): ReadonlyMap<string, readonly NextHopOwner[]> => {
  const owners = new Map<string, NextHopOwner[]>();
  for (const device of inv.devices.values()) {
    const label = deviceLabels[device.kind];
    if (!label) continue;
    for (const ip of device.privateIps) {
      const owner: NextHopOwner = {
        kind: 'other',
        id: device.id,
        description: `${label} ${device.name || nameFromId(device.id)}`,
      };
      const list = owners.get(ip);
      if (!list) owners.set(ip, [owner]);
      else if (!list.some((o) => o.kind === 'other' && normalizeId(o.id) === device.key)) list.push(owner);
    }
  }
  return owners;
});
