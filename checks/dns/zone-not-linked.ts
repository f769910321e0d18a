// Azure DNS answers from a private zone only for queries that reach it from a VNet linked to that
// zone. With Azure-provided DNS that is the client's own VNet; with custom DNS servers (a forwarder
// VM, the hub firewall's DNS proxy, a DNS Private Resolver inbound endpoint) it is the VNet of the
// server. If that VNet has no link, clients get the service's public address.
// https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration
import { normalizeId } from '../../src/ids.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import type { AzureFirewall, PrivateEndpoint, VirtualNetwork } from '../../src/inventory/types.js';
import {
  endpointZoneReach,
  type EndpointZoneReach,
  type ReachProblem,
  type ServedNames,
} from '../../src/net/dns/endpoint-zone-reach.js';
import { describePath } from '../../src/net/dns/resolvers.js';
import { zoneResourceGroup } from '../../src/net/dns/zone-links.js';
import { AffectedGroups, describeEnd, type Affected, type AffectedGroup } from '../affected.js';
import { defineCheck, type CheckResult } from '../define.js';

/** A consumer VNet and the resolver chain it follows; `via` is undefined for Azure-provided DNS. */
type Resolver = { consumer: string; via: string | undefined };
type NotLinkedData = { vnet: string; zone: string; resolvers: Resolver[]; consumers: number; endpoints: string };
type OtherZoneData = NotLinkedData & { linkedIn: string[]; servingIn: string[] };
type ProxyData = { vnet: string; firewall: string; ip: string; policy: string | undefined; endpoints: string };
type PublicData = { vnet: string; resolver: string; endpoints: string };
type Result = CheckResult<{
  publicResolver: (d: PublicData) => string;
  notLinked: (d: NotLinkedData) => string;
  linkedToOtherZone: (d: OtherZoneData) => string;
  proxyDisabled: (d: ProxyData) => string;
}>;

export default defineCheck({
  id: 'dns/zone-not-linked',
  title: 'VNets that resolve a private endpoint are linked to its privatelink zone',
  level: 'error',
  tags: ['dns', 'private-endpoint'],
  rationale:
    "A private DNS zone answers only queries that Azure DNS receives from a VNet linked to it. Clients that use Azure-provided DNS resolve in their own VNet, so that VNet needs the link. Clients whose VNet points at custom DNS servers resolve wherever those servers send their queries to 168.63.129.16: the VNet of a forwarder VM, of the hub firewall acting as DNS proxy (or of the firewall's own DNS servers), or of a DNS Private Resolver inbound endpoint. That VNet needs the link, and the clients' own link does nothing. Without it the query follows the public CNAME chain and returns the service's public address, so traffic either fails (public access disabled) or leaves the private path.",
  remediation:
    "Link the zone to the VNet where the queries are resolved, as named in the finding:\n\n```sh\naz network private-dns link vnet create --resource-group <zone rg> --zone-name <zone> \\\n  --name link-<vnet> --virtual-network <vnet id> --registration-enabled false\n```\n\n```bicep\nresource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {\n  parent: zone\n  name: 'link-vnet-hub'\n  location: 'global'\n  properties: {\n    virtualNetwork: { id: hubVnet.id }\n    registrationEnabled: false\n  }\n}\n```\n\nWhen the VNet uses the hub firewall as its DNS server, also keep DNS proxy enabled in the firewall policy (`az network firewall policy update --name <policy> --resource-group <rg> --enable-dns-proxy true`).",
  references: [
    {
      title: 'Azure Private Endpoint DNS integration',
      url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration',
    },
    {
      title: 'What is a virtual network link?',
      url: 'https://learn.microsoft.com/azure/dns/private-dns-virtual-network-links',
    },
    {
      title: 'Azure Firewall DNS settings',
      url: 'https://learn.microsoft.com/azure/firewall/dns-settings',
    },
    {
      title: 'Azure DNS Private Resolver endpoints and rulesets',
      url: 'https://learn.microsoft.com/azure/dns/private-resolver-endpoints-rulesets',
    },
  ],
  messages: {
    publicResolver: (d: PublicData) =>
      `Clients in VNet ${d.vnet} resolve through ${d.resolver}, a public resolver that sees no private DNS zone, so ${d.endpoints} resolve publicly; point the VNet's DNS at Azure-provided DNS or a resolver in a VNet linked to the privatelink zones.`,
    notLinked: (d: NotLinkedData) =>
      `VNet ${d.vnet} has no link to zone ${d.zone}, so ${clientList(d)} get the public address of ${d.endpoints}; link ${d.zone} to ${d.vnet}.`,
    linkedToOtherZone: (d: OtherZoneData) =>
      `VNet ${d.vnet} is linked to the zone ${d.zone} in ${d.linkedIn.join(', ')}, not to the one in ${d.servingIn.join(', ')} that serves ${d.endpoints}, so ${clientList(d)} cannot resolve them; keep one zone of that name, holding every record, and link it to ${d.vnet}.`,
    proxyDisabled: (d: ProxyData) =>
      `VNet ${d.vnet} uses Azure Firewall ${d.firewall} (${d.ip}) as its DNS server but the firewall's DNS proxy is off, so its clients cannot resolve ${d.endpoints} at all; enable DNS proxy in ${d.policy ? `firewall policy ${d.policy}` : 'the firewall'} or point the VNet at a DNS server that answers.`,
  },
  evaluate(inv) {
    const findings = new Findings(inv);
    for (const reach of endpointZoneReach(inv)) judgeEndpoint(inv, reach, findings);
    return findings.results();
  },
});

