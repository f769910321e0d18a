// The on-call view of one flow: from a source to a name and port, the path step by step as an
// engineer would walk it, each step with a verdict, the Azure resource behind it, and for the
// first broken step the fix.
import { normalizeId } from '../ids.js';
import type { Inventory } from '../inventory/inventory.js';
import { hubFirewallsFor } from '../inventory/topology.js';
import type { AzureFirewall, PrivateEndpoint } from '../inventory/types.js';
import { defaultCheckContext, type CheckContext } from '../engine/context.js';
import { resolveAlongPaths, type NameResolution } from '../net/dns/dns-resolve.js';
import { connectionState, endpointConnections } from '../net/endpoints/endpoint-connections.js';
import { describeMatch, evaluateFirewall, snatApplies, type FirewallProtocol } from '../net/firewall/index.js';
import { servicePortsOf } from '../net/firewall/flows.js';
import { endpointDnsExpectations } from '../net/dns/private-dns.js';
import { publicExposure } from '../net/endpoints/public-access.js';
import { firewallResolutionPaths, nicResolutionPaths, resolutionPaths } from '../net/dns/resolvers.js';
import { describeRoute, nextHop, routeTo } from '../net/routing/index.js';
import type { TraceSource } from './source.js';

export type StepVerdict = 'ok' | 'warning' | 'broken' | 'unknown' | 'skipped';

export type StepKind =
  | 'resolver'
  | 'cname'
  | 'zone'
  | 'record'
  | 'endpoint'
  | 'route'
  | 'firewall'
  | 'firewallDns'
  | 'firewallRoute'
  | 'connection'
  | 'publicAccess';

export interface TraceStep {
  readonly kind: StepKind;
  readonly title: string;
  readonly verdict: StepVerdict;
  readonly detail: string;
  readonly resources: readonly string[];
  readonly fix?: string;
}

export interface Trace {
  readonly source: { readonly description: string; readonly address: string; readonly subnetId: string };
  readonly destination: { readonly fqdn: string; readonly port: number; readonly protocol: FirewallProtocol };
  readonly steps: readonly TraceStep[];
  /** Index of the first broken step, if any. */
  readonly brokenAt: number | undefined;
  readonly verdict: 'works' | 'broken' | 'unknown';
  readonly assumptions: readonly string[];
}

export interface TraceRequest {
  readonly source: TraceSource;
  readonly fqdn: string;
  readonly port?: number;
  readonly context?: CheckContext;
}

