import type { CheckCase } from '../../test/check-cases.js';
import { extraIds, ids, referenceEstate } from '../../test/estates.js';
import type check from './record-missing.js';

const network = 'providers/Microsoft.Network';

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'A record deleted from the zone the zone group manages',
    estate: referenceEstate().remove(ids.vaultRecord),
    expect: [{ resourceId: ids.vaultZone, messageId: 'missing', related: [ids.vaultEndpoint] }],
  },
  {
    name: 'endpoint created without a zone group and no record written by hand',
    estate: referenceEstate().remove(ids.vaultZoneGroup).remove(ids.vaultRecord),
    expect: [{ resourceId: ids.vaultZone, messageId: 'missing', related: [ids.vaultEndpoint] }],
  },
  {
    name: 'record holds the name under another record type only',
    estate: referenceEstate().update(ids.vaultRecord, (record) => {
      record.type = 'Microsoft.Network/privateDnsZones/CNAME';
      record.id = record.id.replace('/A/', '/CNAME/');
    }),
    expect: [{ resourceId: ids.vaultZone, messageId: 'missing', related: [ids.vaultEndpoint] }],
  },
  {
    name: 'no zone in scope is dns/zone-missing, not a missing record',
    estate: referenceEstate().remove(ids.vaultZoneGroup).remove(ids.vaultZone).remove(ids.vaultRecord),
    expect: [],
  },
  {
    name: 'zone group points at a zone that is not in the snapshot',
    estate: referenceEstate().setZoneGroupZone(
      ids.vaultZoneGroup,
      `${ids.connectivity}/resourceGroups/rg-dns-central/${network}/privateDnsZones/privatelink.vaultcore.azure.net`,
    ),
    expect: [],
    inconclusive: [ids.vaultEndpoint],
  },
  {
    name: 'endpoint to a service type plaudit has no zones for',
    estate: referenceEstate().setEndpointTarget(ids.vaultEndpoint, extraIds.unknownService, ['widget']),
    expect: [],
    inconclusive: [ids.vaultEndpoint],
  },
  {
    name: 'endpoint NIC not read and no customDnsConfigs',
    estate: referenceEstate().remove(ids.vaultEndpointNic),
    expect: [],
    inconclusive: [ids.vaultEndpoint],
  },
  {
    name: 'record name written in capitals',
    estate: referenceEstate().update(ids.vaultRecord, (record) => {
      record.name = 'KV-PEP-SPOKEPEP';
    }),
    expect: [],
  },
  {
    name: 'ids upper-cased and the record deleted',
    estate: referenceEstate().remove(ids.vaultRecord).withIdsUpperCased(),
    expect: [{ resourceId: ids.vaultZone, messageId: 'missing', related: [ids.vaultEndpoint] }],
  },
] satisfies CheckCase<typeof check>[];
