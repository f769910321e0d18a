// The NSG verdicts on every flow from a consumer's workload NIC to a private endpoint: each NIC IP
// in each consumer subnet, to each endpoint IP on the service's port, through the hub firewall when
// the route leads there (which decides the source the endpoint's subnet sees). Walked once per
// inventory and context for the check, kept only where an NSG denies the flow or cannot be judged.
import type { CheckContext } from '../../inventory/context.js';
import { normalizeId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventoryKey } from '../../inventory/memo.js';
import type { AzureFirewall, NetworkInterface, PrivateEndpoint, Subnet } from '../../inventory/types.js';
import { parseIpv4 } from '../cidr.js';
import { endpointDnsExpectations } from '../dns/private-dns.js';
import { endpointConsumers } from '../endpoints/endpoint-consumers.js';
import { evaluateFirewall, snatApplies, type FirewallProtocol } from '../firewall/index.js';
import { firewallRouting } from '../firewall/routing.js';
import { servicePortsOf } from '../firewall/service-ports.js';
import type { NsgProtocol } from './evaluate.js';
import { nsgPath, nsgPolicyApplies, type NsgHop, type SourceSeen } from './path.js';

export interface NsgEndpointFlow {
  readonly endpoint: PrivateEndpoint;
  readonly subnet: Subnet;
  readonly nic: NetworkInterface | undefined;
  readonly sourceIp: string;
  readonly ip: string;
  readonly port: number;
  readonly protocol: NsgProtocol;
  /** The hop that denies the flow or cannot be judged (the first such along the path). */
  readonly hop: NsgHop;
}

/** Flows an NSG denies, and flows whose NSG verdict is open, in endpoint and subnet order. */
export function nsgEndpointFlows(inv: Inventory, ctx: CheckContext): readonly NsgEndpointFlow[] {
  return byContext(inv, ctx);
}

const byContext = memoByInventoryKey((inv: Inventory, ctx: CheckContext): readonly NsgEndpointFlow[] => {
  const kept: NsgEndpointFlow[] = [];
  // Senders per subnet, and whether any of them meets an NSG of its own: worked out once.
  const sendersBySubnet = new Map<string, { senders: Sender[]; ownNsg: boolean }>();
  const sendersIn = (subnet: Subnet) => {
    let found = sendersBySubnet.get(subnet.key);
    if (!found) {
      const senders = sendersOf(inv, subnet);
      const ownNsg = !!subnet.networkSecurityGroupId || senders.some(({ nic }) => !!nic?.networkSecurityGroupId);
      sendersBySubnet.set(subnet.key, (found = { senders, ownNsg }));
    }
    return found;
  };
  for (const { endpoint, ips, subnets, firewalls } of endpointConsumers(inv, ctx)) {
    if (ips.length === 0 || subnets.length === 0) continue;
    const { fqdn, port, protocol } = serviceOf(inv, endpoint);
    const endpointSubnet = inv.subnet(endpoint.subnetId);
    const inbound = !!endpointSubnet?.networkSecurityGroupId && nsgPolicyApplies(endpointSubnet);
    for (const subnet of subnets) {
      const { senders, ownNsg } = sendersIn(subnet);
      if (!inbound && !ownNsg) continue;
      for (const { nic, sourceIp } of senders) {
        // Most flows meet no NSG at all: skip them before asking routes and the firewall.
        if (!inbound && !subnet.networkSecurityGroupId && !nic?.networkSecurityGroupId) continue;
        for (const ip of ips) {
          const { firewall, seen } = inbound
            ? throughFirewall(inv, subnet, firewalls, { sourceIp, fqdn, ip, port, protocol })
            : { firewall: undefined, seen: 'client' as const };
          const nsgProtocol: NsgProtocol = protocol === 'UDP' ? 'UDP' : 'TCP';
          const path = nsgPath(inv, {
            nic,
            subnet,
            sourceIp,
            endpoint,
            ip,
            port,
            protocol: nsgProtocol,
            firewall,
            seen,
          });
          const hop = path.hops.find((candidate) => candidate.verdict?.decision !== 'Allow');
          if (hop) kept.push({ endpoint, subnet, nic, sourceIp, ip, port, protocol: nsgProtocol, hop });
        }
      }
    }
  }
  return kept;
});

/** The service's port and protocol, and the name clients use for it. */
export function serviceOf(
  inv: Inventory,
  endpoint: PrivateEndpoint,
): { fqdn: string | undefined; port: number; protocol: FirewallProtocol } {
  const expectation = endpointDnsExpectations(inv, endpoint)[0];
  const service = expectation ? servicePortsOf(expectation.targetType, expectation.groupId)[0] : undefined;
  return {
    fqdn: expectation?.names[0]?.fqdn,
    port: service?.port ?? 443,
    protocol: service?.protocol ?? 'HTTPS',
  };
}

/** Each workload NIC IP in the subnet, or the subnet's prefix when it holds no NIC plaudit read. */
interface Sender {
  readonly nic: NetworkInterface | undefined;
  readonly sourceIp: string;
}

function sendersOf(inv: Inventory, subnet: Subnet): Sender[] {
  const senders: Sender[] = [];
  for (const nic of inv.workloadNicsInSubnet(subnet)) {
    for (const config of nic.ipConfigurations) {
      if (!config.privateIp || parseIpv4(config.privateIp) === undefined) continue;
      if (config.subnetId && normalizeId(config.subnetId) === subnet.key)
        senders.push({ nic, sourceIp: config.privateIp });
    }
  }
  if (senders.length === 0 && subnet.addressPrefixes[0])
    senders.push({ nic: undefined, sourceIp: subnet.addressPrefixes[0] });
  return senders;
}

/**
 * The firewall the route sends the flow to, and the source the endpoint then sees: the firewall's
 * when the rule that lets the flow through SNATs it (application rules always, network rules
 * outside the private ranges), the client's when not, either when that cannot be told.
 */
export function throughFirewall(
  inv: Inventory,
  subnet: Subnet,
  firewalls: readonly AzureFirewall[],
  flow: { sourceIp: string; fqdn: string | undefined; ip: string; port: number; protocol: FirewallProtocol },
): { firewall: AzureFirewall | undefined; seen: SourceSeen } {
  if (firewalls.length === 0) return { firewall: undefined, seen: 'client' };
  const routing = firewallRouting(inv, subnet, flow.ip, firewalls);
  if (routing.kind === 'elsewhere') return { firewall: undefined, seen: 'client' };
  if (routing.kind === 'unknown') return { firewall: firewalls[0], seen: 'either' };
  const firewall = routing.firewall;
  const evaluation = evaluateFirewall(inv, firewall, {
    sourceIp: flow.sourceIp,
    destination: { fqdn: flow.fqdn, ip: flow.ip },
    port: flow.port,
    protocol: flow.protocol,
  });
  if (evaluation.inconclusive || evaluation.decision !== 'Allow' || evaluation.match.kind !== 'rule') {
    return { firewall, seen: 'either' };
  }
  const snat = snatApplies(inv, firewall, flow.ip, evaluation.match.rule.ruleType);
  return { firewall, seen: snat === undefined ? 'either' : snat ? 'firewall' : 'client' };
}
