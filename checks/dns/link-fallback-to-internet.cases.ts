import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';
import type check from './link-fallback-to-internet.js';

const internalZone = `${ids.rgDns}/providers/Microsoft.Network/privateDnsZones/contoso.internal`;
const internalLink = `${internalZone}/virtualNetworkLinks/link-vnet-app`;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'app VNet link falls back to public resolution',
    estate: referenceEstate().set(ids.appLink, 'resolutionPolicy', 'NxDomainRedirect'),
    expect: [{ resourceId: ids.appLink, messageId: 'fallback', related: [ids.vaultZone, ids.appVnet] }],
  },
  {
    name: 'policy written in lower case',
    estate: referenceEstate().set(ids.hubLink, 'resolutionPolicy', 'nxdomainredirect'),
    expect: [{ resourceId: ids.hubLink, messageId: 'fallback', related: [ids.vaultZone, ids.hubVnet] }],
  },
  {
    name: 'link without a resolution policy (older API versions) uses the default',
    estate: referenceEstate().unset(ids.appLink, 'resolutionPolicy'),
    expect: [],
  },
  {
    name: 'fallback on a zone that is not a privatelink zone',
    estate: referenceEstate()
      .withVaultZoneCopy(internalZone, ids.appLink)
      .set(internalLink, 'resolutionPolicy', 'NxDomainRedirect'),
    expect: [],
  },
  {
    name: 'ids upper-cased and fallback on',
    estate: referenceEstate().set(ids.pepLink, 'resolutionPolicy', 'NxDomainRedirect').withIdsUpperCased(),
    expect: [{ resourceId: ids.pepLink, messageId: 'fallback', related: [ids.vaultZone, ids.pepVnet] }],
  },
] satisfies CheckCase<typeof check>[];
