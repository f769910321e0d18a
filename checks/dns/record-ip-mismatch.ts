// Clients resolve a private endpoint's name through the A record in its privatelink zone; an IP
// there that is not the endpoint's sends the traffic to another endpoint or to nothing at all.
// https://learn.microsoft.com/azure/private-link/private-endpoint-dns
import { endpointRecords } from '../../src/net/dns/endpoint-records.js';
import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'dns/record-ip-mismatch',
  title: "Private DNS A records hold exactly their private endpoint's IPs",
  level: 'error',
  tags: ['dns', 'private-endpoint'],
  rationale:
    'When a private endpoint is recreated, moved to another subnet or given a static IP, its NIC gets a new private IP. An A record written by hand, or left behind in a zone the endpoint no longer manages, still points at the old address, so clients connect to nothing or to another service entirely.',
  remediation:
    'Point the record at the endpoint NIC\'s current IP, preferably by letting a DNS zone group manage it:\n\n```sh\naz network private-endpoint dns-zone-group create --resource-group <rg> --endpoint-name <pe> \\\n  --name default --private-dns-zone <zone id> --zone-name <zone>\n```\n\nor fix it directly:\n\n```sh\naz network private-dns record-set a update --resource-group <rg> --zone-name <zone> --name <record> \\\n  --set "aRecords[0].ipv4Address=<endpoint ip>"\n```',
  references: [
    {
      title: 'Azure Private Endpoint DNS configuration',
      url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-dns',
    },
    {
      title: 'Private endpoint DNS integration',
      url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration',
    },
  ],
  messages: {
    mismatch: (d: { fqdn: string; recordIps: string[]; endpoint: string; endpointIps: string[] }) =>
      `A record ${d.fqdn} resolves to ${d.recordIps.join(', ') || 'no address'} but private endpoint ${d.endpoint} has ${d.endpointIps.join(', ')}.`,
  },
  evaluate(inv) {
    return endpointRecords(inv).flatMap((expected) => {
      if (expected.state !== 'found' || expected.endpointIps.length === 0) return [];
      const recordIps = [...expected.record.aRecords].sort();
      if (sameSet(recordIps, expected.endpointIps)) return [];
      return [
        {
          resourceId: expected.record.id,
          related: [expected.endpoint.id],
          messageId: 'mismatch' as const,
          data: {
            fqdn: expected.privatelinkName,
            recordIps,
            endpoint: expected.endpoint.name,
            endpointIps: [...expected.endpointIps],
          },
          fact: [expected.endpoint.key, ...recordIps],
        },
      ];
    });
  },
});

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
}
