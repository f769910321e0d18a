// The network security groups a flow from a client NIC to a private endpoint meets: on the way out,
// the NIC's NSG and then its subnet's; on the way in, the NSG of the endpoint's subnet, which
// applies to private endpoints only where the subnet's privateEndpointNetworkPolicies enable NSGs
// (`Enabled` or `NetworkSecurityGroupEnabled`; the default `Disabled` leaves them out). Inbound, the
// endpoint sees the firewall's address when the firewall SNATs the flow and the client's when not.
// https://learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy
// https://learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works
import { nameFromId, normalizeId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { NetworkSecurityGroup } from '../../inventory/security-types.js';
import type { AzureFirewall, NetworkInterface, PrivateEndpoint, Subnet } from '../../inventory/types.js';
import { hubOfFirewall } from '../../inventory/vwan.js';
import { endpointNics } from '../../inventory/topology.js';
import { AddressSet } from '../firewall/addresses.js';
import { evaluateNsg, type NsgDirection, type NsgFlow, type NsgProtocol, type NsgVerdict } from './evaluate.js';

/** Whether the endpoint sees the client's address (`client`), the firewall's (`firewall`), or either. */
export type SourceSeen = 'client' | 'firewall' | 'either';

export interface NsgHop {
  readonly direction: NsgDirection;
  /** Where the NSG is attached: the client's NIC or subnet, or the endpoint's subnet. */
  readonly attachedTo: 'nic' | 'subnet';
  readonly attachedId: string;
  readonly attachedName: string;
  readonly nsgId: string;
  readonly nsg: NetworkSecurityGroup | undefined;
  /** Undefined when the NSG was not read. */
  readonly verdict: NsgVerdict | undefined;
  /** The source the verdict is about (client or firewall addresses), for messages. */
  readonly source: string;
}

export interface NsgPathRequest {
  readonly nic: NetworkInterface | undefined;
  readonly subnet: Subnet;
  readonly sourceIp: string;
  readonly endpoint: PrivateEndpoint;
  readonly ip: string;
  readonly port: number;
  readonly protocol: NsgProtocol;
  /** The firewall on the way, if any, and whether it SNATs the flow. */
  readonly firewall: AzureFirewall | undefined;
  readonly seen: SourceSeen;
}

export interface NsgPath {
  readonly hops: readonly NsgHop[];
  /** Why the endpoint subnet's NSG does not apply, when it has one that does not. */
  readonly inboundSkipped: string | undefined;
}

export function nsgPolicyApplies(subnet: Subnet | undefined): boolean {
  const policy = (subnet?.privateEndpointNetworkPolicies ?? 'Disabled').toLowerCase();
  return policy === 'enabled' || policy === 'networksecuritygroupenabled';
}

export function nsgPath(inv: Inventory, request: NsgPathRequest): NsgPath {
  const { nic, subnet, sourceIp, endpoint, ip, port, protocol } = request;
  const endpointAsgs = endpointAsgKeys(inv, endpoint, ip);
  const sourceAsgs = new Set(
    (nic?.ipConfigurations.find((config) => config.privateIp === sourceIp)?.applicationSecurityGroupIds ?? []).map(
      normalizeId,
    ),
  );
  const outFlow: NsgFlow = {
    source: AddressSet.parse([sourceIp]),
    sourceAsgs,
    destination: AddressSet.parse([ip]),
    destinationAsgs: endpointAsgs,
    port,
    protocol,
  };
  const hops: NsgHop[] = [];
  const client = `${sourceIp}`;
  if (nic?.networkSecurityGroupId) {
    hops.push(
      hop(inv, 'Outbound', 'nic', nic.id, nic.name, nic.networkSecurityGroupId, outFlow, subnet.vnetKey, client),
    );
  }
  if (subnet.networkSecurityGroupId) {
    hops.push(
      hop(
        inv,
        'Outbound',
        'subnet',
        subnet.id,
        subnet.name,
        subnet.networkSecurityGroupId,
        outFlow,
        subnet.vnetKey,
        client,
      ),
    );
  }
  const endpointSubnet = inv.subnet(endpoint.subnetId);
  let inboundSkipped: string | undefined;
  if (endpointSubnet?.networkSecurityGroupId) {
    if (!nsgPolicyApplies(endpointSubnet)) {
      inboundSkipped = `subnet ${endpointSubnet.name} has privateEndpointNetworkPolicies ${endpointSubnet.privateEndpointNetworkPolicies}, so its NSG ${nameFromId(endpointSubnet.networkSecurityGroupId)} does not apply to private endpoints`;
    } else {
      const firewallSources = request.firewall ? snatAddresses(inv, request.firewall) : undefined;
      const candidates: { source: AddressSet; asgs: ReadonlySet<string>; label: string }[] = [];
      if (request.seen !== 'firewall' || !firewallSources)
        candidates.push({ source: outFlow.source, asgs: sourceAsgs, label: client });
      if (request.seen !== 'client' && firewallSources && request.firewall) {
        candidates.push({
          source: firewallSources,
          asgs: new Set(),
          label: `firewall ${request.firewall.name} (${firewallSources.toStrings().join(', ')})`,
        });
      }
      const vnetKey = endpointSubnet.vnetKey;
      const verdicts = candidates.map((candidate) =>
        hop(
          inv,
          'Inbound',
          'subnet',
          endpointSubnet.id,
          endpointSubnet.name,
          endpointSubnet.networkSecurityGroupId!,
          { ...outFlow, source: candidate.source, sourceAsgs: candidate.asgs },
          vnetKey,
          candidate.label,
        ),
      );
      hops.push(mergeHops(verdicts));
    }
  }
  return { hops, inboundSkipped };
}

function hop(
  inv: Inventory,
  direction: NsgDirection,
  attachedTo: 'nic' | 'subnet',
  attachedId: string,
  attachedName: string,
  nsgId: string,
  flow: NsgFlow,
  vnetKey: string,
  source: string,
): NsgHop {
  const nsg = inv.networkSecurityGroups.get(normalizeId(nsgId));
  const verdict = nsg ? evaluateNsg(inv, nsg, direction, flow, vnetKey) : undefined;
  return { direction, attachedTo, attachedId, attachedName, nsgId, nsg, verdict, source };
}

/** When the endpoint may see either source, the NSG decides only if both get the same verdict. */
function mergeHops(hops: readonly NsgHop[]): NsgHop {
  const [first, second] = hops;
  if (!second || !first?.verdict || !second.verdict) return first!;
  if (first.verdict.decision === second.verdict.decision && first.verdict.decision !== 'unknown') return first;
  const deny = [first, second].find((candidate) => candidate.verdict?.decision === 'Deny');
  return {
    ...first,
    source: `${first.source} or ${second.source}`,
    verdict: {
      decision: 'unknown',
      rule: deny?.verdict?.rule,
      reason: `whether the firewall SNATs the flow is unknown, and the NSG treats ${first.source} and ${second.source} differently`,
    },
  };
}

/**
 * The addresses a firewall SNATs to: its instances' addresses in AzureFirewallSubnet, or in a
 * secured hub's address space.
 */
export function snatAddresses(inv: Inventory, firewall: AzureFirewall): AddressSet | undefined {
  const prefixes = firewall.subnetIds.flatMap((id) => inv.subnet(id)?.addressPrefixes ?? []);
  if (prefixes.length > 0) return AddressSet.parse(prefixes);
  const hub = hubOfFirewall(inv, firewall);
  return hub?.addressPrefix ? AddressSet.parse([hub.addressPrefix]) : undefined;
}

/** Application security groups the endpoint's IP belongs to: set on the endpoint or on its NIC. */
function endpointAsgKeys(inv: Inventory, endpoint: PrivateEndpoint, ip: string): ReadonlySet<string> {
  const keys = new Set(endpoint.applicationSecurityGroupIds.map(normalizeId));
  for (const nic of endpointNics(inv, endpoint)) {
    for (const config of nic.ipConfigurations) {
      if (config.privateIp === ip) for (const id of config.applicationSecurityGroupIds) keys.add(normalizeId(id));
    }
  }
  return keys;
}
