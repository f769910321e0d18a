// One NSG's verdict on one flow in one direction: its custom rules and then Azure's default rules
// by priority, the first rule that matches deciding. A rule that may match (a service tag plaudit
// cannot place, a source port range) leaves the verdict open unless it would decide the same way.
// https://learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works
import type { Inventory } from '../../inventory/inventory.js';
import { normalizeId } from '../../ids.js';
import type { NetworkSecurityGroup, SecurityRule } from '../../inventory/security-types.js';
import { isIpv6 } from '../cidr.js';
import { AddressSet, parseIpv4Interval } from '../firewall/addresses.js';
import { allPrivate, tagSet } from './tags.js';

export type NsgProtocol = 'TCP' | 'UDP' | 'ICMP';
export type NsgDirection = 'Inbound' | 'Outbound';

/** A flow as an NSG sees it. The source is a set: a whole subnet, or the firewall's SNAT range. */
export interface NsgFlow {
  readonly source: AddressSet;
  /** Application security groups of the source NIC (normalized ids). */
  readonly sourceAsgs: ReadonlySet<string>;
  readonly destination: AddressSet;
  readonly destinationAsgs: ReadonlySet<string>;
  readonly port: number;
  readonly protocol: NsgProtocol;
}

export type NsgVerdict =
  | { readonly decision: 'Allow' | 'Deny'; readonly rule: SecurityRule }
  | { readonly decision: 'unknown'; readonly rule: SecurityRule | undefined; readonly reason: string };

type Match = { readonly kind: 'yes' } | { readonly kind: 'no' } | { readonly kind: 'maybe'; readonly reason: string };
const yes: Match = { kind: 'yes' };
const no: Match = { kind: 'no' };

/** The rules of one direction in processing order: custom rules by priority, then the defaults. */
export function rulesInOrder(nsg: NetworkSecurityGroup, direction: NsgDirection): SecurityRule[] {
  const byPriority = (a: SecurityRule, b: SecurityRule) => (a.priority ?? 99999) - (b.priority ?? 99999);
  const of = (rules: readonly SecurityRule[]) =>
    rules.filter((rule) => rule.direction.toLowerCase() === direction.toLowerCase()).sort(byPriority);
  return [...of(nsg.rules), ...of(nsg.defaultRules)];
}

/**
 * The NSG's verdict. `vnetKey` is the VNet of the subnet or NIC it is applied to, which the
 * `VirtualNetwork` tag is relative to.
 */
export function evaluateNsg(
  inv: Inventory,
  nsg: NetworkSecurityGroup,
  direction: NsgDirection,
  flow: NsgFlow,
  vnetKey: string,
): NsgVerdict {
  const open: { rule: SecurityRule; reason: string }[] = [];
  for (const rule of rulesInOrder(nsg, direction)) {
    const match = ruleMatches(inv, rule, flow, vnetKey);
    if (match.kind === 'no') continue;
    if (match.kind === 'maybe') {
      open.push({ rule, reason: match.reason });
      continue;
    }
    const decision = rule.access.toLowerCase() === 'allow' ? 'Allow' : 'Deny';
    const contrary = open.find(
      (entry) => (entry.rule.access.toLowerCase() === 'allow' ? 'Allow' : 'Deny') !== decision,
    );
    if (contrary) {
      return {
        decision: 'unknown',
        rule: contrary.rule,
        reason: `rule ${contrary.rule.name} (priority ${contrary.rule.priority ?? '?'}) may match: ${contrary.reason}`,
      };
    }
    return { decision, rule };
  }
  return {
    decision: 'unknown',
    rule: undefined,
    reason: `no rule of NSG ${nsg.name} matches, not even a default rule`,
  };
}

function ruleMatches(inv: Inventory, rule: SecurityRule, flow: NsgFlow, vnetKey: string): Match {
  if (!protocolMatches(rule.protocol, flow.protocol)) return no;
  if (!rule.destinationPorts.some((entry) => portEntryHas(entry, flow.port))) return no;
  const parts = [
    sourcePortsMatch(rule.sourcePorts),
    endpointMatch(inv, rule.sourceAddresses, rule.sourceAsgIds, flow.source, flow.sourceAsgs, vnetKey, 'source'),
    endpointMatch(
      inv,
      rule.destinationAddresses,
      rule.destinationAsgIds,
      flow.destination,
      flow.destinationAsgs,
      vnetKey,
      'destination',
    ),
  ];
  if (parts.some((part) => part.kind === 'no')) return no;
  const maybe = parts.find((part) => part.kind === 'maybe');
  return maybe ?? yes;
}

function protocolMatches(ruleProtocol: string, protocol: NsgProtocol): boolean {
  const value = ruleProtocol.trim().toLowerCase();
  return value === '*' || value === 'any' || value === protocol.toLowerCase();
}

function portEntryHas(entry: string, port: number): boolean {
  const value = entry.trim();
  if (value === '*' || value === '') return true;
  const [low, high] = value.split('-').map((part) => Number(part.trim()));
  if (low === undefined || Number.isNaN(low)) return false;
  return high === undefined ? port === low : !Number.isNaN(high) && port >= low && port <= high;
}

// Clients connect from ephemeral ports (1024-65535 covers every OS's range).
function sourcePortsMatch(entries: readonly string[]): Match {
  if (entries.length === 0 || entries.some((entry) => entry.trim() === '*' || entry.trim() === '')) return yes;
  const ranges = entries.map((entry) => entry.split('-').map((part) => Number(part.trim())));
  const covers = ranges.some(([low, high]) => low !== undefined && low <= 1024 && (high ?? low) >= 65535);
  if (covers) return yes;
  const touches = ranges.some(([low, high]) => (high ?? low ?? 0) >= 1024);
  return touches
    ? { kind: 'maybe', reason: `its source ports (${entries.join(', ')}) may hold the client's ephemeral port` }
    : no;
}

function endpointMatch(
  inv: Inventory,
  entries: readonly string[],
  asgIds: readonly string[],
  addresses: AddressSet,
  asgs: ReadonlySet<string>,
  vnetKey: string,
  side: 'source' | 'destination',
): Match {
  if (asgIds.length > 0) return asgIds.some((id) => asgs.has(normalizeId(id))) ? yes : no;
  let known = AddressSet.empty;
  const unplaced: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    const lower = entry.toLowerCase();
    if (entry === '*' || lower === 'any' || lower === '0.0.0.0/0') return yes;
    const interval = parseIpv4Interval(entry);
    if (interval) {
      known = known.union(AddressSet.of([interval]));
      continue;
    }
    if (isIpv6(entry)) continue;
    const tag = tagSet(inv, entry, vnetKey);
    if (tag) {
      known = known.union(tag.known);
      if (tag.open) unplaced.push(`${entry} (${tag.open})`);
    } else if (!allPrivate(addresses)) {
      unplaced.push(`${entry} (a service tag whose prefixes plaudit does not know)`);
    }
  }
  const inside = addresses.intersect(known);
  if (!inside.isEmpty && addresses.subtract(known).isEmpty) return yes;
  if (inside.isEmpty && unplaced.length === 0) return no;
  return {
    kind: 'maybe',
    reason:
      unplaced.length > 0
        ? `its ${side} ${unplaced.join(', ')} may hold ${addresses.toStrings().join(', ')}`
        : `its ${side} holds part of ${addresses.toStrings().join(', ')}`,
  };
}
