// Auto-registration makes Azure write an A record for every VM of the linked VNet into the zone.
// In a privatelink zone those records mix with the endpoints' records, can take a name an endpoint
// needs, and use up the VNet's only registration zone.
// https://learn.microsoft.com/azure/dns/private-dns-autoregistration
import { isPrivateLinkZoneName } from '../../src/data/privatelink-zones.js';
import { linkRelatedIds, vnetName, zoneNameOfLink } from '../../src/net/dns/zone-links.js';
import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'dns/link-autoregistration',
  title: 'Links to privatelink zones have auto-registration off',
  level: 'warning',
  tags: ['dns', 'private-endpoint'],
  rationale:
    'A privatelink zone should hold only the records of private endpoints, managed by their DNS zone groups. With auto-registration on, Azure also writes and deletes an A record for every VM in the linked VNet, so VM host names sit next to endpoint names and a VM named like a service can claim the name an endpoint needs. A VNet can auto-register into only one zone, so the setting also keeps the VNet out of the zone meant for its VM names.',
  remediation:
    "Turn registration off on the link (the VM records it wrote are removed):\n\n```sh\naz network private-dns link vnet update --resource-group <rg> --zone-name <zone> --name <link> \\\n  --registration-enabled false\n```\n\n```bicep\nresource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {\n  parent: zone\n  name: 'link-vnet-app'\n  location: 'global'\n  properties: {\n    virtualNetwork: { id: appVnet.id }\n    registrationEnabled: false\n  }\n}\n```",
  references: [
    {
      title: 'What is the auto registration feature in Azure DNS private zones?',
      url: 'https://learn.microsoft.com/azure/dns/private-dns-autoregistration',
    },
    {
      title: 'What is a virtual network link?',
      url: 'https://learn.microsoft.com/azure/dns/private-dns-virtual-network-links',
    },
  ],
  messages: {
    autoregistration: (d: { link: string; vnet: string; zone: string }) =>
      `Link ${d.link} from ${d.vnet} to zone ${d.zone} has auto-registration on, so the A records of ${d.vnet}'s VMs are written into the privatelink zone among the endpoints' records; turn registration off on this link.`,
  },
  evaluate(inv) {
    return [...inv.links.values()].flatMap((link) => {
      const zone = zoneNameOfLink(inv, link);
      if (!link.registrationEnabled || !isPrivateLinkZoneName(zone, inv.cloud)) return [];
      return [
        {
          resourceId: link.id,
          related: [...linkRelatedIds(inv, link)],
          messageId: 'autoregistration' as const,
          data: { link: link.name, vnet: link.vnetId ? vnetName(inv, link.vnetId) : 'an unnamed VNet', zone },
          fact: [],
        },
      ];
    });
  },
});
