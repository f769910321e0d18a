// The on-call view of one flow: from a source to a name and port, the path step by step as an
// engineer would walk it, each step with a verdict, the Azure resource behind it, and for the
// first broken step the fix. The steps themselves are built in ./steps, one file per family.
import type { Inventory } from '../inventory/inventory.js';
import type { PrivateEndpoint } from '../inventory/types.js';
import { defaultCheckContext, type CheckContext } from '../inventory/context.js';
import type { FirewallProtocol } from '../net/firewall/index.js';
import { servicePortsOf } from '../net/firewall/service-ports.js';
import type { TraceSource } from './source.js';
import { resolutionSteps } from './steps/dns.js';
import { connectionStep, endpointOwning, endpointServing, endpointStep, type ServedName } from './steps/endpoint.js';
import { firewallSteps, firewallStepsSkipped, type ResolvedFlow } from './steps/firewall.js';
import { publicAccessStep } from './steps/public-access.js';
import { routeFromSource, routeSkipped } from './steps/route.js';
import type { JudgedSteps, TraceStep } from './steps/step.js';

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
  const served = endpointServing(inv, fqdn);
  const { port, protocol } = destinationPort(request.port, served);

  // 1-4: DNS from the source's VNet.
  const dns = resolutionSteps(inv, source, fqdn);
  const ip = dns.resolution.result.kind === 'private' ? dns.resolution.result.ips[0] : undefined;

  // 5: the IP belongs to a private endpoint serving this name.
  const endpoint = ip ? endpointOwning(inv, ip) : undefined;
  const endpointCheck = endpointStep(ip, endpoint, served?.endpoint, fqdn);

  // 6-9: the route from the source, the firewall on the way, its own DNS and its route onwards.
  const network = ip
    ? networkSteps(inv, request.context ?? defaultCheckContext, { source, fqdn, ip, port, protocol }, endpoint)
    : unroutedSteps();

  // 10-11: the endpoint's approval and the service's public access.
  const judged = endpoint ?? served?.endpoint;
  const steps = [
    ...dns.steps,
    endpointCheck,
    ...network.steps,
    connectionStep(inv, judged),
    publicAccessStep(inv, judged, dns.resolution),
  ];

  const brokenAt = steps.findIndex((step) => step.verdict === 'broken');
  const verdict = brokenAt >= 0 ? 'broken' : steps.some((step) => step.verdict === 'unknown') ? 'unknown' : 'works';
  return {
    source: { description: source.description, address: source.address, subnetId: source.subnet.id },
    destination: { fqdn, port, protocol },
    steps,
    brokenAt: brokenAt >= 0 ? brokenAt : undefined,
    verdict,
    assumptions: [...new Set([...dns.assumptions, ...network.assumptions])],
  };
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

function networkSteps(
  inv: Inventory,
  context: CheckContext,
  flow: ResolvedFlow,
  endpoint: PrivateEndpoint | undefined,
): JudgedSteps {
  const route = routeFromSource(inv, context, flow.source, flow.ip, endpoint);
  if (!route.firewall) {
    return {
      steps: [route.step, ...firewallStepsSkipped('traffic does not pass a firewall')],
      assumptions: route.assumptions,
    };
  }
  const crossing = firewallSteps(inv, route.firewall, flow);
  return { steps: [route.step, ...crossing.steps], assumptions: [...route.assumptions, ...crossing.assumptions] };
}

function unroutedSteps(): JudgedSteps {
  const reason = 'no private IP to route to';
  return { steps: [routeSkipped(reason), ...firewallStepsSkipped(reason)], assumptions: [] };
}
