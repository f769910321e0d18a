// A service with a private endpoint anywhere has a public name that is a CNAME into its privatelink
// subdomain. A VNet linked to a privatelink zone of that name (resolution policy Default) gets its
// answer from that zone, and a zone without the service's record answers NXDOMAIN, so a service the
// VNet is meant to reach over its public endpoint becomes unreachable. The Azure Monitor Private
// Link Scope's zones (blob among them) are the classic case.
// https://learn.microsoft.com/azure/dns/private-dns-fallback
import { serviceLabel } from '../../src/net/endpoints/public-access.js';
import { vnetName } from '../../src/net/dns/zone-links.js';
import { zoneShadows } from '../../src/net/dns/zone-shadows.js';
import { defineCheck, type CheckResult, type Messages } from '../define.js';

const messages = {
  shadowed: (d: { zone: string; vnet: string; service: string; name: string }) =>
    `Zone ${d.zone} is linked to VNet ${d.vnet} with resolution policy Default but holds no record for ${d.service}, whose public name points to ${d.name} since it has a private endpoint elsewhere, so clients in ${d.vnet} get NXDOMAIN instead of its public address; give it a private endpoint with a record in this zone, or set the link's resolution policy to NxDomainRedirect.`,
} satisfies Messages;

export default defineCheck({
  id: 'dns/zone-shadows-service',
  title: 'Privatelink zones do not hide services that VNets reach publicly',
  level: 'warning',
  tags: ['dns', 'private-endpoint'],
  rationale:
    "Once a service has a private endpoint anywhere (in this estate or another tenant's), its public name is a CNAME to the same name under the `privatelink` subdomain. A VNet linked to a private DNS zone of that name asks the zone, and with resolution policy `Default` a zone that has no record for the service answers NXDOMAIN: the service cannot be resolved from that VNet at all, although it is meant to be reached over its public endpoint. It typically happens when a zone is created for one service (an Azure Monitor Private Link Scope needs `privatelink.blob.core.windows.net`, for example) and linked widely, and other storage accounts with private endpoints elsewhere stop resolving.",
  remediation:
    "Either give the service a private endpoint in the VNet's reach and let its DNS zone group write the record into the zone, or let the link fall back to public resolution for names the zone does not hold:\n\n```sh\naz network private-dns link vnet update --resource-group <zone rg> --zone-name <zone> --name <link> \\\n  --resolution-policy NxDomainRedirect\n```\n\n```bicep\nresource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {\n  parent: zone\n  name: 'link-vnet-app'\n  location: 'global'\n  properties: {\n    virtualNetwork: { id: appVnet.id }\n    registrationEnabled: false\n    resolutionPolicy: 'NxDomainRedirect'\n  }\n}\n```\n\nFallback trades this failure for silent public resolution of every missing record (see `dns/link-fallback-to-internet`).",
  references: [
    {
      title: 'Fallback to internet for Azure Private DNS zones',
      url: 'https://learn.microsoft.com/azure/dns/private-dns-fallback',
    },
    {
      title: 'Azure Private Endpoint DNS configuration',
      url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-dns',
    },
    {
      title: 'Design your Azure Monitor Private Link setup',
      url: 'https://learn.microsoft.com/azure/azure-monitor/logs/private-link-design',
    },
  ],
  messages,
  evaluate(inv) {
    const { shadows, undecided } = zoneShadows(inv);
    const results: CheckResult<typeof messages>[] = shadows.map((shadow) => ({
      resourceId: shadow.link.id,
      related: [shadow.zone.id, shadow.target.id],
      messageId: 'shadowed',
      data: {
        zone: shadow.zone.zoneName,
        vnet: shadow.link.vnetId ? vnetName(inv, shadow.link.vnetId) : 'an unnamed VNet',
        service: serviceLabel(shadow.target),
        name: shadow.privatelinkName,
      },
      fact: [shadow.target.key, shadow.privatelinkName],
    }));
    for (const [linkId, reasons] of undecided) {
      results.push({ inconclusive: `Cannot tell ${[...new Set(reasons)].sort().join('; ')}.`, resourceId: linkId });
    }
    return results;
  },
});
