import type { RawResource } from '../../src/snapshot/types.js';
import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate, type Estate } from '../../test/estates.js';

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    // azure-reference §7: the service endpoint route beats 0.0.0.0/0 -> firewall for Key Vault's public IPs.
    name: 'the app subnet has the Microsoft.KeyVault service endpoint',
    estate: withServiceEndpoints(referenceEstate(), [{ service: 'Microsoft.KeyVault', locations: ['*'] }]),
    expect: [{ resourceId: ids.appSubnet, messageId: 'bypass', related: [ids.vaultEndpoint, ids.vault] }],
  },
  {
    name: 'service names are compared without case',
    estate: withServiceEndpoints(referenceEstate(), [{ service: 'microsoft.keyvault', locations: ['westeurope'] }]),
    expect: [{ resourceId: ids.appSubnet, messageId: 'bypass', related: [ids.vaultEndpoint, ids.vault] }],
  },
  {
    name: 'only the Microsoft.Storage service endpoint: not the vault service',
    estate: withServiceEndpoints(referenceEstate(), [{ service: 'Microsoft.Storage', locations: ['westeurope'] }]),
    expect: [],
  },
  {
    name: 'the Key Vault service endpoint covers another region than the vault',
    estate: withServiceEndpoints(referenceEstate(), [{ service: 'Microsoft.KeyVault', locations: ['northeurope'] }]),
    expect: [],
  },
  {
    name: 'public traffic goes to the Internet anyway: the service endpoint bypasses no appliance',
    estate: withServiceEndpoints(referenceEstate(), [{ service: 'Microsoft.KeyVault', locations: ['*'] }]).update(
      ids.appRouteTable,
      (table) => {
        table.properties!.routes = (table.properties!.routes as { name: string }[]).filter(
          (route) => route.name !== 'default-via-firewall',
        );
      },
    ),
    expect: [],
  },
  {
    name: "the app subnet's route table was not read",
    estate: withServiceEndpoints(referenceEstate(), [{ service: 'Microsoft.KeyVault', locations: ['*'] }]).remove(
      ids.appRouteTable,
    ),
    expect: [],
    inconclusive: [ids.appSubnet],
  },
  {
    name: 'ids and types differ only in letter case',
    estate: referenceEstate().withIdsInCase((id) => id.toUpperCase()),
    expect: [],
  },
  {
    name: 'ids upper-cased and the Key Vault service endpoint on the app subnet',
    estate: withServiceEndpoints(referenceEstate(), [
      { service: 'Microsoft.KeyVault', locations: ['*'] },
    ]).withIdsInCase((id) => id.toUpperCase()),
    expect: [{ resourceId: ids.appSubnet, messageId: 'bypass', related: [ids.vaultEndpoint, ids.vault] }],
  },
] satisfies CheckCase[];

function withServiceEndpoints(estate: Estate, endpoints: { service: string; locations: string[] }[]): Estate {
  return estate.update(ids.appVnet, (vnet: RawResource) => {
    const subnets = vnet.properties!.subnets as { name: string; properties: Record<string, unknown> }[];
    subnets.find((subnet) => subnet.name === 'sn-app')!.properties.serviceEndpoints = endpoints.map((endpoint) => ({
      ...endpoint,
      provisioningState: 'Succeeded',
    }));
  });
}
