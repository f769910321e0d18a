import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';
import type check from './record-ip-mismatch.js';

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: "A record still points at a recreated endpoint's old IP",
    estate: referenceEstate().set(ids.vaultRecord, 'aRecords', [{ ipv4Address: '10.2.0.9' }]),
    expect: [{ resourceId: ids.vaultRecord, messageId: 'mismatch', related: [ids.vaultEndpoint] }],
  },
  {
    name: 'A record holds an extra IP besides the endpoint',
    estate: referenceEstate().set(ids.vaultRecord, 'aRecords', [
      { ipv4Address: '10.2.0.4' },
      { ipv4Address: '10.2.0.10' },
    ]),
    expect: [{ resourceId: ids.vaultRecord, messageId: 'mismatch', related: [ids.vaultEndpoint] }],
  },
  {
    name: 'endpoint NIC moved to a new IP',
    estate: referenceEstate().set(ids.vaultEndpointNic, 'ipConfigurations.0.properties.privateIPAddress', '10.2.0.7'),
    expect: [{ resourceId: ids.vaultRecord, messageId: 'mismatch', related: [ids.vaultEndpoint] }],
  },
  {
    name: 'ids and types differ only in letter case',
    estate: referenceEstate().withIdsUpperCased(),
    expect: [],
  },
  {
    name: 'record ids upper-cased and the record wrong',
    estate: referenceEstate()
      .set(ids.vaultRecord, 'aRecords', [{ ipv4Address: '10.2.0.9' }])
      .withIdsUpperCased(),
    expect: [{ resourceId: ids.vaultRecord, messageId: 'mismatch', related: [ids.vaultEndpoint] }],
  },
] satisfies CheckCase<typeof check>[];
