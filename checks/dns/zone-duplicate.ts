// Each VNet sees only the zones it is linked to, and cannot link two zones of the same name. When
// two same-named privatelink zones are both linked, each set of VNets sees only the records written
// to its own copy (split brain), so an endpoint resolves from some VNets and not from others.
// https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration
import type { Inventory } from '../../src/inventory/inventory.js';
import type { PrivateDnsZone } from '../../src/inventory/types.js';
import { isPrivateLinkZoneName } from '../../src/data/privatelink-zones.js';
import { linkedVnetIds, vnetName, zoneResourceGroup } from '../../src/net/dns/zone-links.js';
import { defineCheck, type CheckResult } from '../define.js';

type Copy = { where: string; vnets: string[] };
type Data = { zone: string; where: string; vnets: string[]; others: Copy[] };
type Result = CheckResult<{ duplicate: (d: Data) => string }>;

export default defineCheck({
  id: 'dns/zone-duplicate',
  title: 'Each privatelink zone name exists once among the linked zones in scope',
  level: 'warning',
  tags: ['dns', 'private-endpoint', 'split-brain'],
  rationale:
    "Landing zones that each create their own `privatelink.*` zone end up with several zones of the same name, each linked to different VNets. A VNet can be linked to only one of them, and a private endpoint's DNS zone group writes its record into only one, so clients in the other VNets cannot resolve that endpoint (or resolve a stale copy). Microsoft's guidance is a single zone per name, linked to the hub and every spoke that needs it.",
  remediation:
    'Keep one zone per privatelink name (typically in the connectivity subscription): copy the records that exist only in the other copies into it, point every DNS zone group at it, move the VNet links over, then delete the copies.\n\n```sh\naz network private-dns link vnet delete --resource-group <copy rg> --zone-name <zone> --name <link> --yes\naz network private-dns link vnet create --resource-group <central rg> --zone-name <zone> \\\n  --name link-<vnet> --virtual-network <vnet id> --registration-enabled false\n```\n\nAn Azure Policy that denies `Microsoft.Network/privateDnsZones` named `privatelink.*` outside the central resource group keeps new copies from appearing.',
  references: [
    {
      title: 'Azure Private Endpoint DNS integration',
      url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration',
    },
    {
      title: 'Private Link and DNS integration at scale',
      url: 'https://learn.microsoft.com/azure/cloud-adoption-framework/ready/azure-best-practices/private-link-and-dns-integration-at-scale',
    },
  ],
  messages: {
    duplicate: (d: Data) =>
      `Zone ${d.zone} in ${d.where} answers for ${d.vnets.join(', ')}, while ${d.others
        .map((other) => `the copy in ${other.where} answers for ${other.vnets.join(', ')}`)
        .join(
          ' and ',
        )}, so records written to one copy are invisible from VNets linked to another; merge them into a single zone linked to every VNet.`,
  },
  evaluate(inv) {
    const byName = new Map<string, PrivateDnsZone[]>();
    for (const zone of inv.zones.values()) {
      if (!isPrivateLinkZoneName(zone.zoneName, inv.cloud)) continue;
      byName.set(zone.zoneName, [...(byName.get(zone.zoneName) ?? []), zone]);
    }
    const results: Result[] = [];
    for (const zones of byName.values()) {
      const linked = zones.filter((zone) => linkedVnetIds(inv, zone.key).length > 0);
      if (linked.length < 2) continue;
      for (const zone of linked) results.push(duplicate(inv, zone, zones, linked));
    }
    return results;
  },
});

function duplicate(
  inv: Inventory,
  zone: PrivateDnsZone,
  all: readonly PrivateDnsZone[],
  linked: readonly PrivateDnsZone[],
): Result {
  const where = placeOf(zone, all);
  const vnets = (candidate: PrivateDnsZone) => linkedVnetIds(inv, candidate.key).map((id) => vnetName(inv, id));
  return {
    resourceId: zone.id,
    related: all.filter((other) => other !== zone).map((other) => other.id),
    messageId: 'duplicate',
    data: {
      zone: zone.zoneName,
      where,
      vnets: vnets(zone),
      others: linked
        .filter((other) => other !== zone)
        .map((other) => ({ where: placeOf(other, all), vnets: vnets(other) })),
    },
    fact: [zone.zoneName],
  };
}

/** Resource group, plus the subscription when another copy sits in a group of the same name. */
function placeOf(zone: PrivateDnsZone, all: readonly PrivateDnsZone[]): string {
  const group = zoneResourceGroup(zone.id);
  const clash = all.some(
    (other) => other !== zone && zoneResourceGroup(other.id).toLowerCase() === group.toLowerCase(),
  );
  const subscription = /^\/subscriptions\/([^/]+)/i.exec(zone.id)?.[1];
  return clash && subscription ? `resource group ${group} of subscription ${subscription}` : `resource group ${group}`;
}
