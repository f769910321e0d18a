// A network security group drops a flow to a private endpoint before it reaches it: on the way out
// of the client (its NIC's NSG, then its subnet's), or on the way into the endpoint's subnet where
// privateEndpointNetworkPolicies enable NSGs for private endpoints. DNS resolves and routes lead
// there, and the connection still times out.
// https://learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works
// https://learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy
import { nameFromId } from '../../src/ids.js';
import type { SecurityRule } from '../../src/inventory/security-types.js';
import { nsgEndpointFlows, type NsgEndpointFlow } from '../../src/net/nsg/index.js';
import { AffectedGroups, describeEnd } from '../affected.js';
import { defineCheck, type CheckResult, type Messages } from '../define.js';

interface Blocked {
  nsg: string;
  direction: string;
  source: string;
  endpoint: string;
  ip: string;
  port: number;
  rule: string;
  more: string;
  fix: string;
}

const messages = {
  denies: (d: Blocked) =>
    `NSG ${d.nsg} denies ${d.direction} traffic from ${d.source} to private endpoint ${d.endpoint} (${d.ip}, TCP ${d.port}) by ${d.rule}${d.more}; ${d.fix}.`,
} satisfies Messages;

export default defineCheck({
  id: 'network/nsg-blocks-endpoint',
  title: 'Network security groups on the path let clients reach their private endpoints',
  level: 'error',
  tags: ['network', 'private-endpoint'],
  rationale:
    "Network security groups filter a flow to a private endpoint twice: on the way out of the client, by the NSG on its NIC and then the one on its subnet, and on the way into the endpoint's subnet, by that subnet's NSG, but only where the subnet's `privateEndpointNetworkPolicies` is `Enabled` or `NetworkSecurityGroupEnabled` (the default, `Disabled`, leaves private endpoints outside NSGs). Rules are processed by priority, lowest number first, and the first match decides; Azure's default rules (`AllowVnetInBound`/`AllowVnetOutBound` at 65000, `DenyAllInBound`/`DenyAllOutBound` at 65500) come last. The `VirtualNetwork` tag holds the VNet, its peered VNets and the prefixes of its routes, so a deny-all rule above the defaults, a rule for the wrong port or an application security group the endpoint belongs to cuts clients off although DNS and routes are right. Inbound, the endpoint sees the hub firewall's address when the firewall SNATs the flow (application rules always do) and the client's address when it does not, so the rule that must allow it differs. plaudit reports one finding per NSG, naming the first client and endpoint it blocks.",
  remediation:
    "Add an Allow rule with a lower priority number than the rule that denies the flow, for the endpoint's IP and port (and, inbound, for the address the endpoint sees: the firewall's subnet when it SNATs, the clients' otherwise):\n\n```sh\naz network nsg rule create --resource-group <rg> --nsg-name <nsg> --name allow-pe-443 --priority 200 \\\n  --direction Outbound --access Allow --protocol Tcp --destination-address-prefixes 10.2.0.4/32 --destination-port-ranges 443\n```\n\n```bicep\n{\n  name: 'allow-pe-443'\n  properties: {\n    priority: 200\n    direction: 'Outbound'\n    access: 'Allow'\n    protocol: 'Tcp'\n    sourceAddressPrefix: '*'\n    sourcePortRange: '*'\n    destinationAddressPrefix: '10.2.0.4/32'\n    destinationPortRange: '443'\n  }\n}\n```",
  references: [
    {
      title: 'How network security groups filter network traffic',
      url: 'https://learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works',
    },
    {
      title: 'Network security groups: security rules and default rules',
      url: 'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview',
    },
    {
      title: 'Manage network policies for private endpoints',
      url: 'https://learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy',
    },
  ],
  messages,
  evaluate(inv, ctx) {
    const results: CheckResult<typeof messages>[] = [];
    // One finding per NSG (the thing to change), with the subnet -> endpoint pairs it blocks.
    const denied = new AffectedGroups<NsgEndpointFlow>('subnet', 'privateEndpoint');
    const open = new Map<string, string>();
    for (const flow of nsgEndpointFlows(inv, ctx)) {
      const { hop } = flow;
      if (!hop.verdict) {
        open.set(
          hop.attachedId,
          `NSG ${nameFromId(hop.nsgId)} on ${hop.attachedTo} ${hop.attachedName} was not read, so whether it lets traffic reach private endpoint ${flow.endpoint.name} cannot be judged.`,
        );
      } else if (hop.verdict.decision === 'unknown') {
        open.set(
          hop.nsg!.id,
          `Cannot tell whether NSG ${hop.nsg!.name} lets ${hop.source} reach private endpoint ${flow.endpoint.name} (${flow.ip}): ${hop.verdict.reason}.`,
        );
      } else {
        denied.add(hop.nsg!.key, () => flow, flow.subnet.id, flow.endpoint.id);
      }
    }
    for (const { data: first, affected } of denied.entries()) {
      const { hop } = first;
      const rule = hop.verdict!.rule!;
      results.push({
        resourceId: hop.nsg!.id,
        affected,
        messageId: 'denies',
        data: {
          nsg: hop.nsg!.name,
          direction: hop.direction.toLowerCase(),
          source:
            hop.direction === 'Inbound' ? hop.source : `${first.sourceIp} (${first.nic?.name ?? first.subnet.name})`,
          endpoint: first.endpoint.name,
          ip: first.ip,
          port: first.port,
          rule: describeRule(rule),
          more:
            affected.pairs > 1
              ? `, which blocks ${describeEnd(affected, 'sources')} from ${describeEnd(affected, 'targets')}`
              : '',
          fix: fixFor(rule, hop.direction),
        },
        fact: [],
      });
    }
    for (const [resourceId, reason] of open) results.push({ inconclusive: reason, resourceId });
    return results;
  },
});

function describeRule(rule: SecurityRule): string {
  return `${rule.isDefault ? 'default rule' : 'rule'} ${rule.name} (priority ${rule.priority ?? 'unset'})`;
}

function fixFor(rule: SecurityRule, direction: string): string {
  const which = direction.toLowerCase();
  return rule.isDefault
    ? `add an ${which} Allow rule for the endpoint's IP and port`
    : `add an ${which} Allow rule for the endpoint's IP and port with a priority number below ${rule.priority ?? 'that rule'}, or narrow ${rule.name}`;
}
