import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';
import type check from './link-autoregistration.js';

const internalZone = `${ids.rgDns}/providers/Microsoft.Network/privateDnsZones/contoso.internal`;
const internalLink = `${internalZone}/virtualNetworkLinks/link-vnet-app`;

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'app VNet auto-registers its VMs into the vault zone',
    estate: referenceEstate().set(ids.appLink, 'registrationEnabled', true),
    expect: [{ resourceId: ids.appLink, messageId: 'autoregistration', related: [ids.vaultZone, ids.appVnet] }],
  },
  {
    name: 'auto-registration into a zone that is not a privatelink zone',
    estate: referenceEstate()
      .withVaultZoneCopy(internalZone, ids.appLink)
      .set(internalLink, 'registrationEnabled', true),
    expect: [],
  },
  {
    name: 'link to a zone that was not read, judged by the name in its id',
    estate: referenceEstate().set(ids.hubLink, 'registrationEnabled', true).remove(ids.vaultZone),
    expect: [{ resourceId: ids.hubLink, messageId: 'autoregistration', related: [ids.hubVnet] }],
  },
  {
    name: 'ids upper-cased and registration on',
    estate: referenceEstate().set(ids.appLink, 'registrationEnabled', true).withIdsUpperCased(),
    expect: [{ resourceId: ids.appLink, messageId: 'autoregistration', related: [ids.vaultZone, ids.appVnet] }],
  },
] satisfies CheckCase<typeof check>[];
