// The on-call view of one flow: from a source to a name and port, the path step by step as an
// engineer would walk it, each step with a verdict, the Azure resource behind it, and for every
// broken step the fix: after a broken step the walk goes on as if it were fixed. The steps themselves are built in ./steps, one file per family. The
// destination is the name the client uses, or an address it connects to without asking DNS.
import { UsageError } from '../errors.js';
import type { Inventory } from '../inventory/inventory.js';
import { privatelinkNameFor } from '../net/dns/dns-resolve.js';
import { endpointDnsExpectations, servingZoneName } from '../net/dns/private-dns.js';
import { defaultCheckContext, type CheckContext } from '../inventory/context.js';
import type { FirewallProtocol } from '../net/firewall/index.js';
import { servicePortsOf } from '../net/firewall/service-ports.js';
import type { TraceSource } from './source.js';
import { resolutionSteps, resolutionStepsSkipped } from './steps/dns.js';
import {
  addressEndpointStep,
  connectionStep,
  endpointOwning,
  endpointServing,
  endpointStep,
  type ServedName,
} from './steps/endpoint.js';
import { endpointIps } from '../inventory/topology.js';
import { firewallStepsSkipped } from './steps/firewall.js';
import { networkSteps } from './steps/hops.js';
import { publicAccessStep } from './steps/public-access.js';
import { routeSkipped } from './steps/route.js';
import type { JudgedSteps, TraceStep } from './steps/step.js';

export interface Trace {
  readonly source: { readonly description: string; readonly address: string; readonly subnetId: string };
  /** `fqdn` for a name, `address` for an IP the client connects to directly. */
  readonly destination: {
    readonly fqdn?: string;
    readonly address?: string;
    readonly port: number;
    readonly protocol: FirewallProtocol;
  };
  readonly steps: readonly TraceStep[];
  /** Index of the first broken step, if any. */
  readonly brokenAt: number | undefined;
  /** Indexes of every broken step: steps after a broken one are judged as if it were fixed. */
  readonly brokenSteps: readonly number[];
  readonly verdict: 'works' | 'broken' | 'unknown';
  readonly assumptions: readonly string[];
}

export type TraceRequest = {
  readonly source: TraceSource;
  readonly port?: number;
  readonly context?: CheckContext;
} & ({ readonly fqdn: string; readonly address?: undefined } | { readonly address: string; readonly fqdn?: undefined });

export function tracePath(inv: Inventory, request: TraceRequest): Trace {
  if (request.address !== undefined) return traceAddress(inv, request, request.address);
  const { source } = request;
  const fqdn = request.fqdn.toLowerCase().replace(/\.$/, '');
  const served = endpointServing(inv, fqdn);
  assertPrivateEndpointName(inv, fqdn, served);
  const { port, protocol } = destinationPort(request.port, served);

  // DNS from the source's VNet.
  const dns = resolutionSteps(inv, source, fqdn);
  const resolved = dns.resolution.result.kind === 'private' ? dns.resolution.result.ips[0] : undefined;

  // The IP belongs to a private endpoint serving this name.
  const endpoint = resolved ? endpointOwning(inv, resolved) : undefined;
  const endpointCheck = endpointStep(resolved, endpoint, served?.endpoint, fqdn);

  // When DNS fails (or answers wrong) the endpoint itself still says its IP: the network steps are
  // judged for that IP, as if DNS were fixed, so the trace shows what else the path needs.
  const fallbackIp =
    served?.endpoint && endpoint?.key !== served.endpoint.key ? endpointIps(inv, served.endpoint)[0] : undefined;
  const ip = fallbackIp ?? resolved;
  const networkEndpoint = fallbackIp ? served!.endpoint : endpoint;
  const asIfDns = fallbackIp
    ? [
        `The route and firewall steps are judged for ${fallbackIp}, the IP of private endpoint ${served!.endpoint.name}, as if DNS answered it.`,
      ]
    : [];

  // The route from the source, the links on the way, each firewall crossed and its route onwards.
  const network = ip
    ? networkSteps(inv, request.context ?? defaultCheckContext, { source, fqdn, ip, port, protocol }, networkEndpoint)
    : unroutedSteps();

  // 10-11: the endpoint's approval and the service's public access.
  const judged = endpoint ?? served?.endpoint;
  const resolvedPublic = dns.resolution.result.kind === 'public' || dns.resolution.result.kind === 'publicFallback';
  const steps = [
    ...dns.steps,
    endpointCheck,
    ...network.steps,
    connectionStep(inv, judged),
    publicAccessStep(inv, judged, resolvedPublic),
  ];
  const onPremises = source.onPremises
    ? [
        `On-premises clients are taken to resolve names as ${source.vnet.name} does (a conditional forwarder to its DNS servers or resolver); their own DNS is not in the snapshot.`,
      ]
    : [];
  return finish(source, { fqdn, port, protocol }, steps, [
    ...onPremises,
    ...dns.assumptions,
    ...asIfDns,
    ...network.assumptions,
  ]);
}

