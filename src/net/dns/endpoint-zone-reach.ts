// Whether the clients of each private endpoint resolve its names from a zone that holds them.
// Azure DNS answers from a private zone only for queries that reach it from a VNet linked to that
// zone: with Azure-provided DNS the client's own VNet; with custom DNS servers (a forwarder VM, the
// hub firewall's DNS proxy, a DNS Private Resolver inbound endpoint) the VNet of the server; and a
// DNS forwarding rule for the name sends the query on to the rule's targets. Workload NICs with
// DNS servers of their own are followed too.
// https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration
import type { Inventory } from '../../inventory/inventory.js';
import { endpointVnetKey } from '../../inventory/topology.js';
import { consumerVnetsOf } from '../consumers/index.js';
import type { AzureFirewall, PrivateEndpoint, VirtualNetwork } from '../../inventory/types.js';
import { endpointDnsStatuses, type EndpointDnsStatus } from './endpoint-dns-status.js';
import { ruleDomainsCovering } from './forwarding-rules.js';
import { workloadResolutionPaths, type ResolutionPath } from './resolvers.js';
import { namePath, zoneReachOf } from './zone-links.js';

/** The zones of one name that serve some of an endpoint's names, and those names. */
export interface ServedNames {
  readonly zoneName: string;
  /** Zone key -> zone id. */
  readonly zones: ReadonlyMap<string, string>;
  /** The endpoint's privatelink names under that zone name. */
  readonly names: ReadonlySet<string>;
  /** The public names clients ask for (`kv.vault.azure.net`), whose forwarding rules apply first. */
  readonly publicNames: ReadonlySet<string>;
}

/**
 * Where the queries of a consumer VNet's clients for one zone name go wrong. Every kind carries
 * the consumer VNet and, where it was followed, the resolution path with its forwarding rules.
 */
export type ReachProblem =
  /** The path ends at a DNS server that is not in the snapshot (on-premises, outside the scope). */
  | { readonly kind: 'unknownServer'; readonly consumer: VirtualNetwork; readonly ip: string }
  /** The path ends at a public resolver (8.8.8.8...): the names resolve to public addresses. */
  | {
      readonly kind: 'publicResolver';
      readonly consumer: VirtualNetwork;
      readonly ip: string;
      readonly name: string;
      readonly path: ResolutionPath;
    }
  /** The path reaches Azure DNS in a VNet that was not read. */
  | {
      readonly kind: 'resolvingVnetNotRead';
      readonly consumer: VirtualNetwork;
      readonly path: ResolutionPath;
      readonly vnetKey: string;
    }
  /** The path ends at an Azure Firewall whose DNS proxy is off: nothing answers. */
  | {
      readonly kind: 'proxyDisabled';
      readonly consumer: VirtualNetwork;
      readonly firewall: AzureFirewall;
      readonly path: ResolutionPath;
    }
  /**
   * Azure DNS answers in `resolving`, which is linked to no zone that serves the names; it may be
   * linked to other zones of the same name (`linkedZoneKeys`), which lack the endpoint's records.
   */
  | {
      readonly kind: 'notLinked';
      readonly consumer: VirtualNetwork;
      readonly resolving: VirtualNetwork;
      readonly path: ResolutionPath;
      readonly linkedZoneKeys: readonly string[];
    };

export interface ZoneNameReach extends ServedNames {
  readonly problems: readonly ReachProblem[];
}

export interface EndpointZoneReach {
  readonly status: EndpointDnsStatus;
  /** Set when some names are served but the endpoint's VNet, and so its consumers, is unknown. */
  readonly consumersUnknown: boolean;
  /** One entry per zone name serving the endpoint's names, in the order the names were met. */
  readonly zoneNames: readonly ZoneNameReach[];
}

/**
 * For every endpoint (names with no zone at all in scope left out): the problems its consumer VNets
 * meet resolving each zone name that serves its names.
 */
export function endpointZoneReach(inv: Inventory): readonly EndpointZoneReach[] {
  const topology = new ResolutionTopology(inv);
  return endpointDnsStatuses(inv).map((status) => {
    const served = servedNames(status);
    if (served.length === 0) return { status, consumersUnknown: false, zoneNames: [] };
    const homeKey = endpointVnetKey(inv, status.endpoint);
    if (!homeKey) return { status, consumersUnknown: true, zoneNames: [] };
    const zoneNames = served.map((names) => ({
      ...names,
      problems: topology.problemsFor(status.endpoint, homeKey, names),
    }));
    return { status, consumersUnknown: false, zoneNames };
  });
}

