// What one walk of the firewall flows gathers, and the answers it works out once and shares: the
// routing of a list of consumer subnets to an endpoint range, and what a firewall does along one
// rule path with the subnets routed to it.
import { normalizeId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { AzureFirewall, PrivateEndpoint, Subnet } from '../../inventory/types.js';
import type { Inconclusive } from '../inconclusive.js';
import { Judgments, senderOf, type Judged, type Sender } from './flow-judgments.js';
import type { Destination, FirewallResolvedName, FlowGap, JudgedFlow, Walked } from './flow-types.js';
import { firewallRoutingOf, type FirewallRouting } from './routing.js';
import { uniformRouteWinners, type EffectiveRoute, type RangeRoute } from '../routing/index.js';
import {
  compileFirewall,
  effectiveSnatSettings,
  networkRuleSnat,
  planFor,
  type DestinationPlan,
  type FirewallProtocol,
  type RulePath,
  type SnatSettings,
} from './index.js';

/** How each subnet of a list routes one endpoint range: shared by every endpoint of that range. */
export interface RoutingVector {
  /** Per subnet; undefined for a subnet that sends nothing (no address known). */
  readonly routings: readonly (FirewallRouting | undefined)[];
  /** Subnets whose route cannot be told. */
  readonly unknown: readonly number[];
  /** Per firewall index: the subnets routed to it, in order. */
  readonly byFirewall: readonly (readonly number[])[];
}

/** What one firewall does along one rule path with the subnets a routing sends it. */
export interface PathSummary {
  /** The first subnet whose flow makes the firewall resolve the name, the first of each inconclusive reason, and every denied flow. */
  readonly traced: readonly (readonly [number, Judged])[];
  /** Flows allowed by a network rule: notable where the firewall may not SNAT the destination. */
  readonly networkAllowed: readonly (readonly [number, Judged])[];
}

/** What a walk gathers, and what it works out once and shares. */
export class WalkState {
  readonly inv: Inventory;
  readonly judgments = new Judgments();
  readonly #everyFlow: boolean;
  readonly #kept: JudgedFlow[] = [];
  readonly #resolvedNames: FirewallResolvedName[] = [];
  readonly #gaps = new Map<string, FlowGap>();
  readonly #unjudged = new Map<string, Inconclusive>();
  readonly #senders = new Map<string, Sender>();
  readonly #snat = new Map<string, SnatSettings | undefined>();
  readonly #vectors = new WeakMap<readonly RangeRoute[], WeakMap<readonly AzureFirewall[], RoutingVector>>();
  readonly #summaries = new WeakMap<RoutingVector, Map<RulePath, Map<FirewallProtocol, PathSummary>>[]>();

  constructor(inv: Inventory, everyFlow: boolean) {
    this.inv = inv;
    this.#everyFlow = everyFlow;
  }

  result(): Walked {
    return {
      kept: this.#kept,
      resolvedNames: this.#resolvedNames,
      gaps: [...this.#gaps.values()],
      unjudged: [...this.#unjudged.values()],
    };
  }

  senderOf(subnet: Subnet): Sender {
    let sender = this.#senders.get(subnet.key);
    if (!sender) this.#senders.set(subnet.key, (sender = senderOf(this.inv, subnet)));
    return sender;
  }

  gap(resourceId: string, reason: string): void {
    this.#gaps.set(`${normalizeId(resourceId)}|${reason}`, { resourceId, reason });
  }

  routeGap(subnet: Subnet, reason: string, ip: string): void {
    this.gap(
      subnet.id,
      `The ${reason}, so plaudit cannot tell whether subnet ${subnet.name} reaches ${ip} through a firewall.`,
    );
  }

  plan(
    destination: Destination,
    firewall: AzureFirewall,
    firewallIndex: number,
    serviceIndex: number,
  ): DestinationPlan {
    const { fqdn, ip, services } = destination;
    const service = services[serviceIndex]!;
    const slot = firewallIndex * services.length + serviceIndex;
    return (destination.plans[slot] ??= planFor(
      compileFirewall(this.inv, firewall),
      { fqdn, ip },
      service.port,
      service.protocol,
    ));
  }

  /** Records what one flow leaves behind: a name the firewall resolves, an inconclusive reason, a kept flow. */
  visit(
    endpoint: PrivateEndpoint,
    subnet: Subnet,
    sender: Sender,
    destination: Destination,
    firewallIndex: number,
    route: EffectiveRoute,
    serviceIndex: number,
    plan: DestinationPlan,
    judged: Judged,
  ): void {
    const { compiled } = plan;
    const { firewall } = compiled;
    const { fqdn, ip } = destination;
    if (judged.resolvesName && !destination.resolved[firewallIndex]) {
      destination.resolved[firewallIndex] = true;
      this.#resolvedNames.push({ firewall, endpoint, fqdn });
    }
    if (judged.unjudged) this.#unjudged.set(judged.unjudged.key, judged.unjudged.entry);
    const notable =
      !judged.unjudged && (judged.denied || (judged.allowedByNetworkRule && this.maySkipSnat(firewall, ip)));
    if (!this.#everyFlow && !notable) return;
    const { sources, workloadIps } = sender;
    const { evaluation, verdicts } = judged;
    const service = destination.services[serviceIndex]!;
    this.#kept.push({
      endpoint,
      subnet,
      firewall,
      route,
      fqdn,
      ip,
      service,
      sources,
      workloadIps,
      compiled,
      evaluation,
      verdicts,
    });
  }

  /**
   * Whether replies to a network-rule flow may bypass the firewall: it keeps the client's address
   * for destinations in its private ranges, and learned ranges may add any destination. When the
   * policy was not read the flow is not judged at all.
   */
  maySkipSnat(firewall: AzureFirewall, ip: string): boolean {
    if (!this.#snat.has(firewall.key)) this.#snat.set(firewall.key, effectiveSnatSettings(this.inv, firewall));
    const settings = this.#snat.get(firewall.key);
    return settings !== undefined && networkRuleSnat(settings, ip) !== 'snat';
  }

  /** How `subnets` route the endpoint range holding `ip` to `firewalls`, when the whole range routes alike. */
  routingVector(
    subnets: readonly Subnet[],
    firewalls: readonly AzureFirewall[],
    ip: string,
  ): RoutingVector | undefined {
    const winners = uniformRouteWinners(this.inv, subnets, ip);
    if (!winners) return undefined;
    let byFirewalls = this.#vectors.get(winners);
    if (!byFirewalls) this.#vectors.set(winners, (byFirewalls = new WeakMap()));
    let vector = byFirewalls.get(firewalls);
    if (vector) return vector;
    const routings: (FirewallRouting | undefined)[] = [];
    const unknown: number[] = [];
    const byFirewall = firewalls.map((): number[] => []);
    subnets.forEach((subnet, index) => {
      if (this.senderOf(subnet).sources.isEmpty) return routings.push(undefined);
      const routing = firewallRoutingOf(winners[index]!, firewalls);
      routings.push(routing);
      if (routing.kind === 'unknown') unknown.push(index);
      else if (routing.kind === 'firewall') byFirewall[firewalls.indexOf(routing.firewall)]!.push(index);
    });
    vector = { routings, unknown, byFirewall };
    byFirewalls.set(firewalls, vector);
    return vector;
  }

  summaryOf(
    vector: RoutingVector,
    firewallIndex: number,
    plan: DestinationPlan,
    protocol: FirewallProtocol,
    subnets: readonly Subnet[],
  ): PathSummary {
    let byFirewall = this.#summaries.get(vector);
    if (!byFirewall) this.#summaries.set(vector, (byFirewall = []));
    const byPath = (byFirewall[firewallIndex] ??= new Map());
    let byProtocol = byPath.get(plan.path);
    if (!byProtocol) byPath.set(plan.path, (byProtocol = new Map()));
    let summary = byProtocol.get(protocol);
    if (summary) return summary;
    const traced: [number, Judged][] = [];
    const networkAllowed: [number, Judged][] = [];
    const reasons = new Set<string>();
    let resolving = false;
    for (const index of vector.byFirewall[firewallIndex]!) {
      const judged = this.judgments.of(plan.path, this.senderOf(subnets[index]!), plan.compiled, protocol);
      const firstResolving = judged.resolvesName && !resolving;
      resolving ||= judged.resolvesName;
      const firstReason = judged.unjudged !== undefined && !reasons.has(judged.unjudged.key);
      if (judged.unjudged) reasons.add(judged.unjudged.key);
      if (firstResolving || firstReason || (!judged.unjudged && judged.denied)) traced.push([index, judged]);
      else if (!judged.unjudged && judged.allowedByNetworkRule) networkAllowed.push([index, judged]);
    }
    byProtocol.set(protocol, (summary = { traced, networkAllowed }));
    return summary;
  }
}
