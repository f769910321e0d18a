// A private endpoint answers the source address it sees, and its replies do not follow the UDRs
// that brought the request through the firewall. Network rules keep the client's address for
// private destinations (no SNAT), so the reply can go straight back to the client, past the
// firewall, which drops or never sees the rest of a connection it only saw one half of.
// https://learn.microsoft.com/azure/private-link/inspect-traffic-with-azure-firewall
import { normalizeId } from '../../src/ids.js';
import {
  describeRule,
  effectiveSnatSettings,
  networkRuleSnat,
  type SnatSettings,
} from '../../src/net/firewall/index.js';
import { conclusiveEndpointFlows } from '../../src/net/firewall/flows.js';
import { defineCheck, type CheckResult, type Messages } from '../define.js';

const messages = {
  notSnated: (d: {
    firewall: string;
    subnet: string;
    endpoint: string;
    ip: string;
    service: string;
    rule: string;
    ranges: string;
    settings: string;
  }) =>
    `Azure Firewall ${d.firewall} lets subnet ${d.subnet} reach private endpoint ${d.endpoint} (${d.ip}) on ${d.service} only through ${d.rule}, without SNAT because ${d.ip} is inside the private ranges ${d.ranges} of ${d.settings}, so replies can bypass the firewall; use an application rule or SNAT traffic to the endpoint.`,
} satisfies Messages;

export default defineCheck({
  id: 'firewall/no-snat-to-endpoint',
  title: 'Firewall traffic to private endpoints is SNATed',
  level: 'warning',
  tags: ['firewall', 'private-endpoint', 'snat'],
  rationale:
    "Azure Firewall SNATs everything it allows through application rules, but network rules keep the client's source address whenever the destination is inside the firewall's private ranges, which by default are the IANA private ranges (RFC 1918 and RFC 6598) where every private endpoint lives. A private endpoint replies to the address it sees, and its replies do not follow user-defined routes the way a VM's would, so the return traffic can reach the client without passing the firewall: the flow is asymmetric, stateful inspection breaks, and connections stall or reset. Microsoft recommends SNAT for traffic to private endpoints through any network virtual appliance.",
  remediation:
    "Prefer an application rule for HTTP, HTTPS and SQL services: the firewall always SNATs it. For services that need a network rule (PostgreSQL, MySQL, Redis, SMB), make the firewall SNAT traffic to the endpoints, either everywhere (`255.255.255.255/32` means always SNAT) or by leaving the endpoint ranges out of the private ranges:\n\n```sh\naz network firewall policy update --resource-group <rg> --name <policy> --private-ranges 255.255.255.255/32\n```\n\n```bicep\nresource policy 'Microsoft.Network/firewallPolicies@2024-07-01' = {\n  name: policyName\n  location: location\n  properties: {\n    snat: {\n      privateRanges: [ '255.255.255.255/32' ]\n    }\n  }\n}\n```\n\nA firewall without a policy uses `additionalProperties['Network.SNAT.PrivateRanges']`; once a policy is attached, only the policy's setting counts.",
  references: [
    {
      title: 'Use Azure Firewall to inspect traffic destined to a private endpoint',
      url: 'https://learn.microsoft.com/azure/private-link/inspect-traffic-with-azure-firewall',
    },
    {
      title: 'Azure Firewall SNAT private IP address ranges',
      url: 'https://learn.microsoft.com/azure/firewall/snat-private-range',
    },
    {
      title: 'What is a private endpoint? Limitations',
      url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-overview#limitations',
    },
  ],
  messages,
  evaluate(inv, ctx) {
    const { flows, inconclusive } = conclusiveEndpointFlows(inv, ctx);
    const results: CheckResult<typeof messages>[] = [...inconclusive];
    const seen = new Set<string>();
    const settingsByFirewall = new Map<string, SnatSettings | undefined>();
    for (const flow of flows) {
      const fact = [flow.firewall.key, flow.subnet.key, flow.ip, `${flow.service.protocol}/${flow.service.port}`];
      const key = fact.join('|');
      if (seen.has(key)) continue;
      const byNetworkRule = flow.verdicts.find(
        (verdict) =>
          verdict.decision === 'Allow' && verdict.match.kind === 'rule' && verdict.match.rule.ruleType === 'Network',
      );
      if (!byNetworkRule || byNetworkRule.match.kind !== 'rule') continue;
      if (!settingsByFirewall.has(flow.firewall.key)) {
        settingsByFirewall.set(flow.firewall.key, effectiveSnatSettings(inv, flow.firewall));
      }
      const settings = settingsByFirewall.get(flow.firewall.key);
      if (!settings) continue; // the policy was not read: the flow above is already inconclusive
      seen.add(key);
      const snat = networkRuleSnat(settings, flow.ip);
      if (snat !== 'noSnat') {
        if (snat === 'unknown') {
          results.push({
            inconclusive: `Azure Firewall ${flow.firewall.name} learns private ranges (snat.autoLearnPrivateRanges), so plaudit cannot tell whether it SNATs traffic to ${flow.ip}.`,
            resourceId: settings.configId,
          });
        }
        continue;
      }
      const isPolicy = normalizeId(settings.configId) !== flow.firewall.key;
      results.push({
        resourceId: flow.compiled.configId,
        related: [flow.endpoint.id, flow.subnet.id, flow.firewall.id],
        messageId: 'notSnated',
        data: {
          firewall: flow.firewall.name,
          subnet: flow.subnet.name,
          endpoint: flow.endpoint.name,
          ip: flow.ip,
          service: `${flow.service.protocol} ${flow.service.port}`,
          rule: describeRule(byNetworkRule.match.rule),
          ranges: settings.configured.join(', '),
          settings:
            settings.source === 'default'
              ? 'the default setting'
              : isPolicy
                ? `policy ${settings.configId.split('/').pop()}`
                : `firewall ${flow.firewall.name}`,
        },
        fact,
      });
    }
    return results;
  },
});
