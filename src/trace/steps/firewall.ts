// Steps 7-9 for traffic routed through an Azure Firewall: the rule that decides the flow, the
// firewall's own resolution of the name when it connects by name, and its route onwards.
import type { Inventory } from '../../inventory/inventory.js';
import type { VirtualHub } from '../../inventory/security-types.js';
import type { AzureFirewall } from '../../inventory/types.js';
import { hubOfFirewall } from '../../inventory/vwan.js';
import { hubReach } from '../../net/vwan/hub-reach.js';
import { resolveAlongPaths } from '../../net/dns/dns-resolve.js';
import {
  describeMatch,
  evaluateFirewall,
  snatApplies,
  type FirewallEvaluation,
  type FirewallProtocol,
} from '../../net/firewall/index.js';
import { firewallResolutionPaths } from '../../net/dns/resolvers.js';
import { describeRoute, nextHop, routeTo } from '../../net/routing/index.js';
import type { TraceSource } from '../source.js';
import { stepOf, type JudgedSteps, type TraceStep } from './step.js';

const firewallRule = stepOf('firewall', 'Firewall rule');
const firewallDns = stepOf('firewallDns', "Firewall's own resolution");
const firewallRoute = stepOf('firewallRoute', 'Route from the firewall');

/** The traced flow once its name has resolved to a private IP, or to an IP given as such. */
export interface ResolvedFlow {
  readonly source: TraceSource;
  /** The name the client connects by; undefined when it connects to the IP itself. */
  readonly fqdn: string | undefined;
  readonly ip: string;
  readonly port: number;
  readonly protocol: FirewallProtocol;
}

export function firewallSteps(inv: Inventory, firewall: AzureFirewall, flow: ResolvedFlow): JudgedSteps {
  const evaluation = evaluateFirewall(inv, firewall, {
    sourceIp: flow.source.address,
    destination: { fqdn: flow.fqdn, ip: flow.ip },
    port: flow.port,
    protocol: flow.protocol,
  });
  const snat =
    evaluation.match.kind === 'rule' ? snatApplies(inv, firewall, flow.ip, evaluation.match.rule.ruleType) : true;
  const connectsByName = evaluation.match.kind === 'rule' && evaluation.match.matchedBy === 'fqdn';
  return {
    steps: [
      ruleStep(firewall, evaluation, snat, flow),
      ownResolutionStep(inv, firewall, flow, connectsByName),
      onwardRouteStep(inv, firewall, flow.ip),
    ],
    assumptions: evaluation.assumptions,
  };
}

/** Steps 7-9 when no firewall judges the flow. */
export function firewallStepsSkipped(reason: string): readonly TraceStep[] {
  return [firewallRule.skipped(reason), firewallDns.skipped(reason), firewallRoute.skipped(reason)];
}

function ruleStep(
  firewall: AzureFirewall,
  evaluation: FirewallEvaluation,
  snat: boolean | undefined,
  { source, fqdn, ip, port, protocol }: ResolvedFlow,
): TraceStep {
  const resources = [firewall.policyId ?? firewall.id];
  const what = `${source.address} to ${fqdn ?? ip} on ${protocol} ${port}`;
  if (evaluation.inconclusive) return firewallRule.unknown(`${firewall.name}: ${evaluation.inconclusive}`, resources);
  if (evaluation.decision === 'Allow') {
    // Without SNAT the endpoint answers the client directly, and the reply may bypass the firewall.
    const asymmetric =
      snat === false
        ? '; the firewall does not SNAT it, so replies can bypass the firewall'
        : snat === undefined
          ? '; whether the firewall SNATs it is unknown (learned private ranges)'
          : '';
    return (snat === true ? firewallRule.ok : firewallRule.warning)(
      `${firewall.name} allows ${what} by ${describeMatch(evaluation.match)}${asymmetric}.`,
      resources,
    );
  }
  return firewallRule.broken(
    `${firewall.name} denies ${what} by ${describeMatch(evaluation.match)}.`,
    resources,
    fqdn
      ? `Allow it with an application rule for ${fqdn} (${protocol}:${port}) from ${source.subnet.addressPrefixes[0] ?? source.address}, in a collection processed before any Deny that matches.`
      : `Allow it with a network rule to ${ip} (TCP ${port}) from ${source.subnet.addressPrefixes[0] ?? source.address}, in a collection processed before any Deny that matches.`,
  );
}

