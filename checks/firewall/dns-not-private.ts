// For application rules (and FQDN network rules) Azure Firewall ignores the address the client
// resolved: it takes the name from SNI or the Host header, resolves it with its own DNS and
// connects there. If that DNS has no link to the endpoint's privatelink zone, the firewall gets the
// service's public address and connects to the public endpoint: refused when public access is
// disabled, and silently off the private path when it is not.
// https://learn.microsoft.com/azure/private-link/inspect-traffic-with-azure-firewall
import { nameFromId } from '../../src/ids.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import type { AzureFirewall } from '../../src/inventory/types.js';
import { endpointRecords } from '../../src/net/dns/endpoint-records.js';
import { firewalledEndpointFlows } from '../../src/net/firewall/flows.js';
import { ruleDomainsCovering } from '../../src/net/dns/forwarding-rules.js';
import { describePath, firewallResolutionPaths, type ResolutionPath } from '../../src/net/dns/resolvers.js';
import { namePath } from '../../src/net/dns/zone-links.js';
import { defineCheck, type CheckResult, type Messages } from '../define.js';

const messages = {
  notLinked: (d: {
    firewall: string;
    names: string;
    endpoints: string;
    resolver: string;
    vnet: string;
    zone: string;
  }) =>
    `Azure Firewall ${d.firewall} resolves ${d.names} (${d.endpoints}) with ${d.resolver}, ending in VNet ${d.vnet}, which has no link to zone ${d.zone}, so the firewall connects to the public endpoint instead of the private one; link ${d.zone} to ${d.vnet}.`,
  publicResolver: (d: { firewall: string; names: string; endpoints: string; resolver: string }) =>
    `Azure Firewall ${d.firewall} resolves ${d.names} (${d.endpoints}) with ${d.resolver}, a public resolver that sees no private DNS zone, so the firewall connects to the public endpoint instead of the private one; give the firewall DNS servers that resolve in a VNet linked to the privatelink zone.`,
  hubNotLinkable: (d: {
    firewall: string;
    names: string;
    endpoints: string;
    hub: string;
    zone: string;
    config: string;
  }) =>
    `Azure Firewall ${d.firewall} in secured virtual hub ${d.hub} resolves ${d.names} (${d.endpoints}) with Azure-provided DNS in the hub, which cannot be linked to zone ${d.zone}, so the firewall connects to the public endpoint; set the DNS servers of ${d.config} to a resolver in a VNet linked to ${d.zone}.`,
} satisfies Messages;

interface Unlinked {
  firewall: AzureFirewall;
  vnetKey: string;
  zoneName: string;
  resolver: string;
  zoneIds: Set<string>;
  endpoints: Map<string, string>;
  names: Set<string>;
}

