// For every private endpoint name, where its A record should be and what was found there. The
// zone that serves a name is the one its DNS zone group points at, or, without a zone group, any
// zone in scope whose name is the longest suffix of the privatelink name.
import { normalizeId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventory } from '../../inventory/memo.js';
import { endpointIps } from '../../inventory/topology.js';
import type { DnsRecordSet, PrivateDnsZone, PrivateEndpoint } from '../../inventory/types.js';
import {
  endpointDnsExpectations,
  relativeName,
  servingZoneName,
  zoneGroupZoneIds,
  zonesForNeed,
  type EndpointDnsExpectation,
} from './private-dns.js';

interface RecordBase {
  readonly endpoint: PrivateEndpoint;
  readonly expectation: EndpointDnsExpectation;
  readonly fqdn: string;
  /** The endpoint's IPs for this name (from its NIC), sorted. */
  readonly endpointIps: readonly string[];
}

export type EndpointRecord = RecordBase &
  (
    | {
        readonly state: 'found';
        readonly privatelinkName: string;
        readonly zone: PrivateDnsZone;
        readonly record: DnsRecordSet;
      }
    | {
        readonly state: 'missing';
        readonly privatelinkName: string;
        readonly zone: PrivateDnsZone;
        readonly recordName: string;
      }
    /** No zone in scope serves the name (dns/zone-missing reports this). */
    | { readonly state: 'noZone'; readonly privatelinkName: string }
    /** The zone group points at a zone outside what was read. */
    | { readonly state: 'zoneNotRead'; readonly privatelinkName: string; readonly zoneId: string }
    /** The service's DNS names are not in plaudit's zone table, or the FQDN does not fit it. */
    | { readonly state: 'unknownName'; readonly reason: string }
  );

/** Every endpoint name's record, once per inventory. */
export function endpointRecords(inv: Inventory): readonly EndpointRecord[] {
  return recordsByInventory(inv);
}

const recordsByInventory = memoByInventory(recordsOf);

function recordsOf(inv: Inventory): readonly EndpointRecord[] {
  const records: EndpointRecord[] = [];
  for (const endpoint of inv.privateEndpoints.values()) {
    const allIps = endpointIps(inv, endpoint);
    const groupZoneIds = zoneGroupZoneIds(inv, endpoint);
    for (const expectation of endpointDnsExpectations(inv, endpoint)) {
      for (const name of expectation.names) {
        const base: RecordBase = {
          endpoint,
          expectation,
          fqdn: name.fqdn,
          endpointIps: name.ips.length > 0 ? name.ips : allIps,
        };
        if (!expectation.profile || !name.privatelinkName) {
          const reason = !expectation.profile
            ? `plaudit does not know the privatelink zones of ${expectation.targetType} group "${expectation.groupId}" in ${inv.cloud}`
            : `${name.fqdn} does not match the public names of ${expectation.targetType} group "${expectation.groupId}"`;
          records.push({ ...base, state: 'unknownName', reason });
          continue;
        }
        records.push(...recordsFor(inv, base, name.privatelinkName, groupZoneIds));
      }
    }
  }
  return records;
}

function recordsFor(
  inv: Inventory,
  base: RecordBase,
  privatelinkName: string,
  groupZoneIds: readonly string[],
): EndpointRecord[] {
  if (groupZoneIds.length > 0) {
    const readZones = groupZoneIds.map((id) => inv.zones.get(id)).filter((zone): zone is PrivateDnsZone => !!zone);
    const serving = servingZoneName(
      privatelinkName,
      readZones.map((zone) => zone.zoneName),
    );
    if (serving) {
      return readZones
        .filter((zone) => zone.zoneName === serving)
        .map((zone) => lookup(inv, base, privatelinkName, zone));
    }
    const unread = groupZoneIds.find((id) => !inv.zones.has(id));
    if (unread) return [{ ...base, state: 'zoneNotRead', privatelinkName, zoneId: unread }];
  }
  const candidates = base.expectation.profile!.needs.flatMap((need) => zonesForNeed(inv, need));
  const serving = servingZoneName(
    privatelinkName,
    candidates.map((zone) => zone.zoneName),
  );
  if (!serving) return [{ ...base, state: 'noZone', privatelinkName }];
  const zones = dedupe(candidates.filter((zone) => zone.zoneName === serving));
  const results = zones.map((zone) => lookup(inv, base, privatelinkName, zone));
  // Without a zone group, one zone of that name holding the record is enough.
  const found = results.filter((result) => result.state === 'found');
  return found.length > 0 ? found : results;
}

function lookup(inv: Inventory, base: RecordBase, privatelinkName: string, zone: PrivateDnsZone): EndpointRecord {
  const recordName = relativeName(privatelinkName, zone.zoneName);
  const record = inv.recordSet(zone.key, 'A', recordName);
  return record
    ? { ...base, state: 'found', privatelinkName, zone, record }
    : { ...base, state: 'missing', privatelinkName, zone, recordName };
}

function dedupe(zones: readonly PrivateDnsZone[]): PrivateDnsZone[] {
  const seen = new Map<string, PrivateDnsZone>();
  for (const zone of zones) seen.set(normalizeId(zone.id), zone);
  return [...seen.values()];
}