export function tracePath(inv: Inventory, request: TraceRequest): Trace {
  const { source } = request;
  const fqdn = request.fqdn.toLowerCase().replace(/\.$/, '');
  const context = request.context ?? defaultCheckContext;
  const steps: TraceStep[] = [];
  const assumptions: string[] = [];
  const endpointForName = endpointServing(inv, fqdn);
  const service = endpointForName ? servicePortsOf(endpointForName.targetType, endpointForName.groupId)[0] : undefined;
  const port = request.port ?? service?.port ?? 443;
  const protocol: FirewallProtocol =
    service && service.port === port ? service.protocol : port === 443 ? 'HTTPS' : 'TCP';

  // 1-4: DNS from the source's VNet.
  // DNS servers set on the source's NIC override its VNet's.
  const nic = inv.nic(source.resourceId);
  const asker = nic && nic.dnsServers.length > 0 ? `NIC ${nic.name}` : source.vnet.name;
  const resolutions = resolveAlongPaths(
    inv,
    nic ? nicResolutionPaths(inv, nic, source.vnet) : resolutionPaths(inv, source.vnet),
    fqdn,
  );
  if (resolutions.length > 1) {
    assumptions.push(
      `VNet ${source.vnet.name} has several DNS servers; the trace follows the first (${resolutions[0]!.resolver}).`,
    );
  }
  const resolution = resolutions[0]!;
  steps.push(resolverStep(source, asker, resolution));
  steps.push(cnameStep(fqdn, resolution));
  steps.push(zoneStep(inv, resolution));
  steps.push(recordStep(resolution));
  const ips = resolution.result.kind === 'private' ? resolution.result.ips : [];
  const ip = ips[0];

  // 5: the IP belongs to a private endpoint serving this name.
  const endpoint = ip ? endpointOwning(inv, ip) : undefined;
  steps.push(endpointStep(ip, endpoint, endpointForName?.endpoint, fqdn));

  // 6-9: the route from the source, the firewall on the way, its own DNS and its route onwards.
  let firewall: AzureFirewall | undefined;
  if (!ip) {
    steps.push(skipped('route', 'Route from the source', 'no private IP to route to'));
  } else {
    const decision = routeTo(inv, source.subnet, ip);
    assumptions.push(...decision.assumptions);
    const winner = decision.winner;
    const hubFirewalls = endpoint ? hubFirewallsFor(inv, context, endpoint) : [...inv.firewalls.values()];
    firewall =
      winner?.nextHopType === nextHop.virtualAppliance
        ? [...inv.firewalls.values()].find((candidate) => candidate.privateIps.includes(winner.nextHopIp ?? ''))
        : undefined;
    steps.push(routeStep(source, ip, decision, firewall, hubFirewalls));
  }
  if (firewall && ip) {
    const evaluation = evaluateFirewall(inv, firewall, {
      sourceIp: source.address,
      destination: { fqdn, ip },
      port,
      protocol,
    });
    assumptions.push(...evaluation.assumptions);
    const snat =
      evaluation.match.kind === 'rule' ? snatApplies(inv, firewall, ip, evaluation.match.rule.ruleType) : true;
    steps.push(firewallStep(firewall, evaluation, snat, source, fqdn, port, protocol));
    const needsOwnDns = evaluation.match.kind === 'rule' && evaluation.match.matchedBy === 'fqdn';
    steps.push(firewallDnsStep(inv, firewall, fqdn, ip, needsOwnDns));
    steps.push(firewallRouteStep(inv, firewall, ip));
  } else {
    const reason = ip ? 'traffic does not pass a firewall' : 'no private IP to route to';
    steps.push(skipped('firewall', 'Firewall rule', reason));
    steps.push(skipped('firewallDns', "Firewall's own resolution", reason));
    steps.push(skipped('firewallRoute', 'Route from the firewall', reason));
  }

  // 10-11: the endpoint's approval and the service's public access.
  const judged = endpoint ?? endpointForName?.endpoint;
  steps.push(connectionStep(inv, judged));
  steps.push(publicAccessStep(inv, judged, resolution));

  const brokenAt = steps.findIndex((step) => step.verdict === 'broken');
  const verdict = brokenAt >= 0 ? 'broken' : steps.some((step) => step.verdict === 'unknown') ? 'unknown' : 'works';
  return {
    source: { description: source.description, address: source.address, subnetId: source.subnet.id },
    destination: { fqdn, port, protocol },
    steps,
    brokenAt: brokenAt >= 0 ? brokenAt : undefined,
    verdict,
    assumptions: [...new Set(assumptions)],
  };
}

interface ServedName {
  readonly endpoint: PrivateEndpoint;
  readonly targetType: string;
  readonly groupId: string;
}

/** The endpoint in scope whose NIC lists this name, for the port and the approval step. */
function endpointServing(inv: Inventory, fqdn: string): ServedName | undefined {
  for (const nic of inv.nics.values()) {
    if (
      !nic.privateEndpointId ||
      !nic.ipConfigurations.some((config) => config.fqdns.some((name) => name.toLowerCase() === fqdn))
    )
      continue;
    const endpoint = inv.privateEndpoints.get(normalizeId(nic.privateEndpointId));
    const expectation =
      endpoint &&
      endpointDnsExpectations(inv, endpoint).find((candidate) => candidate.names.some((name) => name.fqdn === fqdn));
    if (endpoint && expectation) return { endpoint, targetType: expectation.targetType, groupId: expectation.groupId };
  }
  return undefined;
}

function endpointOwning(inv: Inventory, ip: string): PrivateEndpoint | undefined {
  for (const owner of inv.ipOwnersOf(ip)) {
    if (owner.kind === 'nic' && owner.nic.privateEndpointId)
      return inv.privateEndpoints.get(normalizeId(owner.nic.privateEndpointId));
  }
  return undefined;
}

