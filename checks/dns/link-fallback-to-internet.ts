// With resolution policy NxDomainRedirect, Azure DNS retries a name the privatelink zone does not
// hold against public DNS. A missing or deleted endpoint record then resolves to the service's
// public address instead of failing, and the traffic silently leaves the private path.
// https://learn.microsoft.com/azure/dns/private-dns-fallback
import { isPrivateLinkZoneName } from '../../src/data/privatelink-zones.js';
import { linkRelatedIds, vnetName, zoneNameOfLink } from '../../src/net/dns/zone-links.js';
import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'dns/link-fallback-to-internet',
  title: 'Links to privatelink zones do not fall back to public resolution',
  level: 'warning',
  tags: ['dns', 'private-endpoint', 'public-access'],
  rationale:
    "The `NxDomainRedirect` resolution policy on a link makes Azure DNS answer a name missing from the privatelink zone with the public endpoint's address. It helps during migrations, but it hides broken DNS: when an endpoint's record is missing, clients reach the service over its public endpoint (past the hub firewall, or failing later when public access is disabled) instead of getting an error that points at the missing record.",
  remediation:
    "Make sure every endpoint's record is in the zone (see `dns/record-missing`), then set the link back to the default policy:\n\n```sh\naz network private-dns link vnet update --resource-group <rg> --zone-name <zone> --name <link> \\\n  --resolution-policy Default\n```\n\n```bicep\nresource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {\n  parent: zone\n  name: 'link-vnet-app'\n  location: 'global'\n  properties: {\n    virtualNetwork: { id: appVnet.id }\n    registrationEnabled: false\n    resolutionPolicy: 'Default'\n  }\n}\n```",
  references: [
    {
      title: 'Fallback to internet for Azure Private DNS zones',
      url: 'https://learn.microsoft.com/azure/dns/private-dns-fallback',
    },
    {
      title: 'What is a virtual network link?',
      url: 'https://learn.microsoft.com/azure/dns/private-dns-virtual-network-links',
    },
  ],
  messages: {
    fallback: (d: { link: string; vnet: string; zone: string }) =>
      `Link ${d.link} from ${d.vnet} to zone ${d.zone} has resolution policy NxDomainRedirect, so a name missing from the zone silently resolves to the service's public address; set the policy to Default once the zone holds every endpoint's record.`,
  },
  evaluate(inv) {
    return [...inv.links.values()].flatMap((link) => {
      const zone = zoneNameOfLink(inv, link);
      if (link.resolutionPolicy?.toLowerCase() !== 'nxdomainredirect' || !isPrivateLinkZoneName(zone, inv.cloud)) {
        return [];
      }
      return [
        {
          resourceId: link.id,
          related: [...linkRelatedIds(inv, link)],
          messageId: 'fallback' as const,
          data: { link: link.name, vnet: link.vnetId ? vnetName(inv, link.vnetId) : 'an unnamed VNet', zone },
          fact: [],
        },
      ];
    });
  },
});
