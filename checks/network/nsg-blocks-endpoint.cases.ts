import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';
import {
  nsgIds,
  withAppSubnetNsg,
  withAsgs,
  withNetworkRuleFirewall,
  withNicNsg,
  withPepSubnetNsg,
} from '../../test/nsg-estates.js';
import { vwanEstate, vwanIds } from '../../test/vwan-estates.js';
import type check from './nsg-blocks-endpoint.js';

const denyAllOut = {
  name: 'deny-all-out',
  priority: 4000,
  direction: 'Outbound',
  access: 'Deny',
  protocol: '*',
} as const;
const denyAllIn = { name: 'deny-all-in', priority: 4000, direction: 'Inbound', access: 'Deny', protocol: '*' } as const;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'endpoint subnet NSG enabled for private endpoints lets only the app spoke in, but the firewall SNATs',
    estate: withPepSubnetNsg(
      [
        {
          name: 'allow-app',
          priority: 100,
          direction: 'Inbound',
          access: 'Allow',
          source: '10.1.0.0/16',
          destinationPorts: ['443'],
        },
        denyAllIn,
      ],
      'Enabled',
    ),
    expect: [{ resourceId: nsgIds.pepNsg, messageId: 'denies', pairs: 1 }],
  },
  {
    name: 'the same NSG passes when the firewall lets the flow through by a network rule that keeps the client address',
    estate: withNetworkRuleFirewall(
      withPepSubnetNsg(
        [
          {
            name: 'allow-app',
            priority: 100,
            direction: 'Inbound',
            access: 'Allow',
            source: '10.1.0.0/16',
            destinationPorts: ['443'],
          },
          denyAllIn,
        ],
        'Enabled',
      ),
    ),
    expect: [],
  },
  {
    name: 'endpoint subnet NSG denying everything is ignored while privateEndpointNetworkPolicies is Disabled',
    estate: withPepSubnetNsg([denyAllIn], 'Disabled'),
    expect: [],
  },
  {
    name: 'endpoint subnet NSG denying everything applies with NetworkSecurityGroupEnabled',
    estate: withPepSubnetNsg([denyAllIn], 'NetworkSecurityGroupEnabled'),
    expect: [{ resourceId: nsgIds.pepNsg, messageId: 'denies', pairs: 1 }],
  },
  {
    name: 'endpoint subnet NSG with only the default rules lets the peered hub in',
    estate: withPepSubnetNsg([], 'Enabled'),
    expect: [],
  },
  {
    name: 'client subnet NSG denies all outbound above the default rules',
    estate: withAppSubnetNsg([denyAllOut]),
    expect: [{ resourceId: nsgIds.appNsg, messageId: 'denies', pairs: 1 }],
  },
  {
    name: 'client subnet NSG with only the default rules passes: the user route puts the endpoint spoke in VirtualNetwork',
    estate: withAppSubnetNsg([]),
    expect: [],
  },
  {
    name: 'an Allow for 443 at a lower priority number wins over the deny',
    estate: withAppSubnetNsg([
      {
        name: 'allow-pe',
        priority: 100,
        direction: 'Outbound',
        access: 'Allow',
        destination: '10.2.0.0/24',
        destinationPorts: ['443'],
      },
      denyAllOut,
    ]),
    expect: [],
  },
  {
    name: 'a deny at a lower priority number wins over the Allow for 443',
    estate: withAppSubnetNsg([
      {
        name: 'allow-pe',
        priority: 300,
        direction: 'Outbound',
        access: 'Allow',
        destination: '10.2.0.0/24',
        destinationPorts: ['443'],
      },
      { name: 'deny-spokes', priority: 200, direction: 'Outbound', access: 'Deny', destination: '10.2.0.0/16' },
    ]),
    expect: [{ resourceId: nsgIds.appNsg, messageId: 'denies', pairs: 1 }],
  },
  {
    name: 'a deny for other ports and for UDP passes',
    estate: withAppSubnetNsg([
      {
        name: 'deny-sql',
        priority: 100,
        direction: 'Outbound',
        access: 'Deny',
        destinationPorts: ['1433', '3306-3307'],
      },
      { name: 'deny-udp', priority: 110, direction: 'Outbound', access: 'Deny', protocol: 'Udp' },
    ]),
    expect: [],
  },
  {
    name: 'a deny for a port range holding 443 blocks',
    estate: withAppSubnetNsg([
      { name: 'deny-web', priority: 100, direction: 'Outbound', access: 'Deny', destinationPorts: ['400-500'] },
    ]),
    expect: [{ resourceId: nsgIds.appNsg, messageId: 'denies', pairs: 1 }],
  },
  {
    name: 'NIC NSG denies the vault endpoint application security group',
    estate: withNicNsg(
      [{ name: 'deny-kv', priority: 100, direction: 'Outbound', access: 'Deny', destinationAsgs: [nsgIds.pepAsg] }],
      withAsgs(referenceEstate()),
    ),
    expect: [{ resourceId: nsgIds.nicNsg, messageId: 'denies', pairs: 1 }],
  },
  {
    name: 'NIC NSG denying another application security group passes',
    estate: withNicNsg(
      [{ name: 'deny-app', priority: 100, direction: 'Outbound', access: 'Deny', destinationAsgs: [nsgIds.appAsg] }],
      withAsgs(referenceEstate()),
    ),
    expect: [],
  },
  {
    name: 'inbound NSG allowing the app ASG still blocks: the firewall SNATs, so the endpoint sees no ASG member',
    estate: withPepSubnetNsg(
      [
        { name: 'allow-app-asg', priority: 100, direction: 'Inbound', access: 'Allow', sourceAsgs: [nsgIds.appAsg] },
        denyAllIn,
      ],
      'Enabled',
      withAsgs(referenceEstate()),
    ),
    expect: [{ resourceId: nsgIds.pepNsg, messageId: 'denies', pairs: 1 }],
  },
  {
    name: 'a deny to a service tag of public prefixes does not hold the private endpoint IP',
    estate: withAppSubnetNsg([
      { name: 'deny-storage', priority: 100, direction: 'Outbound', access: 'Deny', destination: 'Storage' },
      { name: 'deny-internet', priority: 110, direction: 'Outbound', access: 'Deny', destination: 'Internet' },
    ]),
    expect: [],
  },
  {
    name: 'a deny limited to some source ports may hold the client port',
    estate: withAppSubnetNsg([
      { name: 'deny-high-ports', priority: 100, direction: 'Outbound', access: 'Deny', sourcePorts: '50000-60000' },
    ]),
    expect: [],
    inconclusive: [nsgIds.appNsg],
  },
  {
    name: 'NSG attached to the client subnet but not read',
    estate: referenceEstate().set(ids.appSubnet, 'networkSecurityGroup', { id: nsgIds.appNsg }),
    expect: [],
    inconclusive: [ids.appSubnet],
  },
  {
    name: 'ids upper-cased and the client subnet NSG denies all outbound',
    estate: withAppSubnetNsg([denyAllOut]).withIdsUpperCased(),
    expect: [{ resourceId: nsgIds.appNsg, messageId: 'denies', pairs: 1 }],
  },
  {
    name: 'secured hub: the endpoint subnet NSG lets in the hub, from which the firewall SNATs',
    estate: vwanEstate(),
    expect: [],
  },
  {
    name: 'secured hub: the endpoint subnet NSG lets in the app spoke, but the firewall SNATs from the hub',
    estate: vwanEstate().update(vwanIds.pepNsg, (nsg) => {
      const rules = nsg.properties!.securityRules as { properties: Record<string, unknown> }[];
      rules[0]!.properties.sourceAddressPrefix = '10.11.0.0/16';
    }),
    expect: [{ resourceId: vwanIds.pepNsg, messageId: 'denies', pairs: 1 }],
  },
] satisfies CheckCase<typeof check>[];
