import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';
import type check from './service-endpoint-bypass.js';

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    // azure-reference §7: the service endpoint route beats 0.0.0.0/0 -> firewall for Key Vault's public IPs.
    name: 'the app subnet has the Microsoft.KeyVault service endpoint',
    estate: referenceEstate().withServiceEndpoints(ids.appSubnet, [
      { service: 'Microsoft.KeyVault', locations: ['*'] },
    ]),
    expect: [{ resourceId: ids.appSubnet, messageId: 'bypass', related: [ids.vaultEndpoint, ids.vault] }],
  },
  {
    name: 'service names are compared without case',
    estate: referenceEstate().withServiceEndpoints(ids.appSubnet, [
      { service: 'microsoft.keyvault', locations: ['westeurope'] },
    ]),
    expect: [{ resourceId: ids.appSubnet, messageId: 'bypass', related: [ids.vaultEndpoint, ids.vault] }],
  },
  {
    name: 'only the Microsoft.Storage service endpoint: not the vault service',
    estate: referenceEstate().withServiceEndpoints(ids.appSubnet, [
      { service: 'Microsoft.Storage', locations: ['westeurope'] },
    ]),
    expect: [],
  },
  {
    name: 'the Key Vault service endpoint covers another region than the vault',
    estate: referenceEstate().withServiceEndpoints(ids.appSubnet, [
      { service: 'Microsoft.KeyVault', locations: ['northeurope'] },
    ]),
    expect: [],
  },
  {
    name: 'public traffic goes to the Internet anyway: the service endpoint bypasses no appliance',
    estate: referenceEstate()
      .withServiceEndpoints(ids.appSubnet, [{ service: 'Microsoft.KeyVault', locations: ['*'] }])
      .remove(ids.appDefaultRoute),
    expect: [],
  },
  {
    name: "the app subnet's route table was not read",
    estate: referenceEstate()
      .withServiceEndpoints(ids.appSubnet, [{ service: 'Microsoft.KeyVault', locations: ['*'] }])
      .remove(ids.appRouteTable),
    expect: [],
    inconclusive: [ids.appSubnet],
  },
  {
    name: 'ids and types differ only in letter case',
    estate: referenceEstate().withIdsUpperCased(),
    expect: [],
  },
  {
    name: 'ids upper-cased and the Key Vault service endpoint on the app subnet',
    estate: referenceEstate()
      .withServiceEndpoints(ids.appSubnet, [{ service: 'Microsoft.KeyVault', locations: ['*'] }])
      .withIdsUpperCased(),
    expect: [{ resourceId: ids.appSubnet, messageId: 'bypass', related: [ids.vaultEndpoint, ids.vault] }],
  },
] satisfies CheckCase<typeof check>[];
