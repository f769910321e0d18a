// A DNS zone group writes the endpoint's A record into the zone it names. Clients only ever query
// the privatelink name the service's CNAME points to, so a record written into a zone of any other
// name is never found, and the zone that should hold it stays empty.
// https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration
import { nameFromId } from '../../src/ids.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import type { PrivateDnsZoneGroup } from '../../src/inventory/types.js';
import { connectionGaps } from '../../src/net/dns/endpoint-dns-status.js';
import { endpointDnsExpectations } from '../../src/net/dns/private-dns.js';
import { knownPrivateLinkZones, type PrivateLinkDnsProfile } from '../../src/data/privatelink-zones.js';
import type { CloudName } from '../../src/snapshot/types.js';
import { defineCheck, type CheckResult } from '../define.js';

type Data = { zoneGroup: string; endpoint: string; zone: string; target: string; needed: string[] };
type Result = CheckResult<{ wrongZone: (d: Data) => string }>;

export default defineCheck({
  id: 'dns/zone-group-wrong-zone',
  title: "DNS zone groups point at the privatelink zones their endpoint's service uses",
  level: 'error',
  tags: ['dns', 'private-endpoint'],
  rationale:
    "A private endpoint's DNS zone group keeps the endpoint's A records in the zones it names, creating, updating and deleting them with the endpoint. The zone must carry the exact privatelink name the service's public CNAME points to (for a Key Vault, `privatelink.vaultcore.azure.net`). A zone group aimed at another zone, often a copy-paste from another service's template, writes a record nobody queries and leaves the real name unresolved.",
  remediation:
    "Replace the zone group's zone configuration with the zone of the right name:\n\n```sh\naz network private-endpoint dns-zone-group delete --resource-group <rg> --endpoint-name <pe> --name default\naz network private-endpoint dns-zone-group create --resource-group <rg> --endpoint-name <pe> \\\n  --name default --private-dns-zone <id of privatelink.vaultcore.azure.net> --zone-name vault\n```\n\n```bicep\nresource zoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-07-01' = {\n  parent: privateEndpoint\n  name: 'default'\n  properties: {\n    privateDnsZoneConfigs: [\n      { name: 'vault', properties: { privateDnsZoneId: vaultZone.id } }\n    ]\n  }\n}\n```\n\nThen delete the record the zone group left in the wrong zone.",
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
    wrongZone: (d: Data) =>
      `DNS zone group ${d.zoneGroup} of private endpoint ${d.endpoint} writes its record into zone ${d.zone}, but clients of ${d.target} look it up in ${d.needed.length > 1 ? `one of ${d.needed.join(', ')}` : d.needed[0]}; point the zone group at that zone instead.`,
  },
  evaluate(inv) {
    return [...inv.zoneGroups.values()].flatMap((group) => judgeZoneGroup(inv, group));
  },
});

function judgeZoneGroup(inv: Inventory, group: PrivateDnsZoneGroup): Result[] {
  const endpoint = inv.privateEndpoints.get(group.privateEndpointKey);
  if (!endpoint) {
    return [
      {
        inconclusive: `Cannot judge DNS zone group ${group.name}: its private endpoint is not in the snapshot.`,
        resourceId: group.id,
      },
    ];
  }
  const expectations = endpointDnsExpectations(inv, endpoint);
  const profiles = expectations
    .map((expectation) => expectation.profile)
    .filter((profile): profile is PrivateLinkDnsProfile => profile !== undefined);
  const unknowns = [
    ...connectionGaps(endpoint),
    ...expectations
      .filter((expectation) => !expectation.profile)
      .map(
        (expectation) => `plaudit does not know the zones of ${expectation.targetType} group "${expectation.groupId}"`,
      ),
  ];
  // Endpoints to private link services use zones of their owner's choosing.
  if (profiles.length === 0 && unknowns.length === 0) return [];

  const results: Result[] = [];
  const undecided: string[] = [];
  for (const config of group.configs) {
    if (!config.zoneId) {
      undecided.push(`its config ${config.name ?? '(unnamed)'} names no zone`);
      continue;
    }
    const zone = inv.zone(config.zoneId);
    // A zone that was not read is judged by the name at the end of its id.
    const zoneName = zone?.zoneName ?? nameFromId(config.zoneId).toLowerCase();
    if (profiles.some((profile) => fitsProfile(zoneName, profile, inv.cloud))) continue;
    if (unknowns.length > 0) {
      undecided.push(`it points at zone ${zoneName}, which may still be right because ${unknowns.join('; ')}`);
      continue;
    }
    const expectation = expectations[0]!;
    const target = inv.resource(expectation.targetId);
    results.push({
      resourceId: group.id,
      related: [endpoint.id, ...(zone ? [zone.id] : [])],
      messageId: 'wrongZone',
      data: {
        zoneGroup: group.name,
        endpoint: endpoint.name,
        zone: zoneName,
        target: target?.name ?? nameFromId(expectation.targetId),
        needed: [
          ...new Set(
            profiles.flatMap((profile) => profile.needs.flatMap((need) => need.alternatives.map((alt) => alt.name))),
          ),
        ],
      },
      fact: [zoneName],
    });
  }
  if (undecided.length > 0) {
    results.push({
      inconclusive: `Cannot judge DNS zone group ${group.name} of private endpoint ${endpoint.name}: ${undecided.join('; ')}.`,
      resourceId: group.id,
    });
  }
  return results;
}

function fitsProfile(zoneName: string, profile: PrivateLinkDnsProfile, cloud: CloudName): boolean {
  return profile.needs.some((need) =>
    need.alternatives.some(
      (alternative) =>
        alternative.pattern.test(zoneName) ||
        // A known zone nested under a needed one (ACR's regional data zone) is a discouraged but working layout.
        (zoneName.endsWith(`.${alternative.name}`) &&
          knownPrivateLinkZones(cloud).some((known) => known.pattern.test(zoneName))),
    ),
  );
}