function resolverStep(source: TraceSource, asker: string, resolution: NameResolution): TraceStep {
  const title = 'Resolver';
  if (resolution.result.kind === 'unknown') {
    const broken = resolution.path.end.kind === 'proxyDisabled';
    return {
      kind: 'resolver',
      title,
      verdict: broken ? 'broken' : 'unknown',
      detail: `${asker} uses ${resolution.resolver}: ${resolution.result.reason}.`,
      resources: [source.vnet.id],
      ...(broken
        ? {
            fix: 'Turn on DNS proxy in the firewall policy (dnsSettings.enableProxy) or point the VNet at another DNS server.',
          }
        : {}),
    };
  }
  const where = resolution.resolvingVnet
    ? `; Azure DNS answers with the zones linked to ${resolution.resolvingVnet.name}`
    : '';
  return {
    kind: 'resolver',
    title,
    verdict: 'ok',
    detail: `${asker} uses ${resolution.resolver}${where}.`,
    resources: [source.vnet.id],
  };
}

function cnameStep(fqdn: string, resolution: NameResolution): TraceStep {
  if (!resolution.privatelinkName) {
    return {
      kind: 'cname',
      title: 'CNAME to privatelink',
      verdict: 'warning',
      detail: `${fqdn} is not the public name of a private link service plaudit knows; it is looked up as is.`,
      resources: [],
    };
  }
  const same = resolution.privatelinkName === fqdn;
  return {
    kind: 'cname',
    title: 'CNAME to privatelink',
    verdict: 'ok',
    detail: same ? `${fqdn} is already a privatelink name.` : `${fqdn} is a CNAME to ${resolution.privatelinkName}.`,
    resources: [],
  };
}

function zoneStep(inv: Inventory, resolution: NameResolution): TraceStep {
  const title = 'Zone and link';
  const result = resolution.result;
  const vnet = resolution.resolvingVnet;
  switch (result.kind) {
    case 'unknown':
      return skipped('zone', title, 'the resolver could not be followed');
    case 'public': {
      const zoneName = zoneNameOf(resolution);
      if (resolution.privatelinkName && inv.zonesNamed(zoneName).length === 0) {
        return {
          kind: 'zone',
          title,
          verdict: 'broken',
          detail: `No private DNS zone ${zoneName} exists in the snapshot, so Azure DNS returns the public address.`,
          resources: vnet ? [vnet.id] : [],
          fix: `Create zone ${zoneName}, give the endpoint a DNS zone group pointing at it, and link it to ${vnet?.name ?? 'the VNet where resolution happens'}.`,
        };
      }
      return {
        kind: 'zone',
        title,
        verdict: 'broken',
        detail: `${vnet?.name ?? 'The resolving VNet'} has no link to a private DNS zone serving ${resolution.privatelinkName ?? resolution.fqdn}, so Azure DNS returns the public address.`,
        resources: vnet ? [vnet.id, ...inv.zonesNamed(zoneName).map((zone) => zone.id)] : [],
        fix: `Link the privatelink zone to ${vnet?.name ?? 'the VNet where resolution happens'}: az network private-dns link vnet create --zone-name ${zoneName} --virtual-network ${vnet?.id ?? '<vnet id>'} --registration-enabled false --name link-${vnet?.name ?? 'vnet'} --resource-group <zone resource group>`,
      };
    }
    default:
      return {
        kind: 'zone',
        title,
        verdict: 'ok',
        detail: `Zone ${result.zone.zoneName} is linked to ${vnet?.name ?? 'the resolving VNet'} by link ${result.link.name}.`,
        resources: [result.zone.id, result.link.id],
      };
  }
}

