// When a private endpoint is deleted or recreated elsewhere without a DNS zone group, its A record
// stays behind. Clients keep resolving the name to an IP that no longer serves the service, or that
// a later NIC reuses, and a new endpoint for the same name cannot take over the record silently.
// https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration
import type { DnsRecordSet, PrivateDnsZone, PrivateEndpoint } from '../../src/inventory/types.js';
import {
  accountedPrivateLinkNames,
  endpointDnsStatuses,
  undecidedEndpointIps,
} from '../../src/net/dns/endpoint-dns-status.js';
import { isPrivateLinkZoneName } from '../../src/data/privatelink-zones.js';
import { defineCheck, type CheckResult } from '../define.js';

type Data = { fqdn: string; ips: string[]; zone: string };
type Result = CheckResult<{ stale: (d: Data) => string }>;

export default defineCheck({
  id: 'dns/record-stale',
  title: 'Privatelink zones hold A records only for private endpoints that exist',
  level: 'warning',
  tags: ['dns', 'private-endpoint'],
  rationale:
    'A record in a privatelink zone that no private endpoint in scope accounts for is usually left over from an endpoint that was deleted, or recreated in another subnet or subscription, while its record was managed by hand. It keeps answering with an address that no longer serves the service, and once that IP is reused by another NIC, clients connect to the wrong machine. Zones such as `privatelink.blob.core.windows.net` are shared by several services (storage, disks, backup, Azure Monitor), so every endpoint type that writes to the zone is taken into account.',
  remediation:
    'Confirm that no endpoint outside the scanned scope owns the record, then delete it, or recreate the endpoint it belonged to with a DNS zone group so its record follows its life:\n\n```sh\naz network private-dns record-set a delete --resource-group <rg> --zone-name <zone> --name <record> --yes\n```',
  references: [
    {
      title: 'Azure Private Endpoint DNS integration',
      url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration',
    },
    {
      title: 'Azure Private Endpoint private DNS zone values',
      url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-dns',
    },
  ],
  messages: {
    stale: (d: Data) =>
      `A record ${d.fqdn} (${d.ips.join(', ') || 'no address'}) in zone ${d.zone} matches no private endpoint in scope, so it is likely left over from a deleted or recreated endpoint; delete it unless an endpoint outside the scanned scope still uses it.`,
  },
  evaluate(inv) {
    const accounted = accountedPrivateLinkNames(inv);
    const undecided = undecidedEndpointIps(inv, endpointDnsStatuses(inv));
    const results: Result[] = [];
    for (const zone of inv.zones.values()) {
      if (!isPrivateLinkZoneName(zone.zoneName, inv.cloud)) continue;
      for (const record of inv.recordSetsOfZone(zone.key)) {
        if (!isEndpointRecordCandidate(record)) continue;
        const fqdn = `${record.relativeName}.${zone.zoneName}`;
        if (accounted.has(fqdn)) continue;
        results.push(staleOrUndecided(zone, record, fqdn, undecided));
      }
    }
    return results;
  },
});

function isEndpointRecordCandidate(record: DnsRecordSet): boolean {
  // VM records written by auto-registration and the zone apex are not endpoint records.
  return record.recordType === 'A' && !record.isAutoRegistered && record.relativeName !== '@';
}

function staleOrUndecided(
  zone: PrivateDnsZone,
  record: DnsRecordSet,
  fqdn: string,
  undecided: ReadonlyMap<string, PrivateEndpoint>,
): Result {
  const owner = record.aRecords.map((ip) => undecided.get(ip)).find((endpoint) => endpoint !== undefined);
  if (owner) {
    return {
      inconclusive: `Cannot tell whether A record ${fqdn} is stale: its address belongs to private endpoint ${owner.name}, whose DNS names plaudit cannot work out.`,
      resourceId: record.id,
    };
  }
  return {
    resourceId: record.id,
    related: [zone.id],
    messageId: 'stale',
    data: { fqdn, ips: [...record.aRecords].sort(), zone: zone.zoneName },
    fact: [],
  };
}
