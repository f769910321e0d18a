// How a VNet resolves names: Azure-provided DNS consults the private zones linked to the VNet the
// query comes from; custom DNS servers move that point to the VNet of the server (a forwarder VM,
// an Azure Firewall DNS proxy, a DNS Private Resolver inbound endpoint), and a firewall with its
// own custom servers moves it once more.
import { normalizeId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { AzureFirewall, NetworkInterface, VirtualNetwork } from '../../inventory/types.js';
import { publicResolverAt } from '../../data/public-resolvers.js';
import { forwardingRuleFor, type ForwardingRule } from './forwarding-rules.js';

export const azureDnsIp = '168.63.129.16';

/** One hop of the way a query travels before Azure DNS answers it. */
export type ResolverHop =
  | { readonly kind: 'azureDns'; readonly vnetKey: string }
  | { readonly kind: 'forwarder'; readonly ip: string; readonly nicId: string; readonly vnetKey: string }
  | { readonly kind: 'firewallProxy'; readonly ip: string; readonly firewall: AzureFirewall; readonly vnetKey: string }
  | { readonly kind: 'inboundEndpoint'; readonly ip: string; readonly endpointId: string; readonly vnetKey: string }
  | { readonly kind: 'forwardingRule'; readonly rule: ForwardingRule; readonly vnetKey: string };

/** Where a chain of resolvers ends. */
export type ResolutionEnd =
  /** Azure DNS answers in the context of this VNet: its zone links decide. */
  | { readonly kind: 'azureDns'; readonly vnetKey: string }
  /** A custom DNS server plaudit cannot see into (on-premises, outside the scope read). */
  | { readonly kind: 'unknownServer'; readonly ip: string }
  /** A public resolver (8.8.8.8, 1.1.1.1...): it sees no private zone, so names resolve publicly. */
  | { readonly kind: 'publicResolver'; readonly ip: string; readonly name: string }
  /** The firewall is used as DNS server but its DNS proxy is off: queries go unanswered. */
  | { readonly kind: 'proxyDisabled'; readonly firewall: AzureFirewall };

export interface ResolutionPath {
  readonly hops: readonly ResolverHop[];
  readonly end: ResolutionEnd;
}

/** Every path a query from this VNet can take (one per configured DNS server). */
export function resolutionPaths(inv: Inventory, vnet: VirtualNetwork): readonly ResolutionPath[] {
  return pathsFromServers(inv, vnet.dnsServers, vnet.key, [], new Set());
}

/**
 * Every path a query from the VNet's workloads can take: the VNet's DNS servers, and the servers
 * set on any workload NIC, which override the VNet's for that VM.
 */
export function workloadResolutionPaths(inv: Inventory, vnet: VirtualNetwork): readonly ResolutionPath[] {
  const nics = vnet.subnets.flatMap((subnet) => inv.workloadNicsInSubnet(subnet));
  const serverLists = new Map<string, readonly string[]>();
  if (nics.length === 0 || nics.some((nic) => nic.dnsServers.length === 0)) serverLists.set('', vnet.dnsServers);
  for (const nic of nics) if (nic.dnsServers.length > 0) serverLists.set(nic.dnsServers.join(','), nic.dnsServers);
  return [...serverLists.values()].flatMap((servers) =>
    servers.length === 0 ? resolutionPaths(inv, vnet) : pathsFromServers(inv, servers, vnet.key, [], new Set()),
  );
}

/** Every path a query from one NIC can take (its own DNS servers, else its VNet's). */
export function nicResolutionPaths(
  inv: Inventory,
  nic: NetworkInterface,
  vnet: VirtualNetwork,
): readonly ResolutionPath[] {
  return nic.dnsServers.length > 0
    ? pathsFromServers(inv, nic.dnsServers, vnet.key, [], new Set())
    : resolutionPaths(inv, vnet);
}

/** Every path a query made by a firewall (for its rules or as DNS proxy) can take. */
export function firewallResolutionPaths(inv: Inventory, firewall: AzureFirewall): readonly ResolutionPath[] {
  const vnetKey = firewallVnetKey(inv, firewall);
  if (!vnetKey) return [];
  return pathsFromServers(inv, firewallDnsServers(inv, firewall), vnetKey, [], new Set([firewall.key]));
}

/** The firewall's custom DNS servers (policy first, then classic settings); empty means Azure DNS. */
export function firewallDnsServers(inv: Inventory, firewall: AzureFirewall): readonly string[] {
  if (firewall.policyId) {
    // A child policy inherits the parent's DNS settings unless it sets its own.
    const chain = inv.policyChain(firewall.policyId);
    for (const policy of [...chain].reverse()) if (policy.dnsServers !== undefined) return policy.dnsServers;
    return [];
  }
  return firewall.classicDnsServers;
}

/** Whether the firewall answers DNS queries (DNS proxy); undefined when its policy was not read. */
export function firewallDnsProxyEnabled(inv: Inventory, firewall: AzureFirewall): boolean | undefined {
  if (firewall.policyId) {
    const chain = inv.policyChain(firewall.policyId);
    if (chain.length === 0) return undefined;
    for (const policy of [...chain].reverse()) if (policy.dnsProxy !== undefined) return policy.dnsProxy;
    return false;
  }
  return firewall.classicDnsProxy ?? false;
}

/**
 * Where a firewall's own queries start: its VNet, or for a secured Virtual WAN hub the hub itself,
 * which Azure DNS serves without any private DNS zone (a hub cannot be linked to one).
 */
export function firewallVnetKey(inv: Inventory, firewall: AzureFirewall): string | undefined {
  const subnetId = firewall.subnetIds[0];
  if (subnetId) return inv.vnetKeyOfSubnet(normalizeId(subnetId));
  return firewall.virtualHubId ? normalizeId(firewall.virtualHubId) : undefined;
}

/** A short human description of a path, for messages: "custom DNS 10.0.0.4 (Azure Firewall fw-hub DNS proxy) in vnet-hub". */
export function describePath(inv: Inventory, path: ResolutionPath): string {
  const vnetName = (key: string) => inv.vnets.get(key)?.name ?? key.split('/').pop() ?? key;
  const describe = (hop: ResolverHop): string => {
    switch (hop.kind) {
      case 'forwarder':
        return `${hop.ip} (a forwarder in ${vnetName(hop.vnetKey)})`;
      case 'firewallProxy':
        return `${hop.ip} (Azure Firewall ${hop.firewall.name} DNS proxy in ${vnetName(hop.vnetKey)})`;
      case 'inboundEndpoint':
        return `${hop.ip} (DNS Private Resolver inbound endpoint in ${vnetName(hop.vnetKey)})`;
      case 'forwardingRule':
        return `forwarding rule ${hop.rule.name} (${hop.rule.domain}) of a ruleset linked to ${vnetName(hop.vnetKey)}`;
      case 'azureDns':
        return 'Azure-provided DNS';
    }
  };
  const [first, ...rest] = path.hops;
  const end =
    path.end.kind === 'publicResolver'
      ? `${path.end.ip} (${path.end.name})`
      : path.end.kind === 'unknownServer'
        ? path.end.ip
        : undefined;
  if (!first && end) return `custom DNS ${end}`;
  const start = !first || first.kind === 'forwardingRule' ? 'Azure-provided DNS' : `custom DNS ${describe(first)}`;
  const steps = (first?.kind === 'forwardingRule' ? path.hops : rest).map((hop) => `, then ${describe(hop)}`);
  return start + steps.join('') + (end ? `, then ${end}` : '');
}

/**
 * Where a query for `name` really ends: a path that reaches Azure DNS in a VNet linked to a DNS
 * forwarding ruleset with a rule for the name continues at the rule's target servers.
 */
export function followForwardingRules(inv: Inventory, path: ResolutionPath, name: string, depth = 0): ResolutionPath {
  if (path.end.kind !== 'azureDns' || depth > 4) return path;
  const rule = forwardingRuleFor(inv, path.end.vnetKey, name);
  if (!rule) return path;
  const hop: ResolverHop = { kind: 'forwardingRule', rule, vnetKey: path.end.vnetKey };
  const [next] = pathsFromServers(inv, rule.targets, path.end.vnetKey, [...path.hops, hop], new Set());
  return next ? followForwardingRules(inv, next, name, depth + 1) : path;
}

function pathsFromServers(
  inv: Inventory,
  servers: readonly string[],
  originVnetKey: string,
  hops: readonly ResolverHop[],
  seenFirewalls: Set<string>,
): ResolutionPath[] {
  if (servers.length === 0 || servers.every((server) => server === azureDnsIp)) {
    return [{ hops, end: { kind: 'azureDns', vnetKey: originVnetKey } }];
  }
  return servers.flatMap((ip) => pathFromServer(inv, ip, originVnetKey, hops, seenFirewalls));
}

function pathFromServer(
  inv: Inventory,
  ip: string,
  originVnetKey: string,
  hops: readonly ResolverHop[],
  seenFirewalls: Set<string>,
): ResolutionPath[] {
  if (ip === azureDnsIp) return [{ hops, end: { kind: 'azureDns', vnetKey: originVnetKey } }];
  const resolver = publicResolverAt(ip);
  if (resolver) return [{ hops, end: { kind: 'publicResolver', ip, name: resolver.name } }];
  const owner = inv.ipOwnersOf(ip).find((candidate) => candidate.vnetKey !== undefined);
  if (!owner?.vnetKey) return [{ hops, end: { kind: 'unknownServer', ip } }];
  const vnetKey = owner.vnetKey;
  switch (owner.kind) {
    case 'nic': {
      // A forwarder VM sends its conditional forwards to 168.63.129.16 from its own VNet.
      const hop: ResolverHop = { kind: 'forwarder', ip, nicId: owner.nic.id, vnetKey };
      return [{ hops: [...hops, hop], end: { kind: 'azureDns', vnetKey } }];
    }
    case 'inboundEndpoint': {
      const hop: ResolverHop = { kind: 'inboundEndpoint', ip, endpointId: owner.endpoint.id, vnetKey };
      return [{ hops: [...hops, hop], end: { kind: 'azureDns', vnetKey } }];
    }
    case 'firewall': {
      const hop: ResolverHop = { kind: 'firewallProxy', ip, firewall: owner.firewall, vnetKey };
      if (firewallDnsProxyEnabled(inv, owner.firewall) === false) {
        return [{ hops: [...hops, hop], end: { kind: 'proxyDisabled', firewall: owner.firewall } }];
      }
      if (seenFirewalls.has(owner.firewall.key)) return [{ hops: [...hops, hop], end: { kind: 'unknownServer', ip } }];
      const seen = new Set(seenFirewalls).add(owner.firewall.key);
      return pathsFromServers(inv, firewallDnsServers(inv, owner.firewall), vnetKey, [...hops, hop], seen);
    }
  }
}