function recordStep(resolution: NameResolution): TraceStep {
  const title = 'A record';
  const result = resolution.result;
  switch (result.kind) {
    case 'private':
      return {
        kind: 'record',
        title,
        verdict: 'ok',
        detail: `${result.record.name} in ${result.zone.zoneName} holds ${result.ips.join(', ')}.`,
        resources: [result.record.id],
      };
    case 'nxdomain':
      return {
        kind: 'record',
        title,
        verdict: 'broken',
        detail: `Zone ${result.zone.zoneName} has no A record ${result.recordName}, so the name does not resolve (NXDOMAIN).`,
        resources: [result.zone.id],
        fix: `Add the record through the endpoint's DNS zone group (az network private-endpoint dns-zone-group create ...) or by hand: az network private-dns record-set a add-record --zone-name ${result.zone.zoneName} --record-set-name ${result.recordName} --ipv4-address <endpoint IP> --resource-group <zone resource group>`,
      };
    case 'publicFallback':
      return {
        kind: 'record',
        title,
        verdict: 'broken',
        detail: `Zone ${result.zone.zoneName} has no A record ${result.recordName}, and link ${result.link.name} falls back to the internet (NxDomainRedirect), so the name resolves to the public address.`,
        resources: [result.zone.id, result.link.id],
        fix: `Add the A record ${result.recordName} with the endpoint's IP to ${result.zone.zoneName}.`,
      };
    default:
      return skipped('record', title, 'no linked zone was consulted');
  }
}

function endpointStep(
  ip: string | undefined,
  owner: PrivateEndpoint | undefined,
  expected: PrivateEndpoint | undefined,
  fqdn: string,
): TraceStep {
  const title = 'Private endpoint';
  if (!ip) return skipped('endpoint', title, 'the name did not resolve to a private IP');
  if (!owner) {
    return {
      kind: 'endpoint',
      title,
      verdict: 'broken',
      detail: `No private endpoint in the snapshot owns ${ip}${expected ? `; ${fqdn} belongs to private endpoint ${expected.name}` : ''}.`,
      resources: expected ? [expected.id] : [],
      fix: expected
        ? `Point the A record at ${expected.name}'s IP (let its DNS zone group manage the record).`
        : 'Correct the A record, or include the endpoint that owns this IP in the scan.',
    };
  }
  if (expected && expected.key !== owner.key) {
    return {
      kind: 'endpoint',
      title,
      verdict: 'broken',
      detail: `${ip} belongs to private endpoint ${owner.name}, but ${fqdn} is served by private endpoint ${expected.name}.`,
      resources: [owner.id, expected.id],
      fix: `Point the A record at ${expected.name}'s IP.`,
    };
  }
  return {
    kind: 'endpoint',
    title,
    verdict: 'ok',
    detail: `${ip} is private endpoint ${owner.name}.`,
    resources: [owner.id],
  };
}

function routeStep(
  source: TraceSource,
  ip: string,
  decision: ReturnType<typeof routeTo>,
  firewall: AzureFirewall | undefined,
  hubFirewalls: readonly AzureFirewall[],
): TraceStep {
  const title = 'Route from the source';
  const winner = decision.winner;
  const resources = [source.subnet.id, ...(winner?.routeTableId ? [winner.routeTableId] : [])];
  if (decision.unknown) return { kind: 'route', title, verdict: 'unknown', detail: decision.unknown, resources };
  if (!winner || winner.nextHopType === nextHop.none) {
    return {
      kind: 'route',
      title,
      verdict: 'broken',
      detail: `From ${source.subnet.name}, ${winner ? `${describeRoute(winner)} drops traffic to ${ip}` : `no route covers ${ip}`}.`,
      resources,
      fix: `Add a route for the endpoint's VNet to the hub firewall in ${source.subnet.name}'s route table (az network route-table route create --next-hop-type VirtualAppliance --next-hop-ip-address <firewall IP> ...).`,
    };
  }
  if (firewall) {
    return {
      kind: 'route',
      title,
      verdict: 'ok',
      detail: `From ${source.subnet.name}, ${describeRoute(winner)} sends ${ip} to Azure Firewall ${firewall.name}.`,
      resources: [...resources, firewall.id],
    };
  }
  if (winner.nextHopType === nextHop.virtualAppliance) {
    return {
      kind: 'route',
      title,
      verdict: 'broken',
      detail: `From ${source.subnet.name}, ${describeRoute(winner)} sends ${ip} to ${winner.nextHopIp ?? 'an appliance'}, which is no firewall in the snapshot.`,
      resources,
      fix: hubFirewalls[0]
        ? `Point the route at the hub firewall's private IP ${hubFirewalls[0].privateIps[0] ?? ''}.`
        : 'Point the route at the firewall that should inspect the traffic.',
    };
  }
  const bypass = hubFirewalls.length > 0;
  return {
    kind: 'route',
    title,
    verdict: bypass ? 'warning' : 'ok',
    detail: `From ${source.subnet.name}, ${describeRoute(winner)} delivers ${ip} directly${bypass ? `, past the hub firewall ${hubFirewalls[0]!.name}` : ''}.`,
    resources,
  };
}