export default defineCheck({
  id: 'firewall/dns-not-private',
  title: 'The hub firewall resolves private endpoint names to their private IPs',
  level: 'error',
  tags: ['firewall', 'dns', 'private-endpoint'],
  rationale:
    "When Azure Firewall allows a connection with an application rule, it does not forward the packet to the address the client resolved. It reads the name from TLS SNI or the HTTP Host header, resolves that name itself, and opens its own connection to the answer (FQDN network rules likewise match against what the firewall resolves). With Azure-provided DNS the firewall resolves in the context of its own VNet; with custom DNS servers, in the VNet of those servers (a forwarder, a DNS Private Resolver inbound endpoint). If that VNet is not linked to the privatelink zone, the public CNAME chain ends at the service's public address, so the firewall goes to the public endpoint: the request fails when public access is disabled, or leaves the private path when it is enabled, although every client resolves correctly. An Azure Firewall in a secured Virtual WAN hub resolves in the hub, which Microsoft manages and which cannot be linked to any private DNS zone: it must use DNS servers (a DNS Private Resolver inbound endpoint, a forwarder) in a VNet that is linked.",
  remediation:
    "Link the privatelink zone to the VNet where the firewall's queries are resolved (the hub VNet for Azure-provided DNS):\n\n```sh\naz network private-dns link vnet create --resource-group <zone rg> --zone-name privatelink.vaultcore.azure.net \\\n  --name link-vnet-hub --virtual-network <hub vnet id> --registration-enabled false\n```\n\n```bicep\nresource hubLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {\n  parent: zone\n  name: 'link-vnet-hub'\n  location: 'global'\n  properties: {\n    virtualNetwork: { id: hubVnet.id }\n    registrationEnabled: false\n  }\n}\n```\n\nIf the firewall policy sets custom DNS servers, link the zone to the VNet of those servers instead, or make them forward the public zone (for example `vault.azure.net`) to a resolver that sees the link. For a firewall in a secured Virtual WAN hub, set the policy's DNS servers to a resolver in a spoke linked to the zone:\n\n```sh\naz network firewall policy update --resource-group <rg> --name <policy> --dns-servers <resolver inbound IP> --enable-dns-proxy true\n```",
  references: [
    {
      title: 'Use Azure Firewall to inspect traffic destined to a private endpoint',
      url: 'https://learn.microsoft.com/azure/private-link/inspect-traffic-with-azure-firewall',
    },
    {
      title: 'Tutorial: Inspect private endpoint traffic with Azure Firewall',
      url: 'https://learn.microsoft.com/azure/private-link/tutorial-inspect-traffic-azure-firewall',
    },
    {
      title: 'Azure Firewall DNS settings',
      url: 'https://learn.microsoft.com/azure/firewall/dns-settings',
    },
    {
      title: 'Secure traffic destined to private endpoints in Azure Virtual WAN',
      url: 'https://learn.microsoft.com/azure/firewall-manager/private-link-inspection-secure-virtual-hub',
    },
  ],
  messages,
  evaluate(inv, ctx) {
    const results: CheckResult<typeof messages>[] = [];
    const { resolvedNames, gaps } = firewalledEndpointFlows(inv, ctx);
    for (const gap of gaps) results.push({ inconclusive: gap.reason, resourceId: gap.resourceId });
    const zonesByName = new Map<string, { zoneName: string; zoneIds: string[] }>();
    for (const record of endpointRecords(inv)) {
      const zone =
        record.state === 'found' || record.state === 'missing'
          ? { name: record.zone.zoneName, id: record.zone.id }
          : record.state === 'zoneNotRead'
            ? { name: nameFromId(record.zoneId).toLowerCase(), id: undefined }
            : undefined;
      if (!zone) continue; // no zone serves the name: the dns checks report that
      const key = `${record.endpoint.key}|${record.fqdn.toLowerCase()}`;
      const entry = zonesByName.get(key) ?? { zoneName: zone.name, zoneIds: [] };
      if (zone.id) entry.zoneIds.push(zone.id);
      zonesByName.set(key, entry);
    }
    const unknown = new Map<string, string>();
    const resolution = new FirewallResolution(inv, unknown);
    const unlinked = new Map<string, Unlinked>();
    for (const { firewall, endpoint, fqdn } of resolvedNames) {
      const zone = zonesByName.get(`${endpoint.key}|${fqdn.toLowerCase()}`);
      if (!zone) continue;
      for (const { path, vnetKey } of resolution.unlinkedPaths(firewall, zone.zoneName, fqdn)) {
        const key = `${firewall.key}|${vnetKey}|${zone.zoneName}`;
        const entry = unlinked.get(key) ?? {
          firewall,
          vnetKey,
          zoneName: zone.zoneName,
          resolver: describePath(inv, path),
          zoneIds: new Set<string>(),
          endpoints: new Map<string, string>(),
          names: new Set<string>(),
        };
        zone.zoneIds.forEach((id) => entry.zoneIds.add(id));
        entry.endpoints.set(endpoint.id, endpoint.name);
        entry.names.add(fqdn);
        unlinked.set(key, entry);
      }
    }
    for (const [resourceId, reason] of unknown) results.push({ inconclusive: reason, resourceId });
    for (const entry of unlinked.values()) {
      const vnet = inv.vnets.get(entry.vnetKey);
      const endpointNames = [...entry.endpoints.values()];
      const endpointsText = `${endpointNames.length > 1 ? 'private endpoints' : 'private endpoint'} ${listOf(endpointNames)}`;
      if (entry.vnetKey.startsWith('public:')) {
        results.push({
          resourceId: entry.firewall.id,
          related: [...entry.zoneIds, ...entry.endpoints.keys()],
          messageId: 'publicResolver',
          data: {
            firewall: entry.firewall.name,
            names: listOf([...entry.names]),
            endpoints: endpointsText,
            resolver: entry.resolver,
          },
          fact: [entry.firewall.key, entry.zoneName, 'publicResolver'],
        });
        continue;
      }
      const hub = inv.virtualHubs.get(entry.vnetKey);
      if (hub) {
        // A secured hub is managed by Microsoft and takes no zone links: the fix is the firewall's DNS servers.
        const config = inv.firewallPolicy(entry.firewall.policyId) ?? entry.firewall;
        results.push({
          resourceId: config.id,
          related: [entry.firewall.id, hub.id, ...entry.zoneIds, ...entry.endpoints.keys()],
          messageId: 'hubNotLinkable',
          data: {
            firewall: entry.firewall.name,
            names: listOf([...entry.names]),
            endpoints: endpointsText,
            hub: hub.name,
            zone: entry.zoneName,
            config: config === entry.firewall ? `firewall ${config.name}` : `firewall policy ${config.name}`,
          },
          fact: [entry.firewall.key, entry.zoneName],
        });
        continue;
      }
      results.push({
        resourceId: vnet?.id ?? entry.vnetKey,
        related: [entry.firewall.id, ...entry.zoneIds, ...entry.endpoints.keys()],
        messageId: 'notLinked',
        data: {
          firewall: entry.firewall.name,
          names: listOf([...entry.names]),
          endpoints: `${endpointNames.length > 1 ? 'private endpoints' : 'private endpoint'} ${listOf(endpointNames)}`,
          resolver: entry.resolver,
          vnet: vnet?.name ?? nameFromId(entry.vnetKey),
          zone: entry.zoneName,
        },
        fact: [entry.firewall.key, entry.zoneName],
      });
    }
    return results;
  },
});

