// Privatelink zones that shadow services reached publicly. Once a service has a private endpoint
// anywhere, its public name is a CNAME into the privatelink subdomain. A VNet linked to a zone of
// that name (resolution policy Default) asks that zone, and a zone without the service's record
// answers NXDOMAIN: the service is unreachable from the VNet although it is meant to be reached
// over its public endpoint (the Azure Monitor Private Link Scope trap, for storage accounts and
// anything else sharing a zone with what the VNet does reach privately).
// https://learn.microsoft.com/azure/private-link/private-endpoint-dns
// https://learn.microsoft.com/azure/dns/private-dns-fallback
import { normalizeId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventory } from '../../inventory/memo.js';
import { consumerVnetsOf } from '../consumers/index.js';
import type { PrivateDnsZone, PrivateLinkTarget, VirtualNetworkLink } from '../../inventory/types.js';
import { knownPrivateLinkServices, privateLinkDnsProfile } from '../../data/privatelink-zones.js';
import { serviceEntry } from '../../data/services.js';
import { publicExposure } from '../endpoints/public-exposure.js';
import { zoneGroupZoneIds } from './private-dns.js';

export interface ZoneShadow {
  readonly link: VirtualNetworkLink;
  readonly zone: PrivateDnsZone;
  readonly target: PrivateLinkTarget;
  /** The name the service's public CNAME points to, which the zone does not hold. */
  readonly privatelinkName: string;
}

export interface ZoneShadows {
  readonly shadows: readonly ZoneShadow[];
  /** Link id -> why a service it may shadow cannot be judged. */
  readonly undecided: ReadonlyMap<string, readonly string[]>;
}

export function zoneShadows(inv: Inventory): ZoneShadows {
  return shadowsByInventory(inv);
}

const shadowsByInventory = memoByInventory((inv): ZoneShadows => {
  const shadows: ZoneShadow[] = [];
  const undecided = new Map<string, string[]>();
  for (const target of inv.targets.values()) {
    if (!serviceEntry(target.type)?.namedByResource) continue;
    const endpoints = inv.endpointsTargeting(target.id);
    // Without an approved private endpoint anywhere the public name has no privatelink CNAME to
    // shadow (whether a pending or rejected one adds it is not documented: not assumed).
    const approved = (status: string | undefined) => status?.toLowerCase() === 'approved';
    const connected =
      target.connections.some((connection) => approved(connection.status)) ||
      endpoints.some((endpoint) =>
        endpoint.connections.some(
          (connection) =>
            connection.targetId && normalizeId(connection.targetId) === target.key && approved(connection.status),
        ),
      );
    if (!connected) continue;
    const endpointZones = new Set(endpoints.flatMap((endpoint) => zoneGroupZoneIds(inv, endpoint)));
    // Worked out only for the few services some zone lacks: estates hold thousands of endpoints.
    let consumerKeys: ReadonlySet<string> | undefined;
    const consumers = () =>
      (consumerKeys ??= new Set(
        endpoints.flatMap((endpoint) => consumerVnetsOf(inv, endpoint).map((vnet) => vnet.key)),
      ));
    let exposure: ReturnType<typeof publicExposure> | undefined;
    const groups = groupsOf(inv, target);
    for (const zoneName of zoneNamesOf(inv, target, groups)) {
      const privatelinkName = `${target.name.toLowerCase()}.${zoneName}`;
      for (const zone of inv.zonesNamed(zoneName)) {
        // Where the service's own endpoints write, a missing record is dns/record-missing's to report.
        if (endpointZones.has(zone.key) || inv.recordSet(zone.key, 'A', target.name.toLowerCase())) continue;
        for (const link of inv.linksOfZone(zone.key)) {
          if (link.resolutionPolicy?.toLowerCase() === 'nxdomainredirect') continue;
          // VNets that consume the service's endpoint are dns/zone-not-linked's to judge.
          if (link.vnetId && consumers().has(normalizeId(link.vnetId))) continue;
          if (!groups) {
            const reasons = undecided.get(link.id) ?? [];
            reasons.push(
              `whether ${target.name} needs a record in zone ${zoneName}: its private endpoints are outside the scope and do not say which sub-resource they serve`,
            );
            undecided.set(link.id, reasons);
            continue;
          }
          exposure ??= publicExposure(inv, target);
          if (exposure.kind === 'disabled') continue;
          if (exposure.kind === 'unknown') {
            const reasons = undecided.get(link.id) ?? [];
            reasons.push(
              `whether ${target.name}, which zone ${zoneName} holds no record for, is reached publicly: ${exposure.reason}`,
            );
            undecided.set(link.id, reasons);
            continue;
          }
          shadows.push({ link, zone, target, privatelinkName });
        }
      }
    }
  }
  return { shadows, undecided };
});

/**
 * The group ids the service's private endpoints serve: from the endpoints in scope and the
 * service's own connection list; with neither, the type's only group, or undefined when it has several.
 */
function groupsOf(inv: Inventory, target: PrivateLinkTarget): ReadonlySet<string> | undefined {
  const groups = new Set<string>();
  for (const endpoint of inv.endpointsTargeting(target.id)) {
    for (const connection of endpoint.connections) {
      if (connection.targetId && normalizeId(connection.targetId) === target.key) {
        connection.groupIds.forEach((group) => groups.add(group.toLowerCase()));
      }
    }
  }
  for (const connection of target.connections) connection.groupIds.forEach((group) => groups.add(group.toLowerCase()));
  if (groups.size > 0) return groups;
  const rows = knownPrivateLinkServices().filter((row) => row.resourceType.toLowerCase() === target.type.toLowerCase());
  return rows.length === 1 ? new Set([rows[0]!.groupId.toLowerCase()]) : undefined;
}

/** The fixed privatelink zone names (no placeholders) of the service's groups (every group when not known). */
function zoneNamesOf(
  inv: Inventory,
  target: PrivateLinkTarget,
  groups: ReadonlySet<string> | undefined,
): ReadonlySet<string> {
  const type = target.type.toLowerCase();
  const names = new Set<string>();
  for (const row of knownPrivateLinkServices()) {
    if (row.resourceType.toLowerCase() !== type) continue;
    if (groups && !groups.has(row.groupId.toLowerCase())) continue;
    const profile = privateLinkDnsProfile(row.resourceType, row.groupId, inv.cloud, target.location);
    for (const need of profile?.needs ?? []) {
      for (const alternative of need.alternatives) if (!alternative.name.includes('{')) names.add(alternative.name);
    }
  }
  return names;
}
