// When a consumer subnet's UDR sends private endpoint traffic to the hub firewall, the firewall
// decides whether it passes. Without an Allow rule that matches the name the client uses (the
// public FQDN in TLS SNI, not the privatelink name) before any Deny, the default deny drops the
// connection although DNS and routing are right.
// https://learn.microsoft.com/azure/firewall/rule-processing
import { normalizeId } from '../../src/ids.js';
import { describeRule } from '../../src/net/firewall/index.js';
import { conclusiveEndpointFlows, type JudgedFlow } from '../../src/net/firewall/flows.js';
import { describeServicePort } from '../../src/net/firewall/service-ports.js';
import { AffectedGroups, describeEnd, sampleOf, type Affected } from '../affected.js';
import { defineCheck, type CheckResult, type Messages } from '../define.js';

interface Blocked {
  firewalls: string;
  names: string;
  service: string;
  subnets: string;
  endpoints: string;
}

const messages = {
  defaultDeny: (d: Blocked & { fix: string }) =>
    `Azure Firewall ${d.firewalls} has no rule that allows ${d.names} on ${d.service}, so it blocks ${d.subnets} from ${d.endpoints}; ${d.fix}.`,
  deniedByRule: (d: Blocked & { rule: string }) =>
    `Azure Firewall ${d.firewalls} drops ${d.names} on ${d.service} with Deny ${d.rule}, which blocks ${d.subnets} from ${d.endpoints}; narrow that rule or allow the flow in a rule processed before it.`,
} satisfies Messages;

/** What one finding gathers: the flows one rule (or the default deny) drops for one name pattern and port. */
interface Drop {
  readonly flow: JudgedFlow;
  readonly rule: string | undefined;
  readonly resourceId: string;
  readonly pattern: string;
  readonly firewalls: Map<string, JudgedFlow['firewall']>;
  readonly sources: Set<string>;
  readonly ips: Set<string>;
  readonly fqdns: Set<string>;
}

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
    const drops = new AffectedGroups<Drop>('subnet', 'privateEndpoint');
    for (const flow of flows) {
      const denied = flow.verdicts.find((verdict) => verdict.decision === 'Deny');
      if (!denied) continue;
      const pattern = namePattern(flow.fqdn);
      const port = `${flow.service.protocol}/${flow.service.port}`;
      const match = denied.match;
      const rule = match.kind === 'rule' ? describeRule(match.rule) : undefined;
      const resourceId = match.kind === 'rule' ? match.rule.ownerId : flow.compiled.configId;
      const key = `${normalizeId(resourceId)}|${rule ?? ''}|${pattern}|${port}`;
      const drop = drops.add(
        key,
        () => ({
          flow,
          rule,
          resourceId,
          pattern,
          firewalls: new Map(),
          sources: new Set(),
          ips: new Set(),
          fqdns: new Set(),
        }),
        flow.subnet.id,
        flow.endpoint.id,
      );
      drop.firewalls.set(flow.firewall.key, flow.firewall);
      for (const source of denied.sources.toStrings()) drop.sources.add(source);
      drop.ips.add(flow.ip);
      drop.fqdns.add(flow.fqdn.toLowerCase());
    }
    for (const { data: drop, affected } of drops.entries()) results.push(resultOf(drop, affected));
    return results;
  },
});

function resultOf(drop: Drop, affected: Affected): CheckResult<typeof messages> {
  const { flow } = drop;
  const firewalls = [...drop.firewalls.values()].sort((a, b) => a.name.localeCompare(b.name));
  const blocked: Blocked = {
    firewalls: firewalls.map((firewall) => firewall.name).join(', '),
    names: namesOf(drop),
    service: describeServicePort(flow.service),
    subnets: describeEnd(affected, 'sources'),
    endpoints: describeEnd(affected, 'targets'),
  };
  const base = {
    resourceId: drop.resourceId,
    related: firewalls.map((firewall) => firewall.id),
    affected,
    fact: [drop.rule ?? 'default deny', drop.pattern, `${flow.service.protocol}/${flow.service.port}`],
    // A port only some clients open (AMQP 5672, Kafka) is a warning: others may not need it.
    ...(flow.service.optional ? { level: 'warning' as const } : {}),
  };
  if (drop.rule !== undefined) return { ...base, messageId: 'deniedByRule', data: { ...blocked, rule: drop.rule } };
  return { ...base, messageId: 'defaultDeny', data: { ...blocked, fix: fixFor(drop) } };
}

/** The names the flows use: one name, or how many under the pattern's domain with a sample. */
function namesOf(drop: Drop): string {
  const names = [...drop.fqdns];
  if (names.length === 1) return names[0]!;
  return `${names.length.toLocaleString('en-US')} names under ${drop.pattern} (${sampleOf(names, names.length)})`;
}

/** The name pattern a rule would allow: `*.vault.azure.net` for `kv-app.vault.azure.net`. */
function namePattern(fqdn: string): string {
  const labels = fqdn.toLowerCase().split('.');
  return labels.length > 2 ? `*.${labels.slice(1).join('.')}` : fqdn.toLowerCase();
}

function fixFor(drop: Drop): string {
  const { flow } = drop;
  const where =
    normalizeId(flow.compiled.configId) === flow.firewall.key
      ? `firewall ${flow.firewall.name}`
      : `policy ${flow.compiled.configName}`;
  const sources = sampleOf([...drop.sources], drop.sources.size);
  const { protocol, port } = flow.service;
  if (protocol === 'HTTP' || protocol === 'HTTPS' || protocol === 'MSSQL') {
    const type = protocol === 'MSSQL' ? 'Mssql' : protocol === 'HTTP' ? 'Http' : 'Https';
    const targets = drop.fqdns.size === 1 ? namesOf(drop) : `those names (or ${drop.pattern})`;
    return `add an application rule to ${where} allowing ${sources} to ${targets} on ${type}:${port}`;
  }
  const ips = [...drop.ips];
  return `add a network rule to ${where} allowing ${sources} to ${sampleOf(ips, ips.length)} on ${protocol} ${port}`;
}
