// Which privatelink DNS zones a private endpoint needs, from the vendored table of Microsoft's
// "private endpoint DNS zone values" page. Group ids collide across services (e.g. `blob` vs
// `Microsoft.Compute/diskAccesses` `disks`), so lookups always key on (resource type, group id).
import zoneTable from './privatelink-zones.json' with { type: 'json' };
import backupGeoCodes from './backup-geo-codes.json' with { type: 'json' };
import type { CloudName } from '../snapshot/types.js';
import { serviceGroup } from './services.js';

interface ZoneTableEntry {
  resourceType: string;
  groupId: string;
  publicZones: string[];
  publicForwarders: string[];
  usgovZones: string[];
  usgovForwarders: string[];
  chinaZones: string[];
  chinaForwarders: string[];
  historicalPublicZones: string[];
}

/** A zone name, possibly still holding placeholders that match any single DNS label. */
export interface ZoneName {
  readonly name: string;
  readonly pattern: RegExp;
  /**
   * Set when a placeholder that has one right value could not be expanded (a region whose geo code
   * plaudit does not know, no location): the pattern then matches any label, so a zone it finds
   * proves nothing about the name being right.
   */
  readonly unresolved?: string;
}

/** One zone the endpoint needs; `alternatives` lists names that each satisfy it. */
export interface ZoneNeed {
  readonly alternatives: readonly ZoneName[];
}

export interface PrivateLinkDnsProfile {
  readonly needs: readonly ZoneNeed[];
  /** Public names clients use (e.g. `vault.azure.net`), each with the zone index it maps to. */
  readonly forwarders: readonly { readonly suffix: ZoneName; readonly zoneIndex: number }[];
}

const entriesByKey = new Map<string, ZoneTableEntry[]>();
for (const entry of zoneTable as ZoneTableEntry[]) {
  const key = profileKey(entry.resourceType, entry.groupId);
  entriesByKey.set(key, [...(entriesByKey.get(key) ?? []), entry]);
}

const allZoneNames = new Map<CloudName, ZoneName[]>();

export function isKnownPrivateLinkType(resourceType: string): boolean {
  const prefix = `${resourceType.toLowerCase()}|`;
  for (const key of entriesByKey.keys()) if (key.startsWith(prefix)) return true;
  return false;
}

/**
 * The DNS profile for a (resource type, group id) in a cloud, with `{regionName}` expanded from the
 * target's location. Other placeholders (`{regionCode}`, `{dnsPrefix}`...) match any one label.
 * Returns undefined when the table has no row for this cloud.
 */
export function privateLinkDnsProfile(
  resourceType: string,
  groupId: string,
  cloud: CloudName,
  location: string | undefined,
): PrivateLinkDnsProfile | undefined {
  // Thousands of endpoints share a few (type, group, region) triples; the patterns are built once.
  const key = `${profileKey(resourceType, groupId)}|${cloud}|${location?.replace(/\s+/g, '').toLowerCase() ?? ''}`;
  if (!profiles.has(key)) profiles.set(key, buildProfile(resourceType, groupId, cloud, location));
  return profiles.get(key);
}

const profiles = new Map<string, PrivateLinkDnsProfile | undefined>();

function buildProfile(
  resourceType: string,
  groupId: string,
  cloud: CloudName,
  location: string | undefined,
): PrivateLinkDnsProfile | undefined {
  const entries = (entriesByKey.get(profileKey(resourceType, groupId)) ?? []).filter(
    (entry) => zonesOf(entry, cloud).length > 0,
  );
  const first = entries[0];
  if (!first) return undefined;
  const region = location?.replace(/\s+/g, '').toLowerCase();
  const width = Math.max(...entries.map((entry) => zonesOf(entry, cloud).length));
  // Zones the services table marks as alternatives of one another form one need.
  const merged = serviceGroup(resourceType, groupId)?.zoneAlternatives ?? [];
  const needs: ZoneNeed[] = [];
  for (let index = 0; index < width; index++) {
    const group = merged.find((indexes) => indexes.includes(index));
    if (group && group[0] !== index) continue;
    const alternatives = (group ?? [index]).flatMap((position) =>
      entries
        .map((entry) => zonesOf(entry, cloud)[position])
        .filter((zone): zone is string => zone !== undefined)
        .map((zone) => zoneName(zone, region)),
    );
    needs.push({ alternatives });
  }
  const forwarders = entries.flatMap((entry) =>
    forwardersOf(entry, cloud).map((suffix, index) => ({
      suffix: zoneName(suffix, region),
      zoneIndex: index < zonesOf(entry, cloud).length ? index : 0,
    })),
  );
  return { needs: withoutNestedNeeds(needs), forwarders };
}

