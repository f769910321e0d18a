// A private endpoint's public name is a CNAME to its privatelink name, and Azure DNS answers that
// name with the endpoint's IP only from a private DNS zone of exactly the privatelink name. With no
// such zone in scope every client follows the CNAME to the public endpoint instead.
// https://learn.microsoft.com/azure/private-link/private-endpoint-dns
import { nameFromId } from '../../src/ids.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import type { PrivateEndpoint } from '../../src/inventory/types.js';
import { connectionGaps } from '../../src/net/dns/endpoint-dns-status.js';
import { endpointDnsExpectations, zoneGroupZoneIds, zonesForNeed } from '../../src/net/dns/private-dns.js';
import { defineCheck, type CheckResult } from '../define.js';

type Data = { endpoint: string; target: string; groupId: string; zones: string[] };
type Result = CheckResult<{ missing: (d: Data) => string }>;

export default defineCheck({
  id: 'dns/zone-missing',
  title: 'Private endpoints have the privatelink DNS zones their services need',
  level: 'error',
  tags: ['dns', 'private-endpoint'],
  rationale:
    "Each service behind a private endpoint publishes a CNAME from its public name to a fixed privatelink name (for Key Vault, `<vault>.privatelink.vaultcore.azure.net`). Only a private DNS zone with exactly that name, linked to the clients' VNets, turns the privatelink name into the endpoint's private IP. Some services need several zones from one endpoint. When a zone is missing, clients resolve the public address and either fail (public access disabled) or bypass the private path.",
  remediation:
    "Create the zone (once, usually in the hub or connectivity subscription), link it to every VNet that resolves the endpoint, and let the endpoint's DNS zone group write the records:\n\n```sh\naz network private-dns zone create --resource-group <rg> --name privatelink.vaultcore.azure.net\naz network private-dns link vnet create --resource-group <rg> --zone-name privatelink.vaultcore.azure.net \\\n  --name link-<vnet> --virtual-network <vnet id> --registration-enabled false\naz network private-endpoint dns-zone-group create --resource-group <rg> --endpoint-name <pe> \\\n  --name default --private-dns-zone <zone id> --zone-name vault\n```\n\n```bicep\nresource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {\n  name: 'privatelink.vaultcore.azure.net'\n  location: 'global'\n}\n```",
  references: [
    {
      title: 'Azure Private Endpoint private DNS zone values',
      url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-dns',
    },
    {
      title: 'Azure Private Endpoint DNS integration',
      url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration',
    },
  ],
  messages: {
    missing: (d: Data) =>
      `Private endpoint ${d.endpoint} to ${d.target} (group ${d.groupId}) needs private DNS zone ${d.zones.join(' or ')}, but no zone of that name exists in scope; create it and link it to the VNets that resolve the endpoint.`,
  },
  evaluate(inv) {
    return [...inv.privateEndpoints.values()].flatMap((endpoint) => missingZones(inv, endpoint));
  },
});

function missingZones(inv: Inventory, endpoint: PrivateEndpoint): Result[] {
  const results: Result[] = [];
  const undecided = [...connectionGaps(endpoint)];
  // Zones the zone group names but the snapshot lacks: they may exist outside what was read.
  const unreadGroupZones = zoneGroupZoneIds(inv, endpoint)
    .filter((id) => !inv.zones.has(id))
    .map((id) => nameFromId(id));
  const reported = new Set<string>();
  for (const expectation of endpointDnsExpectations(inv, endpoint)) {
    if (!expectation.profile) {
      undecided.push(
        `plaudit does not know the privatelink zones of ${expectation.targetType} group "${expectation.groupId}" in ${inv.cloud}`,
      );
      continue;
    }
    for (const need of expectation.profile.needs) {
      const found = zonesForNeed(inv, need);
      const unresolved = need.alternatives.every((alternative) => alternative.unresolved);
      if (found.length > 0 && unresolved) {
        undecided.push(
          `${need.alternatives[0]!.unresolved}, so whether zone ${found[0]!.zoneName} is the one group ${expectation.groupId} needs cannot be told`,
        );
      }
      if (found.length > 0) continue;
      const zones = need.alternatives.map((alternative) => alternative.name);
      if (reported.has(zones.join('|'))) continue;
      reported.add(zones.join('|'));
      const unread = unreadGroupZones.find((name) => need.alternatives.some((alt) => alt.pattern.test(name)));
      if (unread) {
        undecided.push(`its DNS zone group points at zone ${unread}, which is not in the snapshot`);
        continue;
      }
      const target = inv.resource(expectation.targetId);
      results.push({
        resourceId: endpoint.id,
        related: target ? [target.id] : [],
        messageId: 'missing',
        data: {
          endpoint: endpoint.name,
          target: target?.name ?? nameFromId(expectation.targetId),
          groupId: expectation.groupId,
          zones,
        },
        fact: zones,
      });
    }
  }
  if (undecided.length > 0) {
    results.push({
      inconclusive: `Cannot tell whether private endpoint ${endpoint.name} has the zones it needs: ${[...new Set(undecided)].join('; ')}.`,
      resourceId: endpoint.id,
    });
  }
  return results;
}
