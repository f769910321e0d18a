// A service's VNet rule admits traffic that arrives over the subnet's service endpoint, tagged with
// the subnet's identity. A subnet without that service endpoint sends the same traffic from a
// public address (its NAT, or the hub firewall's), so the rule never matches: clients meant to be
// admitted are denied, or are admitted only by broader rules the rule was meant to replace.
// https://learn.microsoft.com/azure/virtual-network/virtual-network-service-endpoints-overview
import { normalizeId, nameFromId } from '../../src/ids.js';
import { serviceLabel, serviceNetworkProfile, vnetRuleSubnetIds } from '../../src/net/endpoints/public-access.js';
import { defineCheck, type CheckResult, type Messages } from '../define.js';

const messages = {
  missingServiceEndpoint: (d: { service: string; subnet: string; vnet: string; serviceEndpoints: string[] }) =>
    `The VNet rule of ${d.service} names subnet ${d.subnet} in ${d.vnet}, which has no ${d.serviceEndpoints.join(' or ')} service endpoint, so the rule admits none of its traffic.`,
} satisfies Messages;

export default defineCheck({
  id: 'paas/service-endpoint-mismatch',
  title: "Subnets named in a service's VNet rules have that service's endpoint",
  level: 'warning',
  tags: ['paas', 'service-endpoint', 'public-access'],
  rationale:
    "A VNet rule on Key Vault, Storage or SQL admits clients whose traffic reaches the service's public endpoint through the subnet's service endpoint (`Microsoft.KeyVault`, `Microsoft.Storage`, `Microsoft.Sql`...). Azure checks this when the rule is created, unless `ignoreMissingVnetServiceEndpoint` is set, but not when the service endpoint is later removed from the subnet. Without it, the subnet's traffic leaves from a public address and the rule matches nothing: clients fail when the private endpoint path breaks, or someone adds a broad IP rule to make them work. A stale rule also shows that the service still relies on its public endpoint, which a private endpoint design should close.",
  remediation:
    "Decide which path the subnet should use. If its clients reach the service through the private endpoint (the usual design with a hub firewall), remove the VNet rule:\n\n```sh\naz keyvault network-rule remove --name <vault> --resource-group <rg> --subnet <subnet id>\naz storage account network-rule remove --account-name <account> --resource-group <rg> --subnet <subnet id>\naz sql server vnet-rule delete --server <server> --resource-group <rg> --name <rule>\n```\n\nIf the subnet really must use the public endpoint, add the service endpoint to the subnet:\n\n```sh\naz network vnet subnet update --resource-group <rg> --vnet-name <vnet> --name <subnet> \\\n  --service-endpoints Microsoft.KeyVault\n```\n\nor in Bicep, on the subnet: `serviceEndpoints: [ { service: 'Microsoft.KeyVault' } ]`.",
  references: [
    {
      title: 'Virtual network service endpoints',
      url: 'https://learn.microsoft.com/azure/virtual-network/virtual-network-service-endpoints-overview',
    },
    {
      title: 'Configure Azure Key Vault networking settings',
      url: 'https://learn.microsoft.com/azure/key-vault/general/how-to-azure-key-vault-network-security',
    },
    {
      title: 'Azure Storage firewall and virtual network rules',
      url: 'https://learn.microsoft.com/azure/storage/common/storage-network-security',
    },
    {
      title: 'Virtual network service endpoints and rules for Azure SQL Database',
      url: 'https://learn.microsoft.com/azure/azure-sql/database/vnet-service-endpoint-rule-overview',
    },
  ],
  messages,
  evaluate(inv) {
    const results: CheckResult<typeof messages>[] = [];
    for (const target of inv.targets.values()) {
      const subnetIds = new Map(vnetRuleSubnetIds(inv, target).map((id) => [normalizeId(id), id]));
      if (subnetIds.size === 0) continue;
      const service = serviceLabel(target);
      const wanted = serviceNetworkProfile(target.type).serviceEndpoints;
      if (!wanted) {
        results.push({
          inconclusive: `The VNet rules of ${service} cannot be checked: plaudit does not know which service endpoint its type needs.`,
          resourceId: target.id,
        });
        continue;
      }
      const accepted = new Set(wanted.map((name) => name.toLowerCase()));
      for (const subnetId of subnetIds.values()) {
        const subnet = inv.subnet(subnetId);
        if (!subnet) {
          results.push({
            inconclusive: `A VNet rule of ${service} names subnet ${subnetId}, which was not read, so its service endpoints cannot be checked.`,
            resourceId: target.id,
          });
          continue;
        }
        if (subnet.serviceEndpoints.some((endpoint) => accepted.has(endpoint.service.toLowerCase()))) continue;
        results.push({
          resourceId: target.id,
          related: [subnet.id],
          messageId: 'missingServiceEndpoint',
          data: {
            service,
            subnet: subnet.name,
            vnet: inv.vnets.get(subnet.vnetKey)?.name ?? nameFromId(subnet.vnetKey),
            serviceEndpoints: [...wanted],
          },
          fact: [subnet.key],
        });
      }
    }
    return results;
  },
});
