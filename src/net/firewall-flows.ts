// The flows a hub firewall must pass for private endpoints: from each consumer subnet whose route
// table sends an endpoint's IP to the firewall, to each of the endpoint's public names, on the
// service's port. Each flow is judged once (per inventory and context) and shared by the
// firewall checks.
//
// "Through the firewall" is decided by the effective route from the subnet to the endpoint IP
// (src/net/routes.ts): its winner must be a user route whose next hop is the firewall's private IP.
import type { CheckContext } from '../engine/context.js';
import { normalizeId } from '../ids.js';
import type { Inventory } from '../inventory/inventory.js';
import { consumerSubnetsOf, endpointIps, hubFirewallsFor } from '../inventory/topology.js';
import type { AzureFirewall, PrivateEndpoint, Subnet } from '../inventory/types.js';
import { nextHop, routeTo, type EffectiveRoute } from './routes.js';
import { AddressSet, ipv4ToNumber } from './firewall-addresses.js';
import {
  compileFirewall,
  evaluatePlan,
  planFor,
  type CompiledFirewall,
  type FirewallEvaluation,
  type FirewallProtocol,
  type FirewallVerdict,
} from './firewall.js';
import { endpointDnsExpectations } from './private-dns.js';

export interface ServicePort {
  readonly protocol: FirewallProtocol;
  readonly port: number;
}

// Ports clients use through a private endpoint, by (target type, group id); HTTPS 443 otherwise.
const servicePorts: ReadonlyMap<string, readonly ServicePort[]> = new Map([
  ['microsoft.sql/servers|sqlserver', [{ protocol: 'MSSQL', port: 1433 }]],
  ['microsoft.sql/managedinstances|managedinstance', [{ protocol: 'MSSQL', port: 1433 }]],
  ['microsoft.synapse/workspaces|sql', [{ protocol: 'MSSQL', port: 1433 }]],
  ['microsoft.synapse/workspaces|sqlondemand', [{ protocol: 'MSSQL', port: 1433 }]],
  ['microsoft.storage/storageaccounts|file', [{ protocol: 'TCP', port: 445 }]],
  ['microsoft.dbforpostgresql/flexibleservers|postgresqlserver', [{ protocol: 'TCP', port: 5432 }]],
  ['microsoft.dbforpostgresql/servers|postgresqlserver', [{ protocol: 'TCP', port: 5432 }]],
  ['microsoft.dbforpostgresql/servergroupsv2|coordinator', [{ protocol: 'TCP', port: 5432 }]],
  ['microsoft.dbformysql/flexibleservers|mysqlserver', [{ protocol: 'TCP', port: 3306 }]],
  ['microsoft.dbformysql/servers|mysqlserver', [{ protocol: 'TCP', port: 3306 }]],
  ['microsoft.dbformariadb/servers|mariadbserver', [{ protocol: 'TCP', port: 3306 }]],
  ['microsoft.cache/redis|rediscache', [{ protocol: 'TCP', port: 6380 }]],
  ['microsoft.cache/redisenterprise|redisenterprise', [{ protocol: 'TCP', port: 10000 }]],
  ['microsoft.documentdb/databaseaccounts|mongodb', [{ protocol: 'TCP', port: 10255 }]],
  ['microsoft.documentdb/databaseaccounts|cassandra', [{ protocol: 'TCP', port: 10350 }]],
  ['microsoft.documentdb/mongoclusters|mongocluster', [{ protocol: 'TCP', port: 10260 }]],
]);

const https: readonly ServicePort[] = [{ protocol: 'HTTPS', port: 443 }];

export function servicePortsOf(targetType: string, groupId: string): readonly ServicePort[] {
  return servicePorts.get(`${targetType.toLowerCase()}|${groupId.toLowerCase()}`) ?? https;
}

