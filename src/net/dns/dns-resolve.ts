// Resolves a name the way a VM in a VNet would: through the VNet's DNS servers to Azure DNS in
// some VNet's context, along the service's public CNAME into its privatelink zone, to the A
// record of the zone linked there, or to the public endpoint when no linked zone serves the name.
import type { Inventory } from '../../inventory/inventory.js';
import { endpointsServingName } from '../../inventory/topology.js';
import type { DnsRecordSet, PrivateDnsZone, VirtualNetwork, VirtualNetworkLink } from '../../inventory/types.js';
import { endpointDnsExpectations, privatelinkNameOf, relativeName, servingZoneName } from './private-dns.js';
import { knownPrivateLinkServices, privateLinkDnsProfile } from '../../data/privatelink-zones.js';
import { describePath, followForwardingRules, resolutionPaths, type ResolutionPath } from './resolvers.js';

export type Resolution =
  /** A linked privatelink zone answered with these IPs. */
  | {
      readonly kind: 'private';
      readonly ips: readonly string[];
      readonly zone: PrivateDnsZone;
      readonly link: VirtualNetworkLink;
      readonly record: DnsRecordSet;
    }
  /** No zone linked to the resolving VNet serves the name: Azure DNS follows the public chain. */
  | { readonly kind: 'public'; readonly reason: string }
  /** A linked zone serves the name but has no record, and the link does not fall back. */
  | {
      readonly kind: 'nxdomain';
      readonly zone: PrivateDnsZone;
      readonly link: VirtualNetworkLink;
      readonly recordName: string;
    }
  /** A linked zone has no record, and the link's NxDomainRedirect sends the query to the public name. */
  | {
      readonly kind: 'publicFallback';
      readonly zone: PrivateDnsZone;
      readonly link: VirtualNetworkLink;
      readonly recordName: string;
    }
  /** The path cannot be followed from configuration (unknown DNS server, proxy off). */
  | { readonly kind: 'unknown'; readonly reason: string };

export interface NameResolution {
  readonly fqdn: string;
  /** The privatelink name the public CNAME points to, when the name belongs to a known service. */
  readonly privatelinkName: string | undefined;
  readonly path: ResolutionPath;
  readonly resolver: string;
  /** The VNet whose zone links Azure DNS used, when the path reached Azure DNS. */
  readonly resolvingVnet: VirtualNetwork | undefined;
  readonly result: Resolution;
}

/** One resolution per DNS server path configured on the VNet. */
export function resolveName(inv: Inventory, vnet: VirtualNetwork, fqdn: string): readonly NameResolution[] {
  return resolveAlongPaths(inv, resolutionPaths(inv, vnet), fqdn);
}

export function resolveAlongPaths(
  inv: Inventory,
  paths: readonly ResolutionPath[],
  fqdn: string,
): readonly NameResolution[] {
  const name = fqdn.toLowerCase().replace(/\.$/, '');
  const privatelinkName = privatelinkNameFor(inv, name);
  return paths.map((configured) => {
    // The public name is asked first, then the privatelink name its CNAME points to: a forwarding
    // rule for either moves the question to the rule's DNS servers.
    const path = followForwardingRules(inv, followForwardingRules(inv, configured, name), privatelinkName ?? name);
    const resolver = describePath(inv, path);
    if (path.end.kind === 'publicResolver') {
      const reason = `DNS server ${path.end.ip} is ${path.end.name}, a public resolver that sees no private DNS zone`;
      return {
        fqdn: name,
        privatelinkName,
        path,
        resolver,
        resolvingVnet: undefined,
        result: { kind: 'public', reason },
      };
    }
    if (path.end.kind !== 'azureDns') {
      const reason =
        path.end.kind === 'unknownServer'
          ? `DNS server ${path.end.ip} is not in the snapshot, so its answers are unknown`
          : `Azure Firewall ${path.end.firewall.name} is the DNS server but its DNS proxy is off, so queries get no answer`;
      return {
        fqdn: name,
        privatelinkName,
        path,
        resolver,
        resolvingVnet: undefined,
        result: { kind: 'unknown', reason },
      };
    }
    const resolvingVnet = inv.vnets.get(path.end.vnetKey);
    return {
      fqdn: name,
      privatelinkName,
      path,
      resolver,
      resolvingVnet,
      result: answer(inv, path.end.vnetKey, privatelinkName ?? name),
    };
  });
}

function answer(inv: Inventory, vnetKey: string, name: string): Resolution {
  const linked = inv.linksOfVnet(vnetKey).flatMap((link) => {
    const zone = inv.zones.get(link.zoneKey);
    return zone ? [{ zone, link }] : [];
  });
  const serving = servingZoneName(
    name,
    linked.map((entry) => entry.zone.zoneName),
  );
  const match = linked.find((entry) => entry.zone.zoneName === serving);
  if (!match) return { kind: 'public', reason: `no private DNS zone linked to the resolving VNet serves ${name}` };
  const recordName = relativeName(name, match.zone.zoneName);
  const record = inv.recordSet(match.zone.key, 'A', recordName);
  if (record && record.aRecords.length > 0)
    return { kind: 'private', ips: [...record.aRecords].sort(), zone: match.zone, link: match.link, record };
  if (match.link.resolutionPolicy?.toLowerCase() === 'nxdomainredirect') {
    return { kind: 'publicFallback', zone: match.zone, link: match.link, recordName };
  }
  return { kind: 'nxdomain', zone: match.zone, link: match.link, recordName };
}

/** `kv.vault.azure.net` -> `kv.privatelink.vaultcore.azure.net` for any service in the zone table. */
export function privatelinkNameFor(inv: Inventory, fqdn: string): string | undefined {
  // An endpoint in scope that serves the name knows it best (templated zones use its location).
  for (const endpoint of endpointsServingName(inv, fqdn)) {
    const names = endpointDnsExpectations(inv, endpoint).flatMap((expectation) => expectation.names);
    const mapped = names.find((name) => name.fqdn === fqdn)?.privatelinkName;
    if (mapped) return mapped;
  }
  for (const row of knownPrivateLinkServices()) {
    const profile = privateLinkDnsProfile(row.resourceType, row.groupId, inv.cloud, undefined);
    const mapped = profile && privatelinkNameOf(fqdn, profile);
    if (mapped) return mapped;
  }
  return undefined;
}