/**
 * Where a firewall's queries end and whether a zone name is linked there depend only on the
 * firewall and the zone name, so each pair is judged once for all the names the firewall resolves.
 * Paths plaudit cannot follow are recorded in `unknown`, by firewall id.
 */
class FirewallResolution {
  private readonly inv: Inventory;
  private readonly unknown: Map<string, string>;
  private readonly paths = new Map<string, readonly ResolutionPath[]>();
  private readonly linkedZones = new Map<string, ReadonlySet<string>>();
  private readonly unlinked = new Map<string, readonly { path: ResolutionPath; vnetKey: string }[]>();

  constructor(inv: Inventory, unknown: Map<string, string>) {
    this.inv = inv;
    this.unknown = unknown;
  }

  /** The paths of the firewall's queries that end in a VNet with no link to a zone of that name. */
  unlinkedPaths(
    firewall: AzureFirewall,
    zoneName: string,
    fqdn: string,
  ): readonly { path: ResolutionPath; vnetKey: string }[] {
    // Forwarding rules linked to the firewall's VNet apply to its lookups too, public name first.
    const key = `${firewall.key}|${zoneName}|${ruleDomainsCovering(this.inv, fqdn)}`;
    let found = this.unlinked.get(key);
    if (!found) this.unlinked.set(key, (found = this.judge(firewall, zoneName, fqdn)));
    return found;
  }

  private judge(firewall: AzureFirewall, zoneName: string, fqdn: string): { path: ResolutionPath; vnetKey: string }[] {
    let paths = this.paths.get(firewall.key);
    if (!paths) this.paths.set(firewall.key, (paths = firewallResolutionPaths(this.inv, firewall)));
    if (paths.length === 0) {
      this.unknown.set(
        firewall.id,
        `Azure Firewall ${firewall.name} has no subnet in the snapshot, so plaudit cannot tell where it resolves private endpoint names.`,
      );
    }
    const found: { path: ResolutionPath; vnetKey: string }[] = [];
    for (const configured of paths) {
      const path = namePath(this.inv, configured, fqdn, zoneName);
      if (path.end.kind === 'publicResolver') {
        found.push({ path, vnetKey: `public:${path.end.ip}` });
      } else if (path.end.kind === 'unknownServer') {
        this.unknown.set(
          firewall.id,
          `Azure Firewall ${firewall.name} resolves names through DNS server ${path.end.ip}, which is not in the snapshot, so plaudit cannot tell whether it resolves private endpoint names privately.`,
        );
      } else if (path.end.kind === 'proxyDisabled') {
        this.unknown.set(
          firewall.id,
          `Azure Firewall ${firewall.name} resolves names through Azure Firewall ${path.end.firewall.name}, whose DNS proxy is off, so its queries go unanswered.`,
        );
      } else if (!this.linkedZoneNames(path.end.vnetKey).has(zoneName)) {
        found.push({ path, vnetKey: path.end.vnetKey });
      }
    }
    return found;
  }

  private linkedZoneNames(vnetKey: string): ReadonlySet<string> {
    let linked = this.linkedZones.get(vnetKey);
    if (!linked) {
      linked = new Set(this.inv.linksOfVnet(vnetKey).map((link) => nameFromId(link.zoneKey)));
      this.linkedZones.set(vnetKey, linked);
    }
    return linked;
  }
}

function listOf(items: readonly string[]): string {
  return items.length > 3 ? `${items.slice(0, 3).join(', ')} and ${items.length - 3} more` : items.join(', ');
}