function servedNames(status: EndpointDnsStatus): ServedNames[] {
  const byZoneName = new Map<
    string,
    { zoneName: string; zones: Map<string, string>; names: Set<string>; publicNames: Set<string> }
  >();
  for (const record of status.records) {
    if (record.state === 'noZone') continue;
    const { zoneName } = record.zone;
    const served = byZoneName.get(zoneName) ?? {
      zoneName,
      zones: new Map(),
      names: new Set(),
      publicNames: new Set(),
    };
    served.zones.set(record.zone.key, record.zone.id);
    served.names.add(record.privatelinkName);
    served.publicNames.add(record.fqdn.toLowerCase());
    byZoneName.set(zoneName, served);
  }
  return [...byZoneName.values()];
}

/**
 * The problems for the clients of an endpoint VNet depend only on that VNet, the zone name and the
 * zones serving it, not on the endpoint: they are worked out once and shared by the thousands of
 * endpoints of a spoke. Consumer VNets and resolution paths are likewise worked out once.
 */
class ResolutionTopology {
  private readonly inv: Inventory;
  private readonly consumers = new Map<string, readonly VirtualNetwork[]>();
  private readonly paths = new Map<string, readonly ResolutionPath[]>();
  private readonly problems = new Map<string, readonly ReachProblem[]>();

  constructor(inv: Inventory) {
    this.inv = inv;
  }

  problemsFor(endpoint: PrivateEndpoint, homeKey: string, served: ServedNames): readonly ReachProblem[] {
    // Public names meeting the same forwarding rules resolve alike: one of each kind is followed.
    const bySignature = new Map<string, string>();
    for (const name of served.publicNames) {
      const signature = ruleDomainsCovering(this.inv, name);
      if (!bySignature.has(signature)) bySignature.set(signature, name);
    }
    if (bySignature.size === 0) bySignature.set('', served.zoneName);
    const lists: (readonly ReachProblem[])[] = [];
    for (const [signature, publicName] of bySignature) {
      const key = `${homeKey}|${served.zoneName}|${[...served.zones.keys()].sort().join('|')}|${signature}`;
      let found = this.problems.get(key);
      if (!found) {
        const fresh: ReachProblem[] = [];
        for (const consumer of this.consumersOf(endpoint, homeKey)) {
          for (const path of this.pathsOf(consumer)) {
            const problem = problemOf(this.inv, consumer, path, served, publicName);
            if (problem) fresh.push(problem);
          }
        }
        this.problems.set(key, (found = fresh));
      }
      lists.push(found);
    }
    // Mostly one list, shared by every endpoint of the VNet: handed out as it is.
    return lists.length === 1 ? lists[0]! : lists.flat();
  }

  private consumersOf(endpoint: PrivateEndpoint, homeKey: string): readonly VirtualNetwork[] {
    let found = this.consumers.get(homeKey);
    if (!found) this.consumers.set(homeKey, (found = consumerVnetsOf(this.inv, endpoint)));
    return found;
  }

  private pathsOf(vnet: VirtualNetwork): readonly ResolutionPath[] {
    let found = this.paths.get(vnet.key);
    if (!found) this.paths.set(vnet.key, (found = workloadResolutionPaths(this.inv, vnet)));
    return found;
  }
}

function problemOf(
  inv: Inventory,
  consumer: VirtualNetwork,
  configured: ResolutionPath,
  served: ServedNames,
  publicName: string,
): ReachProblem | undefined {
  // With the forwarding rules it follows, for the public name and then the privatelink name, so
  // that a message can say where resolution really ends.
  const path = namePath(inv, configured, publicName, served.zoneName);
  const reach = zoneReachOf(inv, path, served.zoneName);
  switch (reach.kind) {
    case 'unknownServer':
      return { kind: 'unknownServer', consumer, ip: reach.ip };
    case 'publicResolver':
      return { kind: 'publicResolver', consumer, ip: reach.ip, name: reach.name, path };
    case 'proxyDisabled':
      return { kind: 'proxyDisabled', consumer, firewall: reach.firewall, path };
    case 'linked':
    case 'notLinked': {
      // A link to another zone of the same name is no better: that zone lacks the endpoint's records.
      if (reach.kind === 'linked' && reach.zoneKeys.some((key) => served.zones.has(key))) return undefined;
      const resolving = inv.vnets.get(reach.vnetKey);
      if (!resolving) return { kind: 'resolvingVnetNotRead', consumer, path, vnetKey: reach.vnetKey };
      return {
        kind: 'notLinked',
        consumer,
        resolving,
        path,
        linkedZoneKeys: reach.kind === 'linked' ? reach.zoneKeys : [],
      };
    }
  }
}
