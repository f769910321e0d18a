// A private endpoint adds a private path to a service; it does not close the public one. While
// `publicNetworkAccess` stays on, clients (and attackers) can still reach the service's public
// endpoint directly, past the hub firewall that is meant to inspect every connection, and a DNS
// fallback to the public name silently keeps working instead of failing loudly.
// https://learn.microsoft.com/azure/private-link/private-endpoint-overview#network-security-of-private-endpoints
import { normalizeId, typeFromId } from '../../src/ids.js';
import {
  connectionsOfTarget,
  endpointConnections,
  endpointIdsInScope,
  endpointsPhrase,
} from '../../src/net/endpoints/endpoint-connections.js';
import type { Inventory } from '../../src/inventory/inventory.js';
import { publicExposure, serviceLabel, type SqlFirewallRule } from '../../src/net/endpoints/public-access.js';
import { defineCheck, type CheckResult, type Messages } from '../define.js';

interface Subject {
  service: string;
  endpoints: string;
}

const messages = {
  allNetworks: (d: Subject & { aclPresent: boolean }) =>
    `Public network access is on for ${d.service}, which ${d.endpoints} serves, and ${d.aclPresent ? "its network ACL's default action is Allow" : 'no network ACL restricts it'}, so any network can reach it without the private endpoint.`,
  publicIpRules: (d: Subject & { rules: string[] }) =>
    `Public network access is on for ${d.service}, which ${d.endpoints} serves, and its IP rules admit public addresses ${d.rules.join(', ')}.`,
  sqlFirewallRules: (d: Subject & { rules: string[] }) =>
    `Public network access is on for ${d.service}, which ${d.endpoints} serves, and its firewall rules admit ${d.rules.join(', ')}.`,
  vnetRulesOnly: (d: Subject & { subnets: string[] }) =>
    `Public network access is on for ${d.service}, which ${d.endpoints} serves; it admits no public address, but its VNet rules admit subnets ${d.subnets.join(', ')} over service endpoints, past the private endpoint; turn public access off so only the private endpoint is used.`,
  monitorScopeOpen: (d: Subject & { modes: string[] }) =>
    `Azure Monitor Private Link Scope ${d.service}, which ${d.endpoints} serves, has access modes ${d.modes.join(', ')}, so clients in the networks linked to it still reach Azure Monitor resources outside the scope over their public endpoints; set ingestion and query access modes to PrivateOnly.`,
  deniedByDefault: (d: Subject) =>
    `Public network access is on for ${d.service}, which ${d.endpoints} serves, though its network ACL denies traffic by default; turn it off so only the private endpoint is used.`,
  noFirewallRules: (d: Subject) =>
    `Public network access is on for ${d.service}, which ${d.endpoints} serves, though no firewall rule in the snapshot admits any address; turn it off so only the private endpoint is used.`,
  securedByPerimeter: (d: Subject) =>
    `Public access to ${d.service}, which ${d.endpoints} serves, is left to a network security perimeter (SecuredByPerimeter); make sure its access rules admit no public traffic, or disable public network access.`,
} satisfies Messages;