/** Every privatelink zone name the table knows for a cloud (current and historical). */
export function knownPrivateLinkZones(cloud: CloudName): readonly ZoneName[] {
  let names = allZoneNames.get(cloud);
  if (!names) {
    const unique = new Set<string>();
    for (const entry of zoneTable as ZoneTableEntry[]) {
      zonesOf(entry, cloud).forEach((zone) => unique.add(zone.toLowerCase()));
      if (cloud === 'AzureCloud') entry.historicalPublicZones.forEach((zone) => unique.add(zone.toLowerCase()));
    }
    names = [...unique].map((zone) => zoneName(zone, undefined));
    allZoneNames.set(cloud, names);
  }
  return names;
}

export function isPrivateLinkZoneName(name: string, cloud: CloudName): boolean {
  const lower = name.toLowerCase();
  return (
    lower.startsWith('privatelink.') ||
    lower.includes('.privatelink.') ||
    knownPrivateLinkZones(cloud).some((zone) => zone.pattern.test(lower))
  );
}

/**
 * A zone name with its placeholders expanded for a region: `{regionName}` is the region's name
 * (`eastus`), `{regionCode}` its geo code (`eus`, from Azure Backup's geo-code list). Placeholders
 * without one right value (`{subzone}`, `{dnsPrefix}`, `{partitionId}`...) match any one label.
 */
export function zoneName(template: string, region: string | undefined): ZoneName {
  let name = template.toLowerCase();
  let unresolved: string | undefined;
  if (/\{regionname\}/.test(name)) {
    if (region) name = name.replace(/\{regionname\}/g, region);
    else unresolved = 'the region is not known';
  }
  if (/\{regioncode\}/.test(name)) {
    const code = region ? geoCodeOf(region) : undefined;
    if (code) name = name.replace(/\{regioncode\}/g, code);
    else unresolved = region ? `plaudit does not know the geo code of region ${region}` : 'the region is not known';
  }
  const pattern = new RegExp(
    `^${name
      .split(/(\{[a-z]+\})/i)
      .map((part) => (/^\{[a-z]+\}$/i.test(part) ? '[^.]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('')}$`,
  );
  return unresolved ? { name, pattern, unresolved } : { name, pattern };
}

const geoCodes: Readonly<Record<string, string>> = backupGeoCodes.codes;

/** The geo code Azure Backup uses in zone names for a region (`canadacentral` -> `cnc`). */
export function geoCodeOf(region: string): string | undefined {
  return geoCodes[region.replace(/\s+/g, '').toLowerCase()];
}

/**
 * A zone nested under another zone of the same endpoint (ACR's `{region}.data.privatelink.azurecr.io`,
 * App Service's `scm.privatelink.azurewebsites.net`) is served by records in the parent zone, and
 * Microsoft's guidance is not to create it separately.
 */
function withoutNestedNeeds(needs: ZoneNeed[]): ZoneNeed[] {
  return needs.filter(
    (need) =>
      !need.alternatives.every((alternative) =>
        needs.some(
          (other) =>
            other !== need && other.alternatives.some((parent) => alternative.name.endsWith(`.${parent.name}`)),
        ),
      ),
  );
}

function profileKey(resourceType: string, groupId: string): string {
  return `${resourceType.toLowerCase()}|${groupId.toLowerCase()}`;
}

function zonesOf(entry: ZoneTableEntry, cloud: CloudName): string[] {
  return cloud === 'AzureUSGovernment'
    ? entry.usgovZones
    : cloud === 'AzureChinaCloud'
      ? entry.chinaZones
      : entry.publicZones;
}

function forwardersOf(entry: ZoneTableEntry, cloud: CloudName): string[] {
  return cloud === 'AzureUSGovernment'
    ? entry.usgovForwarders
    : cloud === 'AzureChinaCloud'
      ? entry.chinaForwarders
      : entry.publicForwarders;
}

/** Every (resource type, group id) pair the zone table knows, in the table's order. */
export function knownPrivateLinkServices(): readonly { readonly resourceType: string; readonly groupId: string }[] {
  return zoneTable as readonly ZoneTableEntry[];
}
