// What a hub firewall does with the flows of one consumer subnet along one rule path, judged once
// and shared by every destination whose plan follows that path (see flows.ts).
import { normalizeId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { Subnet } from '../../inventory/types.js';
import { parseIpv4 } from '../cidr.js';
import type { Inconclusive } from '../inconclusive.js';
import { AddressSet } from './addresses.js';
import {
  judgePath,
  type CompiledFirewall,
  type FirewallJudgment,
  type FirewallProtocol,
  type FirewallVerdict,
  type RulePath,
} from './index.js';

/** A consumer subnet as a source of flows. */
export interface Sender {
  readonly subnet: Subnet;
  readonly sources: AddressSet;
  readonly workloadIps: readonly string[];
  readonly workloadAddresses: readonly number[];
}

/** What a firewall does with the flows of one sender along one rule path. */
export interface Judged {
  readonly evaluation: FirewallJudgment;
  readonly verdicts: readonly FirewallVerdict[];
  readonly resolvesName: boolean;
  readonly denied: boolean;
  readonly allowedByNetworkRule: boolean;
  /** Set when the judgment depends on data not read. */
  readonly unjudged: { readonly key: string; readonly entry: Inconclusive } | undefined;
}

/**
 * Judgments by rule path and sender. Estates where nearly every destination has a rule path of its
 * own gain nothing from keeping them, so the cache starts over past a bound instead of growing with
 * subnets times endpoints.
 */
export class Judgments {
  static readonly bound = 20_000;
  #byPath = new Map<RulePath, Map<Sender, Judged>>();
  #size = 0;

  of(path: RulePath, sender: Sender, compiled: CompiledFirewall, protocol: FirewallProtocol): Judged {
    let bySender = this.#byPath.get(path);
    let judged = bySender?.get(sender);
    if (judged) return judged;
    if (this.#size >= Judgments.bound) {
      this.#byPath.clear();
      this.#size = 0;
      bySender = undefined;
    }
    if (!bySender) this.#byPath.set(path, (bySender = new Map()));
    judged = judge(path, sender, compiled, protocol);
    bySender.set(sender, judged);
    this.#size++;
    return judged;
  }
}

function judge(path: RulePath, sender: Sender, compiled: CompiledFirewall, protocol: FirewallProtocol): Judged {
  const evaluation = judgePath(path, sender.sources);
  const { workloadAddresses } = sender;
  const verdicts =
    workloadAddresses.length === 0
      ? evaluation.verdicts
      : evaluation.verdicts.filter((verdict) => workloadAddresses.some((address) => verdict.sources.has(address)));
  const reason =
    evaluation.inconclusive &&
    `Cannot judge traffic through Azure Firewall ${compiled.firewall.name}: ${evaluation.inconclusive}.`;
  return {
    evaluation,
    verdicts,
    resolvesName: firewallResolvesName(evaluation, verdicts, protocol),
    denied: verdicts.some((verdict) => verdict.decision === 'Deny'),
    allowedByNetworkRule: verdicts.some(
      (verdict) =>
        verdict.decision === 'Allow' && verdict.match.kind === 'rule' && verdict.match.rule.ruleType === 'Network',
    ),
    unjudged: reason
      ? { key: `${compiled.configId}|${reason}`, entry: { inconclusive: reason, resourceId: compiled.configId } }
      : undefined,
  };
}

/**
 * Whether the firewall resolves the endpoint's name itself for a flow: application rules always
 * do, FQDN network rules do, network rules that match the packet's address do not. A flow that is
 * denied (or cannot be judged) counts, since the rule that will let it through is likely an
 * application rule.
 */
function firewallResolvesName(
  evaluation: FirewallJudgment,
  verdicts: readonly FirewallVerdict[],
  protocol: FirewallProtocol,
): boolean {
  if (evaluation.inconclusive) return true;
  const layer7 = protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'ICMP';
  return verdicts.some((verdict) => {
    if (verdict.match.kind !== 'rule') return layer7;
    const { rule, matchedBy } = verdict.match;
    if (rule.ruleType === 'Application') return true;
    if (rule.ruleType === 'Network' && matchedBy === 'fqdn') return true;
    return layer7 && verdict.decision === 'Deny';
  });
}

export function senderOf(inv: Inventory, subnet: Subnet): Sender {
  const workloadIps = workloadIpsOf(inv, subnet);
  const workloadAddresses = workloadIps.map((ip) => parseIpv4(ip)!);
  return { subnet, sources: sourcesOf(subnet, workloadIps), workloadIps, workloadAddresses };
}

function workloadIpsOf(inv: Inventory, subnet: Subnet): string[] {
  const ips = inv
    .workloadNicsInSubnet(subnet)
    .flatMap((nic) => nic.ipConfigurations)
    .filter((config) => config.subnetId && normalizeId(config.subnetId) === subnet.key)
    .map((config) => config.privateIp)
    .filter((ip): ip is string => ip !== undefined && parseIpv4(ip) !== undefined);
  return [...new Set(ips)].sort();
}

function sourcesOf(subnet: Subnet, workloadIps: readonly string[]): AddressSet {
  const prefixes = AddressSet.parse(subnet.addressPrefixes);
  return prefixes.isEmpty ? AddressSet.parse(workloadIps) : prefixes;
}
