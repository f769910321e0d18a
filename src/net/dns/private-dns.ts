// From a private endpoint to the DNS names and records it needs: the public FQDN a client uses,
// the privatelink name its CNAME points to, the zone that should hold the A record and the IPs.
import { normalizeId, typeFromId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventoryKey } from '../../inventory/memo.js';
import { endpointNics } from '../../inventory/topology.js';
import type { PrivateDnsZone, PrivateEndpoint, PrivateEndpointConnection } from '../../inventory/types.js';
import { privateLinkDnsProfile, type PrivateLinkDnsProfile, type ZoneNeed } from '../../data/privatelink-zones.js';

export interface EndpointDnsName {
  /** The name clients use, e.g. `kv-app.vault.azure.net`. */
  readonly fqdn: string;
  /** The name the public CNAME points to, e.g. `kv-app.privatelink.vaultcore.azure.net`. */
  readonly privatelinkName: string | undefined;
  readonly ips: readonly string[];
}

export interface EndpointDnsExpectation {
  readonly endpoint: PrivateEndpoint;
  readonly connection: PrivateEndpointConnection;
  readonly groupId: string;
  readonly targetId: string;
  readonly targetType: string;
  /** Undefined when the zone table has no row for this (type, group id, cloud). */
  readonly profile: PrivateLinkDnsProfile | undefined;
  readonly names: readonly EndpointDnsName[];
}

/**
 * One expectation per connection and group id of the endpoint, worked out once per inventory: a
 * dozen checks and the firewall flows read them (the inventory does not change once built).
 */
export function endpointDnsExpectations(inv: Inventory, endpoint: PrivateEndpoint): readonly EndpointDnsExpectation[] {
  return expectationsByEndpoint(inv, endpoint);
}

const expectationsByEndpoint = memoByInventoryKey(expectationsOf, (endpoint: PrivateEndpoint) => endpoint.key);

function expectationsOf(inv: Inventory, endpoint: PrivateEndpoint): readonly EndpointDnsExpectation[] {
  const expectations: EndpointDnsExpectation[] = [];
  const nicConfigs = endpointNics(inv, endpoint).flatMap((nic) => nic.ipConfigurations);
  for (const connection of endpoint.connections) {
    const targetId = connection.targetId;
    const targetType = targetId ? typeFromId(targetId) : undefined;
    if (!targetId || !targetType || targetType === 'microsoft.network/privatelinkservices') continue;
    const location = inv.target(targetId)?.location ?? endpoint.location;
    const publicDnsOnly = resolvesWithoutPrivateZone(inv, targetId);
    for (const groupId of connection.groupIds) {
      if (publicDnsOnly) {
        // The service publishes its private address in public DNS: no zone, no record to check.
        expectations.push({ endpoint, connection, groupId, targetId, targetType, profile: noZones, names: [] });
        continue;
      }
      const profile = privateLinkDnsProfile(targetType, groupId, inv.cloud, location);
      const pairs = new Map<string, Set<string>>();
      const add = (fqdn: string, ips: readonly string[]) => {
        const set = pairs.get(fqdn.toLowerCase()) ?? new Set<string>();
        ips.forEach((ip) => set.add(ip));
        pairs.set(fqdn.toLowerCase(), set);
      };
      const configs = nicConfigs.filter((config) => config.groupId?.toLowerCase() === groupId.toLowerCase());
      for (const config of configs)
        for (const fqdn of config.fqdns) add(fqdn, config.privateIp ? [config.privateIp] : []);
      if (configs.length === 0) {
        for (const config of endpoint.customDnsConfigs) if (config.fqdn) add(config.fqdn, config.ipAddresses);
      }
      const names = [...pairs]
        .map(([fqdn, ips]) => ({
          fqdn: fqdn.replace(/\.$/, ''),
          privatelinkName: profile ? privatelinkNameOf(fqdn.replace(/\.$/, ''), profile) : undefined,
          ips: [...ips].sort(),
        }))
        .sort((a, b) => a.fqdn.localeCompare(b.fqdn));
      expectations.push({ endpoint, connection, groupId, targetId, targetType, profile, names });
    }
  }
  return expectations;
}

