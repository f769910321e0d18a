// Network security groups, application security groups and a network-rule firewall for case
// tables, as raw ARM JSON on top of the reference estate (see ./estates.ts).
import type { RawResource } from '../src/snapshot/types.js';
import { ids, networkRuleCollection, referenceEstate, type Estate } from './estates.js';

const network = 'providers/Microsoft.Network';

export const nsgIds = {
  appNsg: `${ids.rgApp}/${network}/networkSecurityGroups/nsg-sn-app`,
  nicNsg: `${ids.rgApp}/${network}/networkSecurityGroups/nsg-nic-vm-app`,
  pepNsg: `${ids.rgPep}/${network}/networkSecurityGroups/nsg-sn-pep`,
  pepAsg: `${ids.rgPep}/${network}/applicationSecurityGroups/asg-kv`,
  appAsg: `${ids.rgApp}/${network}/applicationSecurityGroups/asg-app`,
} as const;

export interface RuleSpec {
  name: string;
  priority: number;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  protocol?: string;
  source?: string;
  destination?: string;
  destinationPorts?: string[];
  sourcePorts?: string;
  sourceAsgs?: string[];
  destinationAsgs?: string[];
}

/** An NSG as ARM returns it, with the given custom rules (default rules left to plaudit). */
export function networkSecurityGroup(id: string, rules: RuleSpec[]): RawResource {
  return {
    id,
    name: id.split('/').pop()!,
    type: 'Microsoft.Network/networkSecurityGroups',
    location: 'westeurope',
    properties: {
      provisioningState: 'Succeeded',
      securityRules: rules.map((rule) => ({
        id: `${id}/securityRules/${rule.name}`,
        name: rule.name,
        properties: {
          priority: rule.priority,
          direction: rule.direction,
          access: rule.access,
          protocol: rule.protocol ?? 'Tcp',
          sourcePortRange: rule.sourcePorts ?? '*',
          ...(rule.sourceAsgs
            ? { sourceApplicationSecurityGroups: rule.sourceAsgs.map((asg) => ({ id: asg })) }
            : { sourceAddressPrefix: rule.source ?? '*' }),
          ...(rule.destinationAsgs
            ? { destinationApplicationSecurityGroups: rule.destinationAsgs.map((asg) => ({ id: asg })) }
            : { destinationAddressPrefix: rule.destination ?? '*' }),
          ...((rule.destinationPorts ?? ['*']).length === 1
            ? { destinationPortRange: (rule.destinationPorts ?? ['*'])[0] }
            : { destinationPortRanges: rule.destinationPorts }),
        },
      })),
    },
  };
}

/** The reference estate with an NSG on sn-app. */
export function withAppSubnetNsg(rules: RuleSpec[], estate: Estate = referenceEstate()): Estate {
  return estate
    .add(networkSecurityGroup(nsgIds.appNsg, rules))
    .set(ids.appSubnet, 'networkSecurityGroup', { id: nsgIds.appNsg });
}

/** The reference estate with an NSG on vm-app's NIC. */
export function withNicNsg(rules: RuleSpec[], estate: Estate = referenceEstate()): Estate {
  return estate
    .add(networkSecurityGroup(nsgIds.nicNsg, rules))
    .set(ids.vmNic, 'networkSecurityGroup', { id: nsgIds.nicNsg });
}

/** The reference estate with an NSG on sn-pep and the subnet's private endpoint network policies. */
export function withPepSubnetNsg(rules: RuleSpec[], policies: string, estate: Estate = referenceEstate()): Estate {
  return estate
    .add(networkSecurityGroup(nsgIds.pepNsg, rules))
    .set(ids.pepSubnet, 'networkSecurityGroup', { id: nsgIds.pepNsg })
    .set(ids.pepSubnet, 'privateEndpointNetworkPolicies', policies);
}

/** The firewall lets sn-app reach the vault's endpoint by a network rule instead, which does not SNAT. */
export function withNetworkRuleFirewall(estate: Estate): Estate {
  return estate.set(ids.appRuleGroup, 'ruleCollections', [
    networkRuleCollection('allow-kv', 100, 'Allow', [
      { name: 'kv', sourceAddresses: ['10.1.0.0/16'], destinationAddresses: ['10.2.0.4'], destinationPorts: ['443'] },
    ]),
  ]);
}

/** Application security groups: the vault's endpoint in asg-kv, vm-app's NIC in asg-app. */
export function withAsgs(estate: Estate): Estate {
  const asg = (id: string): RawResource => ({
    id,
    name: id.split('/').pop()!,
    type: 'Microsoft.Network/applicationSecurityGroups',
    location: 'westeurope',
    properties: {},
  });
  return estate
    .add(asg(nsgIds.pepAsg), asg(nsgIds.appAsg))
    .set(ids.vaultEndpoint, 'applicationSecurityGroups', [{ id: nsgIds.pepAsg }])
    .set(ids.vmNic, 'ipConfigurations.0.properties.applicationSecurityGroups', [{ id: nsgIds.appAsg }]);
}
