import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';
import type check from './link-not-ready.js';

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'link still in progress',
    estate: referenceEstate().set(ids.appLink, 'virtualNetworkLinkState', 'InProgress'),
    expect: [{ resourceId: ids.appLink, messageId: 'notReady', related: [ids.vaultZone, ids.appVnet] }],
  },
  {
    name: 'link provisioning failed',
    estate: referenceEstate().set(ids.hubLink, 'provisioningState', 'Failed'),
    expect: [{ resourceId: ids.hubLink, messageId: 'notReady', related: [ids.vaultZone, ids.hubVnet] }],
  },
  {
    name: 'states written in lower case',
    estate: referenceEstate()
      .set(ids.appLink, 'virtualNetworkLinkState', 'completed')
      .set(ids.appLink, 'provisioningState', 'succeeded'),
    expect: [],
  },
  {
    name: 'link state missing and provisioning succeeded',
    estate: referenceEstate().unset(ids.pepLink, 'virtualNetworkLinkState'),
    expect: [],
  },
  {
    name: 'link state missing and provisioning failed',
    estate: referenceEstate()
      .unset(ids.pepLink, 'virtualNetworkLinkState')
      .set(ids.pepLink, 'provisioningState', 'Failed'),
    expect: [{ resourceId: ids.pepLink, messageId: 'notReady', related: [ids.vaultZone, ids.pepVnet] }],
  },
  {
    name: 'both states missing',
    estate: referenceEstate().unset(ids.pepLink, 'virtualNetworkLinkState').unset(ids.pepLink, 'provisioningState'),
    expect: [],
    inconclusive: [ids.pepLink],
  },
  {
    name: 'ids upper-cased and a failed link',
    estate: referenceEstate().set(ids.appLink, 'provisioningState', 'Failed').withIdsUpperCased(),
    expect: [{ resourceId: ids.appLink, messageId: 'notReady', related: [ids.vaultZone, ids.appVnet] }],
  },
] satisfies CheckCase<typeof check>[];
