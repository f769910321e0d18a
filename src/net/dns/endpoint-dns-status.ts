// Per private endpoint: the names whose zone plaudit could locate, and why it cannot judge the
// others (a service missing from the zone table, a zone group pointing at a zone that was not read,
// no FQDN known). Checks report the second list as inconclusive rather than passing silently.
import { nameFromId, typeFromId } from '../../ids.js';
import { groupBy } from '../../inventory/group-by.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventory } from '../../inventory/memo.js';
import { endpointIps } from '../../inventory/topology.js';
import type { PrivateEndpoint } from '../../inventory/types.js';
import { endpointDnsExpectations } from './private-dns.js';
import { endpointRecords, type EndpointRecord } from './endpoint-records.js';

export type LocatedRecord = Extract<EndpointRecord, { state: 'found' | 'missing' | 'noZone' }>;

export interface EndpointDnsStatus {
  readonly endpoint: PrivateEndpoint;
  /** Names whose place plaudit worked out: the record is there, missing, or no zone serves it. */
  readonly records: readonly LocatedRecord[];
  /** Why some of the endpoint's names cannot be judged; empty when all of them can. */
  readonly undecided: readonly string[];
}

const privateLinkServiceType = 'microsoft.network/privatelinkservices';

/** Every endpoint's status, worked out once per inventory (several checks read them). */
export function endpointDnsStatuses(inv: Inventory): readonly EndpointDnsStatus[] {
  return statusesByInventory(inv);
}

const statusesByInventory = memoByInventory(statusesOf);

function statusesOf(inv: Inventory): EndpointDnsStatus[] {
  const recordsByEndpoint = groupBy(endpointRecords(inv), (record) => record.endpoint.key);
  return [...inv.privateEndpoints.values()].map((endpoint) => {
    const records: LocatedRecord[] = [];
    const undecided = new Set<string>(connectionGaps(endpoint));
    for (const record of recordsByEndpoint.get(endpoint.key) ?? []) {
      if (record.state === 'unknownName') undecided.add(record.reason);
      else if (record.state === 'zoneNotRead') {
        undecided.add(`its DNS zone group points at zone ${record.zoneId}, which is not in the snapshot`);
      } else records.push(record);
    }
    for (const expectation of endpointDnsExpectations(inv, endpoint)) {
      if (expectation.names.length > 0 || expectation.profile?.needs.length === 0) continue;
      undecided.add(
        expectation.profile
          ? `no FQDN is known for its "${expectation.groupId}" connection to ${nameFromId(expectation.targetId)} (its NIC was not read and it has no customDnsConfigs)`
          : `plaudit does not know the privatelink zones of ${expectation.targetType} group "${expectation.groupId}" in ${inv.cloud}`,
      );
    }
    return { endpoint, records, undecided: [...undecided].sort() };
  });
}

/** Connections whose DNS needs cannot be worked out: no target, or no group id on a PaaS target. */
export function connectionGaps(endpoint: PrivateEndpoint): readonly string[] {
  const gaps: string[] = [];
  for (const connection of endpoint.connections) {
    const label = connection.name ?? 'a connection';
    const type = connection.targetId ? typeFromId(connection.targetId) : undefined;
    if (!connection.targetId || !type) gaps.push(`connection ${label} names no target resource`);
    else if (type !== privateLinkServiceType && connection.groupIds.length === 0) {
      gaps.push(`connection ${label} to ${nameFromId(connection.targetId)} has no group id`);
    }
  }
  return gaps;
}

/**
 * Every privatelink FQDN (lower case, no trailing dot) that some endpoint in scope accounts for:
 * the names its FQDNs map to, the names themselves, and the record sets its zone groups wrote.
 */
export function accountedPrivateLinkNames(inv: Inventory): ReadonlySet<string> {
  const names = new Set<string>();
  const add = (name: string | undefined) => {
    if (name) names.add(name.toLowerCase().replace(/\.$/, ''));
  };
  for (const record of endpointRecords(inv)) {
    add(record.fqdn);
    if (record.state !== 'unknownName') add(record.privatelinkName);
  }
  for (const group of inv.zoneGroups.values()) {
    for (const config of group.configs) {
      const zoneName = config.zoneId ? nameFromId(config.zoneId).toLowerCase() : undefined;
      for (const recordSet of config.recordSets) {
        add(recordSet.fqdn);
        if (zoneName && recordSet.recordSetName) {
          add(recordSet.recordSetName === '@' ? zoneName : `${recordSet.recordSetName}.${zoneName}`);
        }
      }
    }
  }
  return names;
}

/** Private IPs of endpoints with names plaudit cannot judge: a record holding one may be theirs. */
export function undecidedEndpointIps(
  inv: Inventory,
  statuses: readonly EndpointDnsStatus[],
): ReadonlyMap<string, PrivateEndpoint> {
  const owners = new Map<string, PrivateEndpoint>();
  for (const status of statuses) {
    if (status.undecided.length === 0) continue;
    for (const ip of endpointIps(inv, status.endpoint)) owners.set(ip, status.endpoint);
  }
  return owners;
}