/** At most this many consumer VNets are named in a message; the rest are counted. */
const namedConsumers = 3;

function clientList(d: NotLinkedData): string {
  const parts = d.resolvers.map((r) =>
    r.via ? `${r.consumer}, which resolve through ${r.via},` : `${r.consumer}, which use Azure-provided DNS,`,
  );
  const more = d.consumers - d.resolvers.length;
  const rest = more > 0 ? ` and in ${more.toLocaleString('en-US')} more VNets` : '';
  return `clients in ${parts.join(' and in ')}${rest}`;
}

function judgeEndpoint(inv: Inventory, reach: EndpointZoneReach, findings: Findings): void {
  const { endpoint, undecided } = reach.status;
  if (undecided.length > 0) {
    findings.undecided(endpoint.id, `which zone private endpoint ${endpoint.name} needs: ${undecided.join('; ')}`);
  }
  if (reach.consumersUnknown) {
    findings.undecided(endpoint.id, `which VNets consume private endpoint ${endpoint.name}: its subnet is not known`);
  }
  for (const zoneName of reach.zoneNames) {
    for (const problem of zoneName.problems) {
      switch (problem.kind) {
        case 'unknownServer':
          findings.undecided(
            problem.consumer.id,
            `whether VNet ${problem.consumer.name} resolves private endpoints: its DNS server ${problem.ip} is not in the snapshot (on-premises or outside the scope)`,
          );
          break;
        case 'resolvingVnetNotRead':
          findings.undecided(
            problem.consumer.id,
            `whether VNet ${problem.consumer.name} resolves private endpoints: it resolves through ${describePath(inv, problem.path)}, in VNet ${problem.vnetKey}, which is not in the snapshot`,
          );
          break;
        case 'proxyDisabled':
          findings.proxyDisabled(problem, endpoint);
          break;
        case 'publicResolver':
          findings.publicResolver(problem, endpoint);
          break;
        case 'notLinked':
          findings.gap(problem, zoneName, endpoint);
          break;
      }
    }
  }
}

interface Gap {
  readonly vnet: VirtualNetwork;
  readonly zoneName: string;
  readonly resolvers: Map<string, Resolver>;
  readonly servingZones: Map<string, string>;
  readonly linkedZoneKeys: Set<string>;
}

/** Aggregates per (VNet to link, zone name) and per (consumer VNet, firewall), so each gap is reported once. */
class Findings {
  private readonly inv: Inventory;
  private readonly gaps = new AffectedGroups<Gap>('virtualNetwork', 'privateEndpoint');
  private readonly silent = new AffectedGroups<{ vnet: VirtualNetwork; firewall: AzureFirewall; ip: string }>(
    'virtualNetwork',
    'privateEndpoint',
  );
  private readonly unknown = new Map<string, Set<string>>();
  private readonly gapOf = new WeakMap<ReachProblem, { group: AffectedGroup<Gap>; via: string | undefined }>();
  private readonly publicResolvers = new AffectedGroups<{ vnet: VirtualNetwork; resolver: string }>(
    'virtualNetwork',
    'privateEndpoint',
  );

  constructor(inv: Inventory) {
    this.inv = inv;
  }

