// A privatelink zone is authoritative for its whole name: when it lacks the endpoint's A record,
// Azure DNS answers NXDOMAIN to every linked VNet rather than falling back to the public name, so
// clients fail to resolve the service at all.
// https://learn.microsoft.com/azure/private-link/private-endpoint-dns
import { endpointDnsStatuses, type EndpointDnsStatus } from '../../src/net/dns/endpoint-dns-status.js';
import { defineCheck, type CheckResult } from '../define.js';

type Data = { zone: string; recordName: string; endpoint: string; fqdn: string; ips: string[] };
type Result = CheckResult<{ missing: (d: Data) => string }>;

export default defineCheck({
  id: 'dns/record-missing',
  title: 'Every private endpoint name has an A record in the zone that serves it',
  level: 'error',
  tags: ['dns', 'private-endpoint'],
  rationale:
    "Clients follow the service's CNAME to the privatelink name and ask the privatelink zone linked to their VNet. The zone answers for everything under its name, so a missing record is a hard NXDOMAIN, not a fallback to the public address. Records go missing when an endpoint is created without a DNS zone group, when its zone group points at another zone, or when a record written by hand is deleted.",
  remediation:
    "Let a DNS zone group on the endpoint manage the record, so it follows the endpoint's life:\n\n```sh\naz network private-endpoint dns-zone-group create --resource-group <rg> --endpoint-name <pe> \\\n  --name default --private-dns-zone <zone id> --zone-name <zone>\n```\n\nor add it by hand:\n\n```sh\naz network private-dns record-set a add-record --resource-group <rg> --zone-name <zone> \\\n  --record-set-name <record> --ipv4-address <endpoint ip>\n```",
  references: [
    {
      title: 'Azure Private Endpoint DNS configuration',
      url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-dns',
    },
    {
      title: 'Azure Private Endpoint DNS integration',
      url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration',
    },
  ],
  messages: {
    missing: (d: Data) =>
      `Zone ${d.zone} has no A record ${d.recordName} for private endpoint ${d.endpoint}, so clients of linked VNets cannot resolve ${d.fqdn} to ${d.ips.join(', ') || "the endpoint's IP"}; add the record, preferably through a DNS zone group on the endpoint.`,
  },
  evaluate(inv) {
    return endpointDnsStatuses(inv).flatMap(missingRecords);
  },
});

function missingRecords(status: EndpointDnsStatus): Result[] {
  const results: Result[] = [];
  for (const record of status.records) {
    // `noZone` is dns/zone-missing's finding; `found` is judged by dns/record-ip-mismatch.
    if (record.state !== 'missing') continue;
    results.push({
      resourceId: record.zone.id,
      related: [status.endpoint.id],
      messageId: 'missing',
      data: {
        zone: record.zone.zoneName,
        recordName: record.recordName,
        endpoint: status.endpoint.name,
        fqdn: record.privatelinkName,
        ips: [...record.endpointIps],
      },
      fact: [status.endpoint.key, record.privatelinkName],
    });
  }
  if (status.undecided.length > 0) {
    results.push({
      inconclusive: `Cannot check the A records of private endpoint ${status.endpoint.name}: ${status.undecided.join('; ')}.`,
      resourceId: status.endpoint.id,
    });
  }
  return results;
}
