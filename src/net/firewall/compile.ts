// A firewall's rules, from its policy chain or its classic collections, compiled once into processing order.
import { normalizeId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import type {
  AzureFirewall,
  FirewallPolicy,
  FirewallRule,
  FirewallRuleCollection,
  FirewallRuleType,
} from '../../inventory/types.js';
import { firewallDnsProxyEnabled } from '../dns/resolvers.js';
import { AddressSet, parseAddressEntry, type Interval } from './addresses.js';
import { compileFqdnPattern, normalizeFqdn } from './fqdn.js';
import {
  ICMP,
  TCP,
  UDP,
  type CompiledFirewall,
  type CompiledRule,
  type FirewallProtocol,
  type FirewallRuleRef,
} from './types.js';
interface Collected {
  readonly rules: { readonly sortKey: readonly (number | string)[]; readonly rule: CompiledRule }[];
  readonly unknowns: string[];
  readonly assumptions: string[];
}

export function compile(inv: Inventory, firewall: AzureFirewall): CompiledFirewall {
  const collected: Collected = { rules: [], unknowns: [], assumptions: [] };
  const notes: string[] = [];
  let configId = firewall.id;
  let configName = firewall.name;
  let threatIntel = firewall.threatIntelMode;
  if (firewall.policyId) {
    const chain = inv.policyChain(firewall.policyId);
    const attached = chain[chain.length - 1];
    if (!attached) {
      collected.unknowns.push(`firewall policy ${firewall.policyId} of ${firewall.name} is not in the snapshot`);
    } else {
      configId = attached.id;
      configName = attached.name;
      const root = chain[0]!;
      if (root.basePolicyId && !inv.firewallPolicy(root.basePolicyId)) {
        collected.unknowns.push(`parent policy ${root.basePolicyId} of ${root.name} is not in the snapshot`);
      }
      chain.forEach((policy, index) => collectPolicy(inv, policy, index, collected));
      threatIntel =
        [...chain]
          .reverse()
          .map((policy) => policy.threatIntelMode)
          .find(Boolean) ?? threatIntel;
      if (hasClassicCollections(firewall)) {
        collected.assumptions.push(
          `Classic rule collections on firewall ${firewall.name} are ignored because policy ${attached.name} is attached.`,
        );
      }
    }
  } else {
    collectClassic(inv, firewall, collected);
  }
  if (threatIntel?.toLowerCase() === 'deny') {
    collected.assumptions.push(
      `Threat intelligence in Deny mode runs before every rule on ${firewall.name}; plaudit cannot evaluate it.`,
    );
  }
  if (firewall.virtualHubId) {
    collected.assumptions.push(
      `Firewall ${firewall.name} is in Virtual WAN hub ${firewall.virtualHubId.split('/').pop()}; its rules are evaluated as for a hub VNet firewall, and the hub's routes are worked out from its routing intent, route tables and connections.`,
    );
  }
  const dnsProxy = firewallDnsProxyEnabled(inv, firewall);
  notes.push(`DNS proxy on ${firewall.name} is ${dnsProxy === undefined ? 'unknown' : dnsProxy ? 'on' : 'off'}.`);
  const rules = collected.rules.sort((a, b) => compareKeys(a.sortKey, b.sortKey)).map((entry) => entry.rule);
  return {
    firewall,
    rules,
    dnsProxy,
    configId,
    configName,
    inconclusive: collected.unknowns.length > 0 ? collected.unknowns.join('; ') : undefined,
    assumptions: collected.assumptions,
    notes,
    plans: new Map(),
  };
}

function collectPolicy(inv: Inventory, policy: FirewallPolicy, policyIndex: number, collected: Collected): void {
  const groups = inv.ruleCollectionGroupsOf(policy.key);
  const readKeys = new Set(groups.map((group) => group.key));
  for (const id of policy.ruleCollectionGroupIds) {
    if (!readKeys.has(normalizeId(id))) {
      collected.unknowns.push(
        `rule collection group ${id.split('/').pop()} of policy ${policy.name} is not in the snapshot`,
      );
    }
  }
  for (const group of groups) {
    const groupPriority = group.priority ?? Number.MAX_SAFE_INTEGER;
    group.ruleCollections.forEach((collection, collectionIndex) => {
      collection.rules.forEach((rule, ruleIndex) => {
        if (!rule.type) return;
        const ref: FirewallRuleRef = {
          ...ruleLocation(rule.type, collection, collectionIndex, rule, ruleIndex),
          ownerId: policy.id,
          ownerName: policy.name,
          policyId: policy.id,
          ruleCollectionGroupId: group.id,
          ruleCollectionGroupName: group.name,
          ruleCollectionGroupPriority: group.priority,
        };
        collected.rules.push({
          sortKey: [
            stageOf(rule.type),
            policyIndex,
            groupPriority,
            group.name.toLowerCase(),
            collection.priority ?? Number.MAX_SAFE_INTEGER,
            collectionIndex,
            ruleIndex,
          ],
          rule: compileRule(inv, ref, rule),
        });
      });
    });
  }
}

function collectClassic(inv: Inventory, firewall: AzureFirewall, collected: Collected): void {
  for (const type of ['DNAT', 'Network', 'Application'] as const) {
    firewall.classicRuleCollections[type].forEach((collection, collectionIndex) => {
      collection.rules.forEach((rule, ruleIndex) => {
        const ref: FirewallRuleRef = {
          ...ruleLocation(type, collection, collectionIndex, rule, ruleIndex),
          ownerId: firewall.id,
          ownerName: firewall.name,
          policyId: undefined,
          ruleCollectionGroupId: undefined,
          ruleCollectionGroupName: undefined,
          ruleCollectionGroupPriority: undefined,
        };
        collected.rules.push({
          sortKey: [stageOf(type), collection.priority ?? Number.MAX_SAFE_INTEGER, collectionIndex, ruleIndex],
          rule: compileRule(inv, ref, rule),
        });
      });
    });
  }
}

/** The parts of a rule's reference that policy and classic rules share; unnamed ones by position. */
function ruleLocation(
  type: FirewallRuleType,
  collection: FirewallRuleCollection,
  collectionIndex: number,
  rule: FirewallRule,
  ruleIndex: number,
) {
  return {
    ruleType: type,
    action: actionOf(type, collection.action ?? ''),
    collectionName: collection.name ?? `#${collectionIndex}`,
    collectionPriority: collection.priority,
    ruleName: rule.name ?? `#${ruleIndex}`,
  };
}

function compileRule(inv: Inventory, ref: FirewallRuleRef, rule: FirewallRule): CompiledRule {
  const stage = stageOf(ref.ruleType);
  const sources = addressesOf(inv, rule.sourceAddresses, rule.sourceIpGroups);
  const destinations = addressesOf(inv, rule.destinationAddresses, rule.destinationIpGroups);
  const portsAny = rule.destinationPorts.some((port) => port.trim() === '*');
  const unevaluated: string[] = [];
  if (stage === 2) {
    if (rule.fqdnTags.length > 0) unevaluated.push(`FQDN tags ${rule.fqdnTags.join(', ')}`);
    if (rule.webCategories.length > 0) unevaluated.push(`web categories ${rule.webCategories.join(', ')}`);
    if (rule.targetUrls.length > 0) unevaluated.push(`target URLs ${rule.targetUrls.join(', ')} (matched inside TLS)`);
  }
  return {
    ref,
    stage,
    allows: ref.action !== 'Deny',
    sourceAny: sources.any,
    sources: sources.addresses,
    missingSourceGroups: sources.missingGroups,
    l4: stage === 2 ? 0 : layer4Mask(rule.l4Protocols, portsAny),
    portsAny,
    ports: rule.destinationPorts.map(parsePortRange).filter((range): range is Interval => !!range),
    destinationAny: destinations.any,
    destinations: destinations.addresses,
    missingDestinationGroups: destinations.missingGroups,
    unplacedDestinations: destinations.unplaced,
    destinationFqdns: new Set(stage === 1 ? rule.destinationFqdns.map(normalizeFqdn) : []),
    appProtocols:
      stage === 2
        ? rule.appProtocols.flatMap((value) => {
            const protocol = appProtocolOf(value.protocolType);
            const port = value.port ?? defaultPort(protocol);
            return protocol && port !== undefined ? [{ protocol, port }] : [];
          })
        : [],
    targetFqdns: stage === 2 ? rule.targetFqdns.map(compileFqdnPattern) : [],
    unevaluated,
  };
}

/** Addresses and IP groups of one side of a rule; groups not in the snapshot are listed by name. */
function addressesOf(inv: Inventory, texts: readonly string[], groupIds: readonly string[]) {
  const intervals: Interval[] = [];
  const unplaced: string[] = [];
  const missingGroups: string[] = [];
  let any = false;
  const add = (text: string) => {
    const entry = parseAddressEntry(text);
    if (entry.kind === 'any') any = true;
    else if (entry.kind === 'ipv4') intervals.push(entry.interval);
    else if (!entry.text.includes(':')) unplaced.push(entry.text); // IPv6 never matches an IPv4 flow
  };
  texts.forEach(add);
  for (const id of groupIds) {
    const group = inv.ipGroups.get(normalizeId(id));
    if (group) group.ipAddresses.forEach(add);
    else missingGroups.push(id.split('/').pop() ?? id);
  }
  return { any, addresses: AddressSet.of(intervals), unplaced, missingGroups };
}

function stageOf(type: FirewallRuleType): 0 | 1 | 2 {
  return type === 'DNAT' ? 0 : type === 'Network' ? 1 : 2;
}

function actionOf(type: FirewallRuleType, action: string): FirewallRuleRef['action'] {
  if (type === 'DNAT') return 'DNAT';
  return action.toLowerCase() === 'deny' ? 'Deny' : 'Allow';
}

/** "If a destination port is explicitly configured, then the rule is translated to a TCP+UDP rule." */
function layer4Mask(protocols: readonly string[], portsAny: boolean): number {
  let mask = 0;
  for (const protocol of protocols.map((value) => value.trim().toLowerCase())) {
    if (protocol === 'tcp') mask |= TCP;
    else if (protocol === 'udp') mask |= UDP;
    else if (protocol === 'icmp') mask |= ICMP;
    else if (protocol === 'any') mask |= TCP | UDP | (portsAny ? ICMP : 0);
  }
  return mask;
}

function parsePortRange(text: string): Interval | undefined {
  const match = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(text);
  if (!match) return undefined;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return low <= high ? [low, high] : undefined;
}

function appProtocolOf(value: string | undefined): FirewallProtocol | undefined {
  switch (value?.toLowerCase()) {
    case 'http':
      return 'HTTP';
    case 'https':
      return 'HTTPS';
    case 'mssql':
      return 'MSSQL';
    default:
      return undefined;
  }
}

function defaultPort(protocol: FirewallProtocol | undefined): number | undefined {
  return protocol === 'HTTP' ? 80 : protocol === 'HTTPS' ? 443 : protocol === 'MSSQL' ? 1433 : undefined;
}

function hasClassicCollections(firewall: AzureFirewall): boolean {
  return Object.values(firewall.classicRuleCollections).some((collections) => collections.length > 0);
}

function compareKeys(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  for (let index = 0; index < a.length; index++) {
    const left = a[index]!;
    const right = b[index]!;
    if (left === right) continue;
    return typeof left === 'number' && typeof right === 'number'
      ? left - right
      : String(left).localeCompare(String(right));
  }
  return 0;
}
