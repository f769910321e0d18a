// Azure Firewall matches FQDNs in network rules by resolving them itself and comparing the packet's
// destination IP with the answer, which only works through its DNS proxy. With the proxy off, a
// network rule that names a private endpoint's FQDN never matches, and the flow falls to the
// default deny (or, worse, to a broader rule further down).
// https://learn.microsoft.com/azure/firewall/fqdn-filtering-network-rules
import { compileFirewall, type CompiledFirewall } from '../../src/net/firewall/index.js';
import { defineCheck, type CheckResult, type Messages } from '../define.js';

const messages = {
  proxyOff: (d: { owner: string; firewalls: string; rules: string; fix: string }) =>
    `${d.owner} has network rules with destination FQDNs (${d.rules}) but DNS proxy is off on ${d.firewalls}, so those rules never match; ${d.fix}.`,
} satisfies Messages;

export default defineCheck({
  id: 'firewall/fqdn-network-rule-without-dns-proxy',
  title: 'Firewalls with FQDNs in network rules have DNS proxy enabled',
  level: 'error',
  tags: ['firewall', 'dns'],
  rationale:
    "A network rule that names destination FQDNs works only when the firewall's DNS proxy is enabled: the firewall resolves the names through its proxy and matches packets against the addresses it got. With the proxy off those rules match nothing, so traffic to a private endpoint that they were meant to allow falls through to the default deny. A child policy inherits the DNS settings of its parent unless it overrides them, so a parent without DNS proxy disables FQDN network rules in every child that does not enable it itself. Clients should also use the firewall as their DNS server, so that they and the firewall resolve names alike.",
  remediation:
    "Enable DNS proxy in the firewall policy (or, for a firewall without a policy, in its `Network.DNS.EnableProxy` setting), or replace the FQDNs by the endpoint IPs or by an application rule:\n\n```sh\naz network firewall policy update --resource-group <rg> --name <policy> --enable-dns-proxy true\n```\n\n```bicep\nresource policy 'Microsoft.Network/firewallPolicies@2024-07-01' = {\n  name: policyName\n  location: location\n  properties: {\n    dnsSettings: {\n      enableProxy: true\n    }\n  }\n}\n```\n\nThen point the consumer VNets' DNS servers at the firewall's private IP so clients and firewall resolve the same addresses.",
  references: [
    {
      title: 'Use FQDN filtering in network rules',
      url: 'https://learn.microsoft.com/azure/firewall/fqdn-filtering-network-rules',
    },
    {
      title: 'Azure Firewall DNS settings',
      url: 'https://learn.microsoft.com/azure/firewall/dns-settings',
    },
  ],
  messages,
  evaluate(inv) {
    const results: CheckResult<typeof messages>[] = [];
    const byConfig = new Map<string, CompiledFirewall[]>();
    for (const firewall of [...inv.firewalls.values()].sort((a, b) => a.key.localeCompare(b.key))) {
      const compiled = compileFirewall(inv, firewall);
      const key = compiled.configId.toLowerCase();
      byConfig.set(key, [...(byConfig.get(key) ?? []), compiled]);
    }
    for (const group of byConfig.values()) {
      const first = group[0]!;
      const fqdnRules = first.rules.filter((rule) => rule.stage === 1 && rule.destinationFqdns.size > 0);
      if (fqdnRules.length === 0) {
        if (first.inconclusive) {
          results.push({
            inconclusive: `Cannot tell whether ${first.configName} uses FQDNs in network rules: ${first.inconclusive}.`,
            resourceId: first.configId,
          });
        }
        continue;
      }
      // Firewalls sharing a policy share its effective DNS settings.
      if (first.dnsProxy !== false) continue;
      const isClassic = first.configId.toLowerCase() === first.firewall.key;
      const names = fqdnRules.map(
        (rule) =>
          `${rule.ref.ruleName} in collection ${rule.ref.collectionName}` +
          (rule.ref.ownerId === first.configId ? '' : ` of parent policy ${rule.ref.ownerName}`),
      );
      const owners = new Set(fqdnRules.map((rule) => rule.ref.ownerId));
      results.push({
        resourceId: first.configId,
        related: [...group.map((compiled) => compiled.firewall.id), ...owners],
        messageId: 'proxyOff',
        data: {
          owner: isClassic ? `Azure Firewall ${first.configName}` : `Firewall policy ${first.configName}`,
          firewalls: group.map((compiled) => compiled.firewall.name).join(', '),
          rules: names.length > 3 ? `${names.slice(0, 3).join('; ')}; and ${names.length - 3} more` : names.join('; '),
          fix: isClassic
            ? `set additionalProperties Network.DNS.EnableProxy to true on ${first.configName}`
            : `enable DNS proxy (dnsSettings.enableProxy) in policy ${first.configName}`,
        },
        fact: ['dns-proxy-off'],
      });
    }
    return results;
  },
});
