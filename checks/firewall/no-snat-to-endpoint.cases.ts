import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';
import type check from './no-snat-to-endpoint.js';

const flowRelated = [ids.vaultEndpoint, ids.appSubnet, ids.firewall];

export default [
  { name: 'reference estate passes (application rules always SNAT)', estate: referenceEstate(), expect: [] },
  {
    name: 'a network rule allows the endpoint with the default private ranges',
    estate: referenceEstate().withVaultNetworkRule(),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'notSnated', related: flowRelated }],
  },
  {
    name: 'a network rule allows the endpoint and the policy always SNATs',
    estate: referenceEstate()
      .withVaultNetworkRule()
      .set(ids.firewallPolicy, 'snat', { privateRanges: ['255.255.255.255/32'] }),
    expect: [],
  },
  {
    name: 'a network rule allows the endpoint and the policy lists IANAPrivateRanges explicitly',
    estate: referenceEstate()
      .withVaultNetworkRule()
      .set(ids.firewallPolicy, 'snat', { privateRanges: ['IANAPrivateRanges'] }),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'notSnated', related: flowRelated }],
  },
  {
    name: 'a network rule allows the endpoint and the classic SNAT setting is ignored under a policy',
    estate: referenceEstate()
      .withVaultNetworkRule()
      .set(ids.firewall, 'additionalProperties', { 'Network.SNAT.PrivateRanges': '255.255.255.255/32' }),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'notSnated', related: flowRelated }],
  },
  {
    name: 'a network rule allows the endpoint while SNAT ranges are learned',
    estate: referenceEstate()
      .withVaultNetworkRule()
      .set(ids.firewallPolicy, 'snat', { privateRanges: ['255.255.255.255/32'], autoLearnPrivateRanges: 'Enabled' }),
    expect: [],
    inconclusive: [ids.firewallPolicy],
  },
  {
    name: 'a network rule denies the endpoint (nothing flows, nothing to SNAT)',
    estate: referenceEstate().withVaultNetworkRule('Deny'),
    expect: [],
  },
  {
    name: 'firewall policy not in the snapshot',
    estate: referenceEstate().withoutFirewallPolicy(),
    expect: [],
    inconclusive: [ids.firewall],
  },
  {
    name: 'ids and types differ only in letter case',
    estate: referenceEstate().withIdsUpperCased(),
    expect: [],
  },
  {
    name: 'ids upper-cased and a network rule allows the endpoint',
    estate: referenceEstate().withVaultNetworkRule().withIdsUpperCased(),
    expect: [{ resourceId: ids.firewallPolicy, messageId: 'notSnated', related: flowRelated }],
  },
] satisfies CheckCase<typeof check>[];
