// Azure DNS starts answering from a zone for a VNet only once the link between them has completed.
// A link stuck in progress or failed looks configured in templates and the portal, yet the VNet's
// clients still resolve the public address.
// https://learn.microsoft.com/azure/dns/private-dns-virtual-network-links
import type { VirtualNetworkLink } from '../../src/inventory/types.js';
import { linkRelatedIds, vnetName, zoneNameOfLink } from '../../src/net/dns/zone-links.js';
import { defineCheck, type CheckResult } from '../define.js';

type Data = { link: string; vnet: string; zone: string; linkState: string; provisioningState: string };
type Result = CheckResult<{ notReady: (d: Data) => string }>;

export default defineCheck({
  id: 'dns/link-not-ready',
  title: 'Private DNS zone links are Completed and Succeeded',
  level: 'error',
  tags: ['dns', 'private-endpoint'],
  rationale:
    "A virtual network link takes effect only when its link state is `Completed`; until then, or when its provisioning `Failed` or was `Canceled`, Azure DNS does not answer from the zone for that VNet. Links stuck this way are easy to miss because the link resource exists and deployments report it, while the VNet's clients keep getting public addresses.",
  remediation:
    'Wait a few minutes for a link that is `InProgress`. A link that stays there, or whose provisioning failed, must be deleted and created again:\n\n```sh\naz network private-dns link vnet show --resource-group <rg> --zone-name <zone> --name <link> \\\n  --query "{state: virtualNetworkLinkState, provisioning: provisioningState}"\naz network private-dns link vnet delete --resource-group <rg> --zone-name <zone> --name <link> --yes\naz network private-dns link vnet create --resource-group <rg> --zone-name <zone> --name <link> \\\n  --virtual-network <vnet id> --registration-enabled false\n```',
  references: [
    {
      title: 'What is a virtual network link?',
      url: 'https://learn.microsoft.com/azure/dns/private-dns-virtual-network-links',
    },
    {
      title: 'Private DNS virtual network links REST API',
      url: 'https://learn.microsoft.com/rest/api/dns/privatednszones/virtual-network-links/get',
    },
  ],
  messages: {
    notReady: (d: Data) =>
      `Link ${d.link} from ${d.vnet} to zone ${d.zone} is not ready (link state ${d.linkState}, provisioning state ${d.provisioningState}), so Azure DNS may not answer from the zone for ${d.vnet}; recreate the link if it does not reach Completed and Succeeded.`,
  },
  evaluate(inv) {
    return [...inv.links.values()].flatMap((link): Result[] => {
      const { linkState, provisioningState } = link;
      if (linkState === undefined && provisioningState === undefined) {
        return [
          {
            inconclusive: `Cannot tell whether link ${link.name} is ready: it carries neither virtualNetworkLinkState nor provisioningState.`,
            resourceId: link.id,
          },
        ];
      }
      if (isReady(link)) return [];
      return [
        {
          resourceId: link.id,
          related: [...linkRelatedIds(inv, link)],
          messageId: 'notReady',
          data: {
            link: link.name,
            vnet: link.vnetId ? vnetName(inv, link.vnetId) : 'an unnamed VNet',
            zone: zoneNameOfLink(inv, link),
            linkState: linkState ?? 'unknown',
            provisioningState: provisioningState ?? 'unknown',
          },
          fact: [],
        },
      ];
    });
  },
});

/** A state that was not read does not count against the link when the other one is fine. */
function isReady(link: VirtualNetworkLink): boolean {
  const linkOk = link.linkState === undefined || link.linkState.toLowerCase() === 'completed';
  const provisioningOk = link.provisioningState === undefined || link.provisioningState.toLowerCase() === 'succeeded';
  return linkOk && provisioningOk;
}
