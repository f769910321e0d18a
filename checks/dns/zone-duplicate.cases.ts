import type { CheckCase } from '../../test/check-cases.js';
import type { Estate } from '../../test/estates.js';
import { ids, referenceEstate } from '../../test/estates.js';
import type check from './zone-duplicate.js';

const network = 'providers/Microsoft.Network';
const pepZone = `${ids.rgPep}/${network}/privateDnsZones/privatelink.vaultcore.azure.net`;
const shoutedZone = `${ids.rgPep}/${network}/privateDnsZones/PRIVATELINK.VAULTCORE.AZURE.NET`;
const internalZone = `${ids.rgDns}/${network}/privateDnsZones/contoso.internal`;
const appInternalZone = `${ids.rgApp}/${network}/privateDnsZones/contoso.internal`;

/** The PE spoke's landing zone created its own copy of a zone and moved its VNet's link there. */
function withSpokeCopy(estate: Estate, copyId: string): Estate {
  return estate.withVaultZoneCopy(copyId, ids.pepLink).remove(ids.pepLink);
}

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'PE spoke created its own vault zone and linked its VNet to it',
    estate: withSpokeCopy(referenceEstate(), pepZone),
    expect: [
      { resourceId: ids.vaultZone, messageId: 'duplicate', related: [pepZone] },
      { resourceId: pepZone, messageId: 'duplicate', related: [ids.vaultZone] },
    ],
  },
  {
    name: 'a copy that no VNet is linked to',
    estate: referenceEstate().withVaultZoneCopy(pepZone),
    expect: [],
  },
  {
    name: 'same-named zones that are not privatelink zones',
    estate: referenceEstate()
      .withVaultZoneCopy(internalZone, ids.hubLink)
      .withVaultZoneCopy(appInternalZone, ids.appLink),
    expect: [],
  },
  {
    name: 'copy whose name is written in capitals',
    estate: withSpokeCopy(referenceEstate(), shoutedZone),
    expect: [
      { resourceId: ids.vaultZone, messageId: 'duplicate', related: [shoutedZone] },
      { resourceId: shoutedZone, messageId: 'duplicate', related: [ids.vaultZone] },
    ],
  },
  {
    name: 'ids upper-cased and a linked copy',
    estate: withSpokeCopy(referenceEstate(), pepZone).withIdsUpperCased(),
    expect: [
      { resourceId: ids.vaultZone, messageId: 'duplicate', related: [pepZone] },
      { resourceId: pepZone, messageId: 'duplicate', related: [ids.vaultZone] },
    ],
  },
] satisfies CheckCase<typeof check>[];
