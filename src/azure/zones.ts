// Which privatelink zones a private endpoint needs, so that a scan scoped to one resource group
// can find the central zones (often in a connectivity subscription) by name. The zone table's
// knowledge lives in src/data/privatelink-zones.ts, which depends on nothing downstream.
import { typeFromId } from '../ids.js';
import { privateLinkDnsProfile, type ZoneName } from '../data/privatelink-zones.js';
import type { CloudName, RawResource } from '../snapshot/types.js';

/** Zone names (templated ones as patterns) that the endpoint's connections need. */
export function zoneNamesForEndpoint(endpoint: RawResource, cloud: CloudName): ZoneName[] {
  return connectionsOf(endpoint).flatMap(({ targetType, groupIds }) =>
    groupIds.flatMap(
      (groupId) =>
        privateLinkDnsProfile(targetType, groupId, cloud, endpoint.location)?.needs.flatMap(
          (need) => need.alternatives,
        ) ?? [],
    ),
  );
}

/** A predicate for zone names matching any of the given names. */
export function zoneNameMatcher(names: readonly ZoneName[]): (zoneName: string) => boolean {
  return (zoneName) => names.some((name) => name.pattern.test(zoneName.toLowerCase()));
}

function connectionsOf(endpoint: RawResource): Array<{ targetType: string; groupIds: string[] }> {
  const properties = endpoint.properties ?? {};
  const connections = [properties.privateLinkServiceConnections, properties.manualPrivateLinkServiceConnections]
    .filter(Array.isArray)
    .flat() as unknown[];
  return connections.flatMap((connection) => {
    const inner = (connection as { properties?: { privateLinkServiceId?: unknown; groupIds?: unknown } }).properties;
    const target = typeof inner?.privateLinkServiceId === 'string' ? typeFromId(inner.privateLinkServiceId) : undefined;
    const groupIds = Array.isArray(inner?.groupIds)
      ? inner.groupIds.filter((g): g is string => typeof g === 'string')
      : [];
    return target ? [{ targetType: target, groupIds }] : [];
  });
}