/** A rule matched by name makes the firewall resolve the name itself and connect to its own answer. */
function ownResolutionStep(
  inv: Inventory,
  firewall: AzureFirewall,
  { fqdn, ip }: ResolvedFlow,
  connectsByName: boolean,
): TraceStep {
  if (!connectsByName || !fqdn)
    return firewallDns.skipped(
      'the rule that matched is not by name, so the firewall connects to the IP the client used',
    );
  const [resolution] = resolveAlongPaths(inv, firewallResolutionPaths(inv, firewall), fqdn);
  if (!resolution) return firewallDns.unknown(`The VNet of ${firewall.name} is not known.`, [firewall.id]);
  const result = resolution.result;
  if (result.kind === 'private' && result.ips.includes(ip)) {
    return firewallDns.ok(
      `${firewall.name} resolves ${fqdn} through ${resolution.resolver} to ${result.ips.join(', ')} as well.`,
      [result.zone.id],
    );
  }
  if (result.kind === 'unknown') return firewallDns.unknown(result.reason, [firewall.id]);
  const vnet = resolution.resolvingVnet;
  const got =
    result.kind === 'private'
      ? result.ips.join(', ')
      : result.kind === 'nxdomain'
        ? 'nothing (NXDOMAIN)'
        : 'the public address';
  return firewallDns.broken(
    `${firewall.name} connects to what its own DNS returns: ${resolution.resolver} resolves ${fqdn} to ${got}, not ${ip}.`,
    [firewall.id, ...(vnet ? [vnet.id] : [])],
    vnet || firewall.subnetIds.length > 0 || !hubOfFirewall(inv, firewall)
      ? `Link the privatelink zone to ${vnet?.name ?? "the firewall's DNS VNet"} so the firewall resolves the private address.`
      : `A secured virtual hub cannot be linked to private DNS zones: set the DNS servers of ${firewall.policyId ? `firewall policy ${firewall.policyId.split('/').pop()}` : firewall.name} to a resolver in a VNet linked to the privatelink zone.`,
  );
}

function onwardRouteStep(inv: Inventory, firewall: AzureFirewall, ip: string): TraceStep {
  const hub = hubOfFirewall(inv, firewall);
  if (hub && firewall.subnetIds.length === 0) return hubRouteStep(inv, hub, firewall, ip);
  const subnet = inv.subnet(firewall.subnetIds[0]);
  if (!subnet) return firewallRoute.unknown(`The subnet of ${firewall.name} is not in the snapshot.`, [firewall.id]);
  const decision = routeTo(inv, subnet, ip);
  const winner = decision.winner;
  const resources = [subnet.id];
  if (decision.unknown) return firewallRoute.unknown(decision.unknown, resources);
  // Without a Connected peering, the endpoint's IP falls to the firewall subnet's default route to
  // the internet, or to no route at all.
  if (!winner || winner.nextHopType === nextHop.none || winner.nextHopType === nextHop.internet) {
    return firewallRoute.broken(
      `From ${subnet.name}, ${winner ? describeRoute(winner) : 'no route'} ${winner ? 'takes' : 'covers'} ${ip}: the peering to the endpoint's VNet is missing or not Connected.`,
      resources,
      'Reconnect the hub-to-endpoint-spoke peering (delete the Disconnected side and create the peering again on both VNets).',
    );
  }
  return firewallRoute.ok(`From ${subnet.name}, ${describeRoute(winner)} delivers ${ip}.`, resources);
}

/** A secured hub's firewall hands the packet to the hub, which delivers it over a hub connection. */
function hubRouteStep(inv: Inventory, hub: VirtualHub, firewall: AzureFirewall, ip: string): TraceStep {
  const reach = hubReach(inv, hub, ip);
  if (reach.kind === 'unknown') return firewallRoute.unknown(reach.reason, [hub.id]);
  if (reach.kind === 'none') {
    return firewallRoute.broken(
      `Virtual hub ${hub.name} of ${firewall.name} has no hub connection in its virtual WAN to a VNet holding ${ip}.`,
      [hub.id],
      `Connect the endpoint's VNet to the hub: az network vhub connection create --vhub-name ${hub.name} --name conn-<vnet> --remote-vnet <endpoint vnet id> --resource-group <hub rg>`,
    );
  }
  return firewallRoute.ok(
    `Virtual hub ${hub.name} delivers ${ip} over hub connection ${reach.connection.name} to VNet ${reach.vnet.name}.`,
    [hub.id, reach.connection.id],
  );
}