/** One flow from a consumer subnet, through a firewall, to one name and IP of an endpoint. */
export interface EndpointFlow {
  readonly endpoint: PrivateEndpoint;
  readonly subnet: Subnet;
  readonly firewall: AzureFirewall;
  /** The effective route that sends the endpoint IP to the firewall. */
  readonly route: EffectiveRoute;
  readonly fqdn: string;
  readonly ip: string;
  readonly service: ServicePort;
  /** The subnet's IPv4 prefixes (or its workload IPs when it has none). */
  readonly sources: AddressSet;
  /** Workload NIC IPs in the subnet: the addresses that really send. */
  readonly workloadIps: readonly string[];
}

export interface JudgedFlow extends EndpointFlow {
  readonly compiled: CompiledFirewall;
  readonly evaluation: FirewallEvaluation;
  /** The verdicts that cover a workload IP (all verdicts when the subnet has no known workload IP). */
  readonly verdicts: readonly FirewallVerdict[];
}

export interface Inconclusive {
  readonly inconclusive: string;
  readonly resourceId: string;
}

export interface Inconclusive {
  readonly inconclusive: string;
  readonly resourceId: string;
}

export interface FlowGap {
  readonly resourceId: string;
  /** A sentence for an inconclusive check result. */
  readonly reason: string;
}

export interface FirewalledFlows {
  readonly flows: readonly JudgedFlow[];
  /** Pairs plaudit could not place on or off the firewall (a route table or endpoint name not read). */
  readonly gaps: readonly FlowGap[];
}

const judgedByInventory = new WeakMap<Inventory, WeakMap<CheckContext, FirewalledFlows>>();

/** Every endpoint flow that a hub firewall handles, judged against that firewall's rules. */
export function firewalledEndpointFlows(inv: Inventory, ctx: CheckContext): FirewalledFlows {
  let byContext = judgedByInventory.get(inv);
  if (!byContext) judgedByInventory.set(inv, (byContext = new WeakMap()));
  let result = byContext.get(ctx);
  if (!result) byContext.set(ctx, (result = judgeAll(inv, ctx)));
  return result;
}

export type FirewallRouting =
  | { readonly kind: 'firewall'; readonly firewall: AzureFirewall; readonly route: EffectiveRoute }
  | { readonly kind: 'elsewhere' }
  | { readonly kind: 'unknown'; readonly reason: string };

/** Whether the effective route from a subnet to an endpoint IP goes to one of the firewalls. */
export function firewallRouting(
  inv: Inventory,
  subnet: Subnet,
  ip: string,
  firewalls: readonly AzureFirewall[],
): FirewallRouting {
  const decision = routeTo(inv, subnet, ip);
  if (decision.unknown) return { kind: 'unknown', reason: decision.unknown };
  const winner = decision.winner;
  if (!winner || winner.nextHopType !== nextHop.virtualAppliance || !winner.nextHopIp) return { kind: 'elsewhere' };
  const firewall = firewalls.find((candidate) => candidate.privateIps.includes(winner.nextHopIp!));
  return firewall ? { kind: 'firewall', firewall, route: winner } : { kind: 'elsewhere' };
}

