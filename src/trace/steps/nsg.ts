// Steps for the network security groups on the path: the client NIC's and subnet's NSGs on the way
// out, and the endpoint subnet's NSG on the way in (or why it does not apply), each with the rule
// that decided. No NSG on the path, no step.
import type { Inventory } from '../../inventory/inventory.js';
import type { AzureFirewall, PrivateEndpoint } from '../../inventory/types.js';
import { nsgPath, throughFirewall, type NsgHop } from '../../net/nsg/index.js';
import type { ResolvedFlow } from './firewall.js';
import { azTarget, shellWord } from './commands.js';
import { stepOf, type TraceStep } from './step.js';

export interface NsgSteps {
  readonly outbound: readonly TraceStep[];
  readonly inbound: readonly TraceStep[];
}

const none: NsgSteps = { outbound: [], inbound: [] };

export function nsgSteps(
  inv: Inventory,
  flow: ResolvedFlow,
  endpoint: PrivateEndpoint | undefined,
  firewall: AzureFirewall | undefined,
): NsgSteps {
  if (!endpoint) return none;
  const { source, fqdn, ip, port, protocol } = flow;
  const seen = firewall
    ? throughFirewall(inv, source.subnet, [firewall], { sourceIp: source.address, fqdn, ip, port, protocol }).seen
    : 'client';
  const path = nsgPath(inv, {
    nic: inv.nic(source.resourceId),
    subnet: source.subnet,
    sourceIp: source.address,
    endpoint,
    ip,
    port,
    protocol: protocol === 'UDP' ? 'UDP' : 'TCP',
    firewall,
    seen,
  });
  const outbound = path.hops.filter((hop) => hop.direction === 'Outbound').map((hop) => hopStep(hop, ip, port));
  const inbound = path.hops.filter((hop) => hop.direction === 'Inbound').map((hop) => hopStep(hop, ip, port));
  if (path.inboundSkipped) inbound.push(stepOf('nsg', 'NSG of the endpoint subnet').skipped(path.inboundSkipped));
  return { outbound, inbound };
}

function hopStep(hop: NsgHop, ip: string, port: number): TraceStep {
  const name = hop.nsg?.name ?? hop.nsgId.split('/').pop() ?? hop.nsgId;
  const step = stepOf('nsg', `NSG ${name} (${hop.direction.toLowerCase()}, ${hop.attachedTo} ${hop.attachedName})`);
  const resources = [hop.nsgId, hop.attachedId];
  const what = `${hop.source} to ${ip} on TCP ${port}`;
  const verdict = hop.verdict;
  if (!verdict)
    return step.unknown(`NSG ${name} was not read, so whether it lets ${what} through is unknown.`, resources);
  if (verdict.decision === 'unknown')
    return step.unknown(`NSG ${name} may decide either way for ${what}: ${verdict.reason}.`, resources);
  const rule = `${verdict.rule.isDefault ? 'default rule' : 'rule'} ${verdict.rule.name} (priority ${verdict.rule.priority ?? 'unset'})`;
  if (verdict.decision === 'Allow') return step.ok(`NSG ${name} allows ${what} by ${rule}.`, resources);
  return step.broken(
    `NSG ${name} denies ${what} by ${rule}.`,
    resources,
    `Add an ${hop.direction.toLowerCase()} Allow rule to NSG ${name} for ${ip} on TCP ${port} with a priority number below ${verdict.rule.priority ?? 'that rule'}: az network nsg rule create ${azTarget(hop.nsgId)} --nsg-name ${shellWord(name)} --name allow-private-endpoint-${port} --priority ${Math.max(100, (verdict.rule.priority ?? 200) - 10)} --direction ${hop.direction} --access Allow --protocol Tcp --destination-address-prefixes ${ip}/32 --destination-port-ranges ${port}`,
  );
}