  gap(problem: Extract<ReachProblem, { kind: 'notLinked' }>, served: ServedNames, endpoint: PrivateEndpoint): void {
    const { resolving: vnet, consumer, path } = problem;
    const { zoneName } = served;
    // A problem is shared by every endpoint of one VNet and zone name: its group and path text too.
    let known = this.gapOf.get(problem);
    if (!known) {
      const group = this.gaps.group(`${vnet.key}|${zoneName}`, () => ({
        vnet,
        zoneName,
        resolvers: new Map(),
        servingZones: new Map(),
        linkedZoneKeys: new Set(),
      }));
      known = { group, via: path.hops.length > 0 ? describePath(this.inv, path) : undefined };
      this.gapOf.set(problem, known);
      for (const zoneKey of problem.linkedZoneKeys) group.data.linkedZoneKeys.add(zoneKey);
    }
    const { group, via } = known;
    group.add(consumer.id, endpoint.id);
    const gap = group.data;
    if (gap.resolvers.size < namedConsumers) {
      gap.resolvers.set(`${consumer.key}|${via ?? ''}`, { consumer: consumer.name, via });
    }
    for (const [zoneKey, id] of served.zones) if (!gap.servingZones.has(zoneKey)) gap.servingZones.set(zoneKey, id);
  }

  proxyDisabled(problem: Extract<ReachProblem, { kind: 'proxyDisabled' }>, endpoint: PrivateEndpoint): void {
    const { consumer, firewall, path } = problem;
    const hop = path.hops[path.hops.length - 1];
    this.silent.add(
      `${consumer.key}|${firewall.key}`,
      () => ({
        vnet: consumer,
        firewall,
        ip: hop?.kind === 'firewallProxy' ? hop.ip : (firewall.privateIps[0] ?? 'its private IP'),
      }),
      consumer.id,
      endpoint.id,
    );
  }

  publicResolver(problem: Extract<ReachProblem, { kind: 'publicResolver' }>, endpoint: PrivateEndpoint): void {
    const resolver = `${problem.ip} (${problem.name})${problem.path.hops.length > 0 ? ` after ${describePath(this.inv, problem.path)}` : ''}`;
    this.publicResolvers.add(
      `${problem.consumer.key}|${problem.ip}`,
      () => ({ vnet: problem.consumer, resolver }),
      problem.consumer.id,
      endpoint.id,
    );
  }

  undecided(resourceId: string, reason: string): void {
    const reasons = this.unknown.get(resourceId) ?? new Set();
    reasons.add(reason);
    this.unknown.set(resourceId, reasons);
  }

  results(): Result[] {
    const results: Result[] = [];
    for (const { data: gap, affected } of this.gaps.entries()) results.push(this.gapResult(gap, affected));
    for (const { data: entry, affected } of this.silent.entries()) {
      const policy = this.inv.firewallPolicy(entry.firewall.policyId);
      results.push({
        resourceId: entry.vnet.id,
        related: [entry.firewall.id, ...(policy ? [policy.id] : [])],
        messageId: 'proxyDisabled',
        data: {
          vnet: entry.vnet.name,
          firewall: entry.firewall.name,
          ip: entry.ip,
          policy: policy?.name,
          endpoints: describeEnd(affected, 'targets'),
        },
        affected,
        fact: [normalizeId(entry.firewall.id)],
      });
    }
    for (const { data: entry, affected } of this.publicResolvers.entries()) {
      results.push({
        resourceId: entry.vnet.id,
        messageId: 'publicResolver',
        data: { vnet: entry.vnet.name, resolver: entry.resolver, endpoints: describeEnd(affected, 'targets') },
        affected,
        fact: ['publicResolver', entry.resolver],
      });
    }
    for (const [resourceId, reasons] of this.unknown) {
      results.push({ inconclusive: `Cannot tell ${[...reasons].sort().join('; ')}.`, resourceId });
    }
    return results;
  }

  private gapResult(gap: Gap, affected: Affected): Result {
    const linkedZones = [...gap.linkedZoneKeys]
      .map((key) => this.inv.zones.get(key))
      .filter((zone) => zone !== undefined);
    const data: NotLinkedData = {
      vnet: gap.vnet.name,
      zone: gap.zoneName,
      resolvers: [...gap.resolvers.values()].sort((a, b) => a.consumer.localeCompare(b.consumer)),
      consumers: affected.sources,
      endpoints: describeEnd(affected, 'targets'),
    };
    const related = [...gap.servingZones.values(), ...linkedZones.map((zone) => zone.id)];
    if (gap.linkedZoneKeys.size === 0) {
      return { resourceId: gap.vnet.id, related, messageId: 'notLinked', data, affected, fact: [gap.zoneName] };
    }
    const groups = (ids: Iterable<string>) => [...new Set([...ids].map(zoneResourceGroup))].sort();
    return {
      resourceId: gap.vnet.id,
      related,
      messageId: 'linkedToOtherZone',
      data: {
        ...data,
        linkedIn: groups([...gap.linkedZoneKeys].map((key) => this.inv.zones.get(key)?.id ?? key)),
        servingIn: groups(gap.servingZones.values()),
      },
      affected,
      fact: [gap.zoneName],
    };
  }
}
