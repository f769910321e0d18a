// When a consumer subnet's UDR sends private endpoint traffic to the hub firewall, the firewall
// decides whether it passes. Without an Allow rule that matches the name the client uses (the
// public FQDN in TLS SNI, not the privatelink name) before any Deny, the default deny drops the
// connection although DNS and routing are right.
// https://learn.microsoft.com/azure/firewall/rule-processing
import { normalizeId } from '../../src/ids.js';
import { describeRule } from '../../src/net/firewall/index.js';
import { conclusiveEndpointFlows, type JudgedFlow } from '../../src/net/firewall/flows.js';
import { describeServicePort } from '../../src/net/firewall/service-ports.js';
import { defineCheck, type CheckResult, type Messages } from '../define.js';

interface Blocked {
  firewall: string;
  subnet: string;
  sources: string;
  fqdn: string;
  service: string;
  endpoint: string;
}

const messages = {
  defaultDeny: (d: Blocked & { fix: string }) =>
    `Azure Firewall ${d.firewall} drops traffic from subnet ${d.subnet} (${d.sources}) to ${d.fqdn} on ${d.service} for private endpoint ${d.endpoint} because no rule allows it; ${d.fix}.`,
  deniedByRule: (d: Blocked & { rule: string }) =>
    `Azure Firewall ${d.firewall} drops traffic from subnet ${d.subnet} (${d.sources}) to ${d.fqdn} on ${d.service} for private endpoint ${d.endpoint} with Deny ${d.rule}; narrow that rule or allow the flow in a rule processed before it.`,
} satisfies Messages;

export default defineCheck({
  id: 'firewall/fqdn-not-allowed',
  title: 'The hub firewall allows consumer subnets to reach their private endpoints',
  level: 'error',
  tags: ['firewall', 'private-endpoint'],
  rationale:
    "Traffic that a UDR sends to Azure Firewall passes only if a rule allows it, on the port and protocol the client really opens: HTTPS 443 for most services, TDS 1433 for SQL, AMQP 5671 for Event Hubs and Service Bus (5672, AMQP over WebSockets on 443 and Kafka 9093 for some clients, reported as warnings), SMB 445 for Azure Files, the database ports of PostgreSQL, MySQL and Redis. Rules that use FQDN tags, web categories or target URLs (Premium TLS inspection) cannot be evaluated from configuration, so a flow they may match is reported as inconclusive. Rules run by type, whatever their priorities: DNAT, then network, then application rules (HTTP, HTTPS and MSSQL only); within a type, parent policy rule collection groups come first, then group priority, then collection priority, and the first match decides. Application rules match the name the client sends in TLS SNI or the Host header, which is the service's public FQDN (`kv.vault.azure.net`), never the privatelink name its CNAME points to, and `*.vault.azure.net` does not match `vault.azure.net`. A flow that no Allow rule matches before a Deny rule or the default deny is dropped, so the application fails although DNS and routing are right.",
  remediation:
    "Allow the consumer subnet to the endpoint's public FQDN with an application rule (the firewall SNATs it, which keeps replies symmetric), in a rule collection group that no Deny rule precedes:\n\n```sh\naz network firewall policy rule-collection-group collection add-filter-collection \\\n  --resource-group <rg> --policy-name <policy> --rcg-name <group> \\\n  --name allow-private-endpoints --collection-priority 200 --action Allow \\\n  --rule-name app-to-kv --rule-type ApplicationRule --protocols Https=443 \\\n  --source-addresses 10.1.0.0/24 --target-fqdns kv-app.vault.azure.net\n```\n\n```bicep\n{\n  ruleCollectionType: 'FirewallPolicyFilterRuleCollection'\n  name: 'allow-private-endpoints'\n  priority: 200\n  action: { type: 'Allow' }\n  rules: [\n    {\n      ruleType: 'ApplicationRule'\n      name: 'app-to-kv'\n      sourceAddresses: [ '10.1.0.0/24' ]\n      protocols: [ { protocolType: 'Https', port: 443 } ]\n      targetFqdns: [ 'kv-app.vault.azure.net' ]\n    }\n  ]\n}\n```\n\nFor services reached over plain TCP (PostgreSQL, MySQL, Redis, SMB) use a network rule to the endpoint IP instead, and configure SNAT for it. If a Deny rule decides, narrow it: network Deny rules run before every application rule.",
  references: [
    {
      title: 'Configure Azure Firewall rules: rule processing',
      url: 'https://learn.microsoft.com/azure/firewall/rule-processing',
    },
    {
      title: 'Use Azure Firewall to inspect traffic destined to a private endpoint',
      url: 'https://learn.microsoft.com/azure/private-link/inspect-traffic-with-azure-firewall',
    },
    {
      title: 'Azure Firewall FAQ: wildcards in FQDNs',
      url: 'https://learn.microsoft.com/azure/firewall/firewall-faq',
    },
  ],
  messages,
  evaluate(inv, ctx) {
    const { flows, inconclusive } = conclusiveEndpointFlows(inv, ctx);
    const results: CheckResult<typeof messages>[] = [...inconclusive];
    const seen = new Set<string>();
    for (const flow of flows) {
      const fact = [flow.firewall.key, flow.subnet.key, flow.fqdn, `${flow.service.protocol}/${flow.service.port}`];
      const key = fact.join('|');
      if (seen.has(key)) continue;
      const denied = flow.verdicts.find((verdict) => verdict.decision === 'Deny');
      if (!denied) continue;
      seen.add(key);
      const blocked: Blocked = {
        firewall: flow.firewall.name,
        subnet: flow.subnet.name,
        sources: denied.sources.toStrings().join(', '),
        fqdn: flow.fqdn,
        service: describeServicePort(flow.service),
        endpoint: flow.endpoint.name,
      };
      const related = [flow.endpoint.id, flow.subnet.id, flow.firewall.id];
      // A port only some clients open (AMQP 5672, Kafka) is a warning: others may not need it.
      const level = flow.service.optional ? ('warning' as const) : undefined;
      if (denied.match.kind === 'rule') {
        results.push({
          resourceId: denied.match.rule.ownerId,
          related,
          messageId: 'deniedByRule',
          data: { ...blocked, rule: describeRule(denied.match.rule) },
          fact,
          ...(level ? { level } : {}),
        });
      } else {
        results.push({
          resourceId: flow.compiled.configId,
          related,
          messageId: 'defaultDeny',
          data: { ...blocked, fix: fixFor(flow, blocked.sources) },
          fact,
          ...(level ? { level } : {}),
        });
      }
    }
    return results;
  },
});

function fixFor(flow: JudgedFlow, sources: string): string {
  const where =
    normalizeId(flow.compiled.configId) === flow.firewall.key
      ? `firewall ${flow.firewall.name}`
      : `policy ${flow.compiled.configName}`;
  const { protocol, port } = flow.service;
  if (protocol === 'HTTP' || protocol === 'HTTPS' || protocol === 'MSSQL') {
    const type = protocol === 'MSSQL' ? 'Mssql' : protocol === 'HTTP' ? 'Http' : 'Https';
    return `add an application rule to ${where} allowing ${sources} to ${flow.fqdn} on ${type}:${port}`;
  }
  return `add a network rule to ${where} allowing ${sources} to ${flow.ip} on ${protocol} ${port}`;
}
