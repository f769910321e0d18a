// The steps at each Azure Firewall traffic crosses: the rule that decides the flow and the
// firewall's own resolution of the name when it connects by name (its route onwards: ./hops.ts).
import type { Inventory } from '../../inventory/inventory.js';
import type { AzureFirewall } from '../../inventory/types.js';
import { hubOfFirewall } from '../../inventory/vwan.js';
import { resolveAlongPaths } from '../../net/dns/dns-resolve.js';
import {
  describeMatch,
  evaluateFirewall,
  snatApplies,
  type FirewallEvaluation,
  type FirewallProtocol,
} from '../../net/firewall/index.js';
import { firewallResolutionPaths } from '../../net/dns/resolvers.js';
import type { TraceSource } from '../source.js';
import { stepOf, type JudgedSteps, type TraceStep } from './step.js';

const firewallRule = stepOf('firewall', 'Firewall rule');
const firewallDns = stepOf('firewallDns', "Firewall's own resolution");
export const firewallRoute = stepOf('firewallRoute', 'Route from the firewall');

/** The traced flow once its name has resolved to a private IP, or to an IP given as such. */
export interface ResolvedFlow {
  readonly source: TraceSource;
  /** The name the client connects by; undefined when it connects to the IP itself. */
  readonly fqdn: string | undefined;
  readonly ip: string;
  readonly port: number;
  readonly protocol: FirewallProtocol;
}

/** The rule that decides the flow at a firewall and the firewall's own resolution of the name. */
export function firewallSteps(inv: Inventory, firewall: AzureFirewall, flow: ResolvedFlow): JudgedSteps {
  if (flow.source.onPremises) {
    const reason = `the sources of on-premises traffic are not in the snapshot, so which rule of ${firewall.name} matches cannot be told`;
    return {
      steps: [
        firewallRule.unknown(`${firewall.name}: ${reason}.`, [firewall.policyId ?? firewall.id]),
        firewallDns.skipped('the rule that matches is unknown'),
      ],
      assumptions: [],
    };
  }
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
    steps: [ruleStep(firewall, evaluation, snat, flow), ownResolutionStep(inv, firewall, flow, connectsByName)],
    assumptions: evaluation.assumptions,
  };
}

/** The firewall steps when no firewall judges the flow. */
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