function firewallStep(
  firewall: AzureFirewall,
  evaluation: ReturnType<typeof evaluateFirewall>,
  snat: boolean | undefined,
  source: TraceSource,
  fqdn: string,
  port: number,
  protocol: FirewallProtocol,
): TraceStep {
  const title = 'Firewall rule';
  const resources = [firewall.policyId ?? firewall.id];
  const what = `${source.address} to ${fqdn} on ${protocol} ${port}`;
  if (evaluation.inconclusive)
    return {
      kind: 'firewall',
      title,
      verdict: 'unknown',
      detail: `${firewall.name}: ${evaluation.inconclusive}`,
      resources,
    };
  if (evaluation.decision === 'Allow') {
    // Without SNAT the endpoint answers the client directly, and the reply may bypass the firewall.
    const asymmetric =
      snat === false
        ? '; the firewall does not SNAT it, so replies can bypass the firewall'
        : snat === undefined
          ? '; whether the firewall SNATs it is unknown (learned private ranges)'
          : '';
    return {
      kind: 'firewall',
      title,
      verdict: snat === true ? 'ok' : 'warning',
      detail: `${firewall.name} allows ${what} by ${describeMatch(evaluation.match)}${asymmetric}.`,
      resources,
    };
  }
  return {
    kind: 'firewall',
    title,
    verdict: 'broken',
    detail: `${firewall.name} denies ${what} by ${describeMatch(evaluation.match)}.`,
    resources,
    fix: `Allow it with an application rule for ${fqdn} (${protocol}:${port}) from ${source.subnet.addressPrefixes[0] ?? source.address}, in a collection processed before any Deny that matches.`,
  };
}

function firewallDnsStep(
  inv: Inventory,
  firewall: AzureFirewall,
  fqdn: string,
  ip: string,
  needed: boolean,
): TraceStep {
  const title = "Firewall's own resolution";
  if (!needed)
    return skipped(
      'firewallDns',
      title,
      'the rule that matched is not by name, so the firewall connects to the IP the client used',
    );
  const [resolution] = resolveAlongPaths(inv, firewallResolutionPaths(inv, firewall), fqdn);
  if (!resolution)
    return {
      kind: 'firewallDns',
      title,
      verdict: 'unknown',
      detail: `The VNet of ${firewall.name} is not known.`,
      resources: [firewall.id],
    };
  const result = resolution.result;
  if (result.kind === 'private' && result.ips.includes(ip)) {
    return {
      kind: 'firewallDns',
      title,
      verdict: 'ok',
      detail: `${firewall.name} resolves ${fqdn} through ${resolution.resolver} to ${result.ips.join(', ')} as well.`,
      resources: [result.zone.id],
    };
  }
  if (result.kind === 'unknown')
    return { kind: 'firewallDns', title, verdict: 'unknown', detail: result.reason, resources: [firewall.id] };
  const vnet = resolution.resolvingVnet;
  const got =
    result.kind === 'private'
      ? result.ips.join(', ')
      : result.kind === 'nxdomain'
        ? 'nothing (NXDOMAIN)'
        : 'the public address';
  return {
    kind: 'firewallDns',
    title,
    verdict: 'broken',
    detail: `${firewall.name} connects to what its own DNS returns: ${resolution.resolver} resolves ${fqdn} to ${got}, not ${ip}.`,
    resources: [firewall.id, ...(vnet ? [vnet.id] : [])],
    fix: `Link the privatelink zone to ${vnet?.name ?? "the firewall's DNS VNet"} so the firewall resolves the private address.`,
  };
}