const noZones: PrivateLinkDnsProfile = { needs: [], forwarders: [] };

/**
 * A private AKS cluster created with `privateDNSZone: none` has no private zone: its API server's
 * name resolves to the private endpoint's address in public DNS.
 * https://learn.microsoft.com/azure/aks/private-clusters#configure-a-private-dns-zone
 */
function resolvesWithoutPrivateZone(inv: Inventory, targetId: string): boolean {
  const target = inv.target(targetId);
  if (!target || target.type !== 'microsoft.containerservice/managedclusters') return false;
  const profile = target.raw.properties?.apiServerAccessProfile;
  const zone = profile && typeof profile === 'object' ? (profile as Record<string, unknown>).privateDNSZone : undefined;
  return typeof zone === 'string' && zone.trim().toLowerCase() === 'none';
}

/** `kv.vault.azure.net` -> `kv.privatelink.vaultcore.azure.net`, using the service's public forwarders. */
export function privatelinkNameOf(fqdn: string, profile: PrivateLinkDnsProfile): string | undefined {
  const name = fqdn.toLowerCase();
  for (const need of profile.needs) {
    for (const zone of need.alternatives) {
      if (suffixMatches(name, zone.pattern)) return name;
      const publicSuffix = zone.name.replace(/^privatelink\./, '');
      if (!publicSuffix.includes('{') && name.endsWith(`.${publicSuffix}`)) {
        return `${name.slice(0, -publicSuffix.length - 1)}.${zone.name}`;
      }
    }
  }
  const forwarder = [...profile.forwarders]
    .filter((candidate) => suffixMatches(name, candidate.suffix.pattern))
    .sort((a, b) => b.suffix.name.length - a.suffix.name.length)[0];
  const zone = forwarder && (profile.needs[forwarder.zoneIndex] ?? profile.needs[0])?.alternatives[0];
  if (!forwarder || !zone || zone.name.includes('{')) return undefined;
  const labels = forwarder.suffix.name.split('.').length;
  const prefix = name.split('.').slice(0, -labels).join('.');
  return prefix ? `${prefix}.${zone.name}` : undefined;
}

/** Zones in the inventory whose name satisfies a need. */
export function zonesForNeed(inv: Inventory, need: ZoneNeed): readonly PrivateDnsZone[] {
  const found: PrivateDnsZone[] = [];
  for (const alternative of need.alternatives) {
    if (!alternative.name.includes('{')) found.push(...inv.zonesNamed(alternative.name));
    else for (const zone of inv.zones.values()) if (alternative.pattern.test(zone.zoneName)) found.push(zone);
  }
  return found;
}

/** The zone name among candidates that serves a DNS name (the longest matching suffix). */
export function servingZoneName(name: string, zoneNames: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  return zoneNames
    .filter((zone) => lower === zone || lower.endsWith(`.${zone}`))
    .sort((a, b) => b.length - a.length)[0];
}

/** The record set name of `name` inside `zoneName` (`@` for the apex). */
export function relativeName(name: string, zoneName: string): string {
  const lower = name.toLowerCase();
  return lower === zoneName ? '@' : lower.slice(0, -zoneName.length - 1);
}

/** The zones an endpoint's DNS zone groups point at, with the configs that point there. */
export function zoneGroupZoneIds(inv: Inventory, endpoint: PrivateEndpoint): readonly string[] {
  return inv
    .zoneGroupsOf(endpoint)
    .flatMap((group) => group.configs.map((config) => config.zoneId))
    .filter((id): id is string => id !== undefined)
    .map(normalizeId);
}

function suffixMatches(name: string, pattern: RegExp): boolean {
  // A pattern anchored on a whole zone name; test every suffix of the name at label boundaries.
  const labels = name.split('.');
  for (let start = 0; start < labels.length; start++) {
    if (pattern.test(labels.slice(start).join('.'))) return true;
  }
  return false;
}