function judgeAll(inv: Inventory, ctx: CheckContext): FirewalledFlows {
  const flows: JudgedFlow[] = [];
  const gaps: FlowGap[] = [];
  const bySubnet = new Map<string, { workloadIps: readonly string[]; sources: AddressSet }>();
  for (const endpoint of [...inv.privateEndpoints.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    const firewalls = hubFirewallsFor(inv, ctx, endpoint);
    if (firewalls.length === 0) continue;
    const subnets = consumerSubnetsOf(inv, ctx, endpoint);
    if (subnets.length === 0) continue;
    const fallbackIps = endpointIps(inv, endpoint);
    const names = endpointDnsExpectations(inv, endpoint).flatMap((expectation) =>
      expectation.names.map((name) => ({
        fqdn: name.fqdn,
        ips: name.ips.length > 0 ? name.ips : fallbackIps,
        services: servicePortsOf(expectation.targetType, expectation.groupId),
      })),
    );
    for (const subnet of subnets) {
      let senders = bySubnet.get(subnet.key);
      if (!senders) {
        const ips = workloadIpsOf(inv, subnet);
        bySubnet.set(subnet.key, (senders = { workloadIps: ips, sources: sourcesOf(subnet, ips) }));
      }
      const { workloadIps, sources } = senders;
      if (sources.isEmpty) continue;
      if (names.length === 0) {
        const routed = fallbackIps.some((ip) => firewallRouting(inv, subnet, ip, firewalls).kind === 'firewall');
        if (routed) {
          gaps.push({
            resourceId: endpoint.id,
            reason: `Private endpoint ${endpoint.name} has no FQDN in the snapshot (no NIC FQDNs or customDnsConfigs), so its traffic through the firewall cannot be judged.`,
          });
        }
        continue;
      }
      for (const name of names) {
        for (const ip of name.ips) {
          const routing = firewallRouting(inv, subnet, ip, firewalls);
          if (routing.kind === 'unknown') {
            gaps.push({
              resourceId: subnet.id,
              reason: `The ${routing.reason}, so plaudit cannot tell whether subnet ${subnet.name} reaches ${ip} through a firewall.`,
            });
            continue;
          }
          if (routing.kind !== 'firewall') continue;
          const compiled = compileFirewall(inv, routing.firewall);
          for (const service of name.services) {
            const plan = planFor(compiled, { fqdn: name.fqdn, ip }, service.port, service.protocol);
            const evaluation = evaluatePlan(plan, sources);
            const verdicts =
              workloadIps.length === 0
                ? evaluation.verdicts
                : evaluation.verdicts.filter((verdict) =>
                    workloadIps.some((workload) => verdict.sources.hasIp(workload)),
                  );
            flows.push({
              endpoint,
              subnet,
              firewall: routing.firewall,
              route: routing.route,
              fqdn: name.fqdn,
              ip,
              service,
              sources,
              workloadIps,
              compiled,
              evaluation,
              verdicts,
            });
          }
        }
      }
    }
  }
  return { flows, gaps: dedupeGaps(gaps) };
}

/**
 * The flows whose evaluation can be trusted, and one inconclusive result per gap and per firewall
 * whose rules depend on data not read (a policy, a rule collection group, an IP group).
 */
export function conclusiveEndpointFlows(
  inv: Inventory,
  ctx: CheckContext,
): { readonly flows: readonly JudgedFlow[]; readonly inconclusive: readonly Inconclusive[] } {
  const { flows, gaps } = firewalledEndpointFlows(inv, ctx);
  const inconclusive = new Map<string, Inconclusive>();
  for (const gap of gaps) {
    inconclusive.set(`${gap.resourceId}|${gap.reason}`, { inconclusive: gap.reason, resourceId: gap.resourceId });
  }
  const conclusive: JudgedFlow[] = [];
  for (const flow of flows) {
    if (!flow.evaluation.inconclusive) {
      conclusive.push(flow);
      continue;
    }
    const reason = `Cannot judge traffic through Azure Firewall ${flow.firewall.name}: ${flow.evaluation.inconclusive}.`;
    inconclusive.set(`${flow.compiled.configId}|${reason}`, {
      inconclusive: reason,
      resourceId: flow.compiled.configId,
    });
  }
  return { flows: conclusive, inconclusive: [...inconclusive.values()] };
}

function workloadIpsOf(inv: Inventory, subnet: Subnet): string[] {
  const ips = inv
    .workloadNicsInSubnet(subnet)
    .flatMap((nic) => nic.ipConfigurations)
    .filter((config) => config.subnetId && normalizeId(config.subnetId) === subnet.key)
    .map((config) => config.privateIp)
    .filter((ip): ip is string => ip !== undefined && ipv4ToNumber(ip) !== undefined);
  return [...new Set(ips)].sort();
}

function sourcesOf(subnet: Subnet, workloadIps: readonly string[]): AddressSet {
  const prefixes = AddressSet.parse(subnet.addressPrefixes);
  return prefixes.isEmpty ? AddressSet.parse(workloadIps) : prefixes;
}

function dedupeGaps(gaps: readonly FlowGap[]): FlowGap[] {
  const seen = new Map<string, FlowGap>();
  for (const gap of gaps) seen.set(`${normalizeId(gap.resourceId)}|${gap.reason}`, gap);
  return [...seen.values()];
}