function firewallRouteStep(inv: Inventory, firewall: AzureFirewall, ip: string): TraceStep {
  const title = 'Route from the firewall';
  const subnet = inv.subnet(firewall.subnetIds[0]);
  if (!subnet)
    return {
      kind: 'firewallRoute',
      title,
      verdict: 'unknown',
      detail: `The subnet of ${firewall.name} is not in the snapshot.`,
      resources: [firewall.id],
    };
  const decision = routeTo(inv, subnet, ip);
  const winner = decision.winner;
  if (decision.unknown)
    return { kind: 'firewallRoute', title, verdict: 'unknown', detail: decision.unknown, resources: [subnet.id] };
  if (!winner || winner.nextHopType === nextHop.none || winner.nextHopType === nextHop.internet) {
    return {
      kind: 'firewallRoute',
      title,
      verdict: 'broken',
      detail: `From ${subnet.name}, ${winner ? describeRoute(winner) : 'no route'} ${winner ? 'takes' : 'covers'} ${ip}: the peering to the endpoint's VNet is missing or not Connected.`,
      resources: [subnet.id],
      fix: 'Reconnect the hub-to-endpoint-spoke peering (delete the Disconnected side and create the peering again on both VNets).',
    };
  }
  return {
    kind: 'firewallRoute',
    title,
    verdict: 'ok',
    detail: `From ${subnet.name}, ${describeRoute(winner)} delivers ${ip}.`,
    resources: [subnet.id],
  };
}

function connectionStep(inv: Inventory, endpoint: PrivateEndpoint | undefined): TraceStep {
  const title = 'Endpoint connection';
  if (!endpoint) return skipped('connection', title, 'no private endpoint on the path');
  const connections = endpointConnections(inv).filter((connection) => connection.endpointKey === endpoint.key);
  const states = connections.map((connection) => connectionState(connection));
  if (states.length === 0 || states.some((state) => state === undefined)) {
    return {
      kind: 'connection',
      title,
      verdict: 'unknown',
      detail: `The approval state of ${endpoint.name} is not in the snapshot.`,
      resources: [endpoint.id],
    };
  }
  const bad = states.find((state) => state !== 'approved');
  if (bad) {
    return {
      kind: 'connection',
      title,
      verdict: 'broken',
      detail: `The connection of private endpoint ${endpoint.name} is ${bad}; only approved connections carry traffic.`,
      resources: [
        endpoint.id,
        ...connections.flatMap((connection) => (connection.targetId ? [connection.targetId] : [])),
      ],
      fix:
        bad === 'pending'
          ? 'Ask the service owner to approve it: az network private-endpoint-connection approve --id <connection id>.'
          : 'Delete the private endpoint and create it again.',
    };
  }
  return {
    kind: 'connection',
    title,
    verdict: 'ok',
    detail: `The connection of private endpoint ${endpoint.name} is approved.`,
    resources: [endpoint.id],
  };
}

function publicAccessStep(
  inv: Inventory,
  endpoint: PrivateEndpoint | undefined,
  resolution: NameResolution,
): TraceStep {
  const title = "Service's public access";
  const targetId = endpoint?.connections.find((connection) => connection.targetId)?.targetId;
  const target = inv.target(targetId);
  if (!target)
    return skipped(
      'publicAccess',
      title,
      targetId ? `service ${targetId} is not in the snapshot` : 'no service behind the path',
    );
  const exposure = publicExposure(inv, target);
  const resolvedPublic = resolution.result.kind === 'public' || resolution.result.kind === 'publicFallback';
  const resources = [target.id];
  if (exposure.kind === 'disabled') {
    return resolvedPublic
      ? {
          kind: 'publicAccess',
          title,
          verdict: 'ok',
          detail: `${target.name} refuses public traffic, so the public address found above is refused as well (fix DNS first).`,
          resources,
        }
      : {
          kind: 'publicAccess',
          title,
          verdict: 'ok',
          detail: `${target.name} accepts traffic only through private endpoints.`,
          resources,
        };
  }
  return {
    kind: 'publicAccess',
    title,
    verdict: 'warning',
    detail: `${target.name} also accepts public traffic (${exposure.kind}), so a client whose DNS falls back to the public name still connects, past the firewall.`,
    resources,
  };
}

function skipped(kind: StepKind, title: string, reason: string): TraceStep {
  return { kind, title, verdict: 'skipped', detail: `Skipped: ${reason}.`, resources: [] };
}

function zoneNameOf(resolution: NameResolution): string {
  const name = resolution.privatelinkName ?? resolution.fqdn;
  const index = name.indexOf('.privatelink.');
  return index >= 0 ? name.slice(index + 1) : name.split('.').slice(1).join('.');
}