export default defineCheck({
  id: 'paas/public-network-access-enabled',
  title: 'Services behind a private endpoint accept no public network traffic',
  level: 'error',
  tags: ['paas', 'private-endpoint', 'public-access'],
  rationale:
    "Creating a private endpoint does not close a service's public endpoint. Each service is judged by its own controls: `publicNetworkAccess` with its network ACL (Key Vault, Storage, Container Registry, Azure AI services), firewall and VNet rule children (SQL; a missing `publicNetworkAccess` on Key Vault, Storage or SQL counts as enabled), IP and VNet filters (Cosmos DB), the `networkRuleSets/default` child (Event Hubs, Service Bus), the access modes of an Azure Monitor Private Link Scope, the private-cluster setting and authorized IP ranges of AKS, and the access restrictions of App Service. A service whose controls plaudit does not know, or that were not read, is reported as inconclusive, never assumed open. Unless closed, the service still answers on its public IPs: from any network when its ACL's default action is `Allow` (or it has no ACL), or from the addresses its IP and firewall rules admit. That traffic bypasses the hub firewall, and a client whose DNS falls back to the public name keeps working over the internet instead of failing, which hides broken private DNS. A public endpoint whose ACL denies by default is reported as a warning: nothing public is admitted today, but one rule change reopens it.",
  remediation:
    "Check that every client reaches the service through its private endpoint (the DNS checks pass), then disable public network access:\n\n```sh\naz keyvault update --name <vault> --resource-group <rg> --public-network-access Disabled\naz storage account update --name <account> --resource-group <rg> --public-network-access Disabled\naz sql server update --name <server> --resource-group <rg> --enable-public-network false\n```\n\nIn Bicep, set it on the service:\n\n```bicep\nresource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {\n  name: vaultName\n  location: location\n  properties: {\n    // ...\n    publicNetworkAccess: 'Disabled'\n  }\n}\n```\n\nWhere `SecuredByPerimeter` is intended, review the perimeter's inbound access rules instead.",
  references: [
    {
      title: 'What is a private endpoint? Network security of private endpoints',
      url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-overview#network-security-of-private-endpoints',
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
      title: 'Azure SQL connectivity settings: deny public network access',
      url: 'https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings',
    },
    {
      title: 'What is a network security perimeter?',
      url: 'https://learn.microsoft.com/azure/private-link/network-security-perimeter-concepts',
    },
  ],
  messages,
  evaluate(inv) {
    const results: CheckResult<typeof messages>[] = [];
    for (const target of inv.targets.values()) {
      const connections = connectionsOfTarget(inv, target);
      if (connections.length === 0) continue;
      const subject = { service: serviceLabel(target), endpoints: endpointsPhrase(connections) };
      const base = { resourceId: target.id, related: [...endpointIdsInScope(connections)] };
      const exposure = publicExposure(inv, target);
      switch (exposure.kind) {
        case 'disabled':
          break;
        case 'allNetworks':
          results.push({
            ...base,
            messageId: 'allNetworks',
            data: { ...subject, aclPresent: exposure.aclPresent },
            fact: ['allNetworks'],
          });
          break;
        case 'publicIpRules':
          results.push({
            ...base,
            messageId: 'publicIpRules',
            data: { ...subject, rules: [...exposure.rules] },
            fact: ['publicIpRules'],
          });
          break;
        case 'sqlFirewallRules':
          results.push({
            ...base,
            messageId: 'sqlFirewallRules',
            data: { ...subject, rules: exposure.rules.map(describeFirewallRule) },
            fact: ['sqlFirewallRules'],
          });
          break;
        case 'deniedByDefault':
          results.push({
            ...base,
            messageId: exposure.rules === 'sqlServerChildren' ? 'noFirewallRules' : 'deniedByDefault',
            data: subject,
            fact: ['deniedByDefault'],
            level: 'warning',
          });
          break;
        case 'vnetRulesOnly':
          results.push({
            ...base,
            messageId: 'vnetRulesOnly',
            data: { ...subject, subnets: [...exposure.subnets] },
            fact: ['vnetRulesOnly'],
            level: 'warning',
          });
          break;
        case 'monitorScopeOpen':
          results.push({
            ...base,
            messageId: 'monitorScopeOpen',
            data: { ...subject, service: target.name, modes: [...exposure.modes] },
            fact: ['monitorScopeOpen'],
            level: 'warning',
          });
          break;
        case 'unknown':
          results.push({
            inconclusive: `Cannot tell whether ${subject.service} accepts public traffic: ${exposure.reason}.`,
            resourceId: target.id,
          });
          break;
        case 'securedByPerimeter':
          results.push({
            ...base,
            messageId: 'securedByPerimeter',
            data: subject,
            fact: ['securedByPerimeter'],
            level: 'warning',
          });
          break;
      }
    }
    results.push(...unreadTargets(inv));
    return results;
  },
});

/** Services that endpoints in scope connect to but whose settings were not read. */
function unreadTargets(inv: Inventory): CheckResult<typeof messages>[] {
  const unread = new Map<string, string>();
  for (const connection of endpointConnections(inv)) {
    if (connection.target || !connection.targetKey || !connection.targetId) continue;
    // A private link service (a customer's own service behind a load balancer) has no public endpoint setting.
    if (typeFromId(connection.targetId) === 'microsoft.network/privatelinkservices') continue;
    unread.set(normalizeId(connection.targetId), connection.targetId);
  }
  return [...unread.values()].map((targetId) => ({
    inconclusive: inv.has(targetId)
      ? `${targetId} was read without publicNetworkAccess or privateEndpointConnections, so whether its public endpoint is open cannot be judged.`
      : `Private endpoints in scope connect to ${targetId}, which was not read, so whether its public endpoint is open cannot be judged.`,
    resourceId: targetId,
  }));
}

function describeFirewallRule(rule: SqlFirewallRule): string {
  if (rule.azureServices) return `all Azure services (${rule.name})`;
  const range = rule.startIp === rule.endIp ? (rule.startIp ?? '?') : `${rule.startIp ?? '?'}-${rule.endIp ?? '?'}`;
  return `${range} (${rule.name})`;
}