/** A client that connects to an IP: no DNS, so the path starts at the endpoint owning it. */
function traceAddress(inv: Inventory, request: TraceRequest, address: string): Trace {
  const { source } = request;
  const endpoint = endpointOwning(inv, address);
  const expectation = endpoint ? endpointDnsExpectations(inv, endpoint)[0] : undefined;
  const { port, protocol } = destinationPort(
    request.port,
    endpoint && expectation
      ? { endpoint, targetType: expectation.targetType, groupId: expectation.groupId }
      : undefined,
  );
  const flow = { source, fqdn: undefined, ip: address, port, protocol };
  const network = networkSteps(inv, request.context ?? defaultCheckContext, flow, endpoint);
  const names = expectation?.names.map((name) => name.fqdn) ?? [];
  // Without a name there is no TLS SNI or HTTP Host, which is what application rules match.
  const byAddress = network.steps.some((step) => step.kind === 'firewall' && step.verdict !== 'skipped')
    ? [
        `The client connects to ${address} by address, so only firewall rules by address can allow it${names[0] ? `; trace ${names[0]} to judge rules by name` : ''}.`,
      ]
    : [];
  const steps = [
    ...resolutionStepsSkipped('the destination is an address, so the client asks no DNS'),
    addressEndpointStep(address, endpoint),
    ...network.steps,
    connectionStep(inv, endpoint),
    publicAccessStep(inv, endpoint, false),
  ];
  return finish(source, { address, port, protocol }, steps, [...network.assumptions, ...byAddress]);
}

function finish(
  source: TraceSource,
  destination: Trace['destination'],
  steps: readonly TraceStep[],
  assumptions: readonly string[],
): Trace {
  const brokenSteps = steps.flatMap((step, index) => (step.verdict === 'broken' ? [index] : []));
  const brokenAt = brokenSteps[0] ?? -1;
  const verdict = brokenAt >= 0 ? 'broken' : steps.some((step) => step.verdict === 'unknown') ? 'unknown' : 'works';
  return {
    source: { description: source.description, address: source.address, subnetId: source.subnet.id },
    destination,
    steps,
    brokenAt: brokenAt >= 0 ? brokenAt : undefined,
    brokenSteps,
    verdict,
    assumptions: [...new Set(assumptions)],
  };
}

/**
 * A name that no private link service uses, no endpoint in scope serves and no private DNS zone in
 * scope holds resolves publicly wherever it is asked: there is no private path to walk.
 */
function assertPrivateEndpointName(inv: Inventory, fqdn: string, served: ServedName | undefined): void {
  if (served || privatelinkNameFor(inv, fqdn)) return;
  const zoneNames = [...new Set([...inv.zones.values()].map((zone) => zone.zoneName))];
  if (servingZoneName(fqdn, zoneNames)) return;
  throw new UsageError(
    `${fqdn} is not a private-endpoint name: no private link service uses its domain and no private DNS zone in the snapshot holds it, so clients resolve it through public DNS. Give the name clients use for a service behind a private endpoint (such as kv-app.vault.azure.net), or the endpoint's IP address.`,
  );
}

/** The port asked for, else the service's own; the protocol is the service's when the ports agree. */
function destinationPort(
  requested: number | undefined,
  served: ServedName | undefined,
): { readonly port: number; readonly protocol: FirewallProtocol } {
  const service = served ? servicePortsOf(served.targetType, served.groupId)[0] : undefined;
  const port = requested ?? service?.port ?? 443;
  const protocol: FirewallProtocol =
    service && service.port === port ? service.protocol : port === 443 ? 'HTTPS' : 'TCP';
  return { port, protocol };
}

function unroutedSteps(): JudgedSteps {
  const reason = 'no private IP to route to';
  return { steps: [routeSkipped(reason), ...firewallStepsSkipped(reason)], assumptions: [] };
}
