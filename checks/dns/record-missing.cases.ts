import type { CheckCase } from '../../test/check-cases.js';
import { extraIds, ids, referenceEstate } from '../../test/estates.js';
import { endpointIdOf, withServiceEndpoint, zoneIdOf, type ServiceEndpointSpec } from '../../test/service-estates.js';
import type check from './record-missing.js';

/**
 * A service whose endpoint NIC lists several names, with its zones and a record for each name
 * except those in `skip` (relative names).
 */
function multiName(spec: Omit<ServiceEndpointSpec, 'zones'>, zones: Record<string, string[]>, skip: string[] = []) {
  return withServiceEndpoint(referenceEstate(), {
    ...spec,
    zones: Object.entries(zones).map(([name, records]) => ({
      name,
      records: records.filter((record) => !skip.includes(record)).map((record) => ({ name: record, ip: spec.ip })),
    })),
  });
}
const registry = (skip: string[] = []) =>
  multiName(
    {
      type: 'Microsoft.ContainerRegistry/registries',
      name: 'acrapp',
      groupId: 'registry',
      ip: '10.2.0.14',
      fqdns: ['acrapp.azurecr.io', 'acrapp.westeurope.data.azurecr.io'],
    },
    { 'privatelink.azurecr.io': ['acrapp', 'acrapp.westeurope.data'] },
    skip,
  );
const webApp = (skip: string[] = []) =>
  multiName(
    {
      type: 'Microsoft.Web/sites',
      name: 'app-web',
      groupId: 'sites',
      ip: '10.2.0.15',
      fqdns: ['app-web.azurewebsites.net', 'app-web.scm.azurewebsites.net'],
    },
    { 'privatelink.azurewebsites.net': ['app-web', 'app-web.scm'] },
    skip,
  );
const workspace = (skip: string[] = []) =>
  multiName(
    {
      type: 'Microsoft.MachineLearningServices/workspaces',
      name: 'mlw-app',
      groupId: 'amlworkspace',
      ip: '10.2.0.16',
      fqdns: [
        '5d1e0c2a.workspace.westeurope.api.azureml.ms',
        '5d1e0c2a.workspace.westeurope.cert.api.azureml.ms',
        'ml-mlw-app-westeurope-5d1e0c2a.westeurope.notebooks.azure.net',
      ],
    },
    {
      'privatelink.api.azureml.ms': ['5d1e0c2a.workspace.westeurope', '5d1e0c2a.workspace.westeurope.cert'],
      'privatelink.notebooks.azure.net': ['ml-mlw-app-westeurope-5d1e0c2a.westeurope'],
    },
    skip,
  );
const cosmosAccount = (skip: string[] = []) =>
  multiName(
    {
      type: 'Microsoft.DocumentDB/databaseAccounts',
      name: 'cosmos-app',
      groupId: 'Sql',
      ip: '10.2.0.17',
      fqdns: ['cosmos-app.documents.azure.com', 'cosmos-app-westeurope.documents.azure.com'],
    },
    { 'privatelink.documents.azure.com': ['cosmos-app', 'cosmos-app-westeurope'] },
    skip,
  );
const monitorScope = (skip: string[] = []) =>
  multiName(
    {
      type: 'Microsoft.Insights/privateLinkScopes',
      name: 'ampls-hub',
      groupId: 'azuremonitor',
      ip: '10.2.0.18',
      fqdns: [
        'api.monitor.azure.com',
        'global.in.ai.monitor.azure.com',
        '0b6e2f1a.oms.opinsights.azure.com',
        '0b6e2f1a.ods.opinsights.azure.com',
        '0b6e2f1a.agentsvc.azure-automation.net',
        'scadvisorcontent.blob.core.windows.net',
      ],
    },
    {
      'privatelink.monitor.azure.com': ['api', 'global.in.ai'],
      'privatelink.oms.opinsights.azure.com': ['0b6e2f1a'],
      'privatelink.ods.opinsights.azure.com': ['0b6e2f1a'],
      'privatelink.agentsvc.azure-automation.net': ['0b6e2f1a'],
      'privatelink.blob.core.windows.net': ['scadvisorcontent'],
    },
    skip,
  );
const dataLake = (skip: string[] = []) =>
  multiName(
    {
      type: 'Microsoft.Storage/storageAccounts',
      name: 'stlake',
      groupId: 'dfs',
      ip: '10.2.0.19',
      fqdns: ['stlake.dfs.core.windows.net'],
    },
    { 'privatelink.dfs.core.windows.net': ['stlake'], 'privatelink.blob.core.windows.net': ['stlake'] },
    skip,
  );
const missingIn = (zoneName: string, endpoint: string) => ({
  resourceId: zoneIdOf(zoneName),
  messageId: 'missing' as const,
  related: [endpointIdOf(endpoint)],
});

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
  {
    name: 'container registry with records for the registry and its regional data endpoint',
    estate: registry(),
    expect: [],
  },
  {
    name: "container registry without the regional data endpoint's record",
    estate: registry(['acrapp.westeurope.data']),
    expect: [missingIn('privatelink.azurecr.io', 'acrapp')],
  },
  { name: 'Data Lake storage dfs endpoint with its dfs record', estate: dataLake(), expect: [] },
  {
    name: 'Data Lake storage dfs endpoint whose record is only in the blob zone',
    estate: dataLake(['stlake']).withARecord(zoneIdOf('privatelink.blob.core.windows.net'), 'stlake', ['10.2.0.19']),
    expect: [missingIn('privatelink.dfs.core.windows.net', 'stlake')],
  },
  { name: 'App Service app with records for the site and scm', estate: webApp(), expect: [] },
  {
    name: 'App Service app without the scm record',
    estate: webApp(['app-web.scm']),
    expect: [missingIn('privatelink.azurewebsites.net', 'app-web')],
  },
  { name: 'Azure Machine Learning workspace with records in both its zones', estate: workspace(), expect: [] },
  {
    name: 'Azure Machine Learning workspace without its notebooks record',
    estate: workspace(['ml-mlw-app-westeurope-5d1e0c2a.westeurope']),
    expect: [missingIn('privatelink.notebooks.azure.net', 'mlw-app')],
  },
  { name: 'Cosmos DB account with records for the account and its regional name', estate: cosmosAccount(), expect: [] },
  {
    name: 'Cosmos DB account without its regional record',
    estate: cosmosAccount(['cosmos-app-westeurope']),
    expect: [missingIn('privatelink.documents.azure.com', 'cosmos-app')],
  },
  { name: 'Azure Monitor Private Link Scope with every name in its five zones', estate: monitorScope(), expect: [] },
  {
    name: 'Azure Monitor Private Link Scope without the agentsvc and blob records',
    estate: monitorScope(['scadvisorcontent', '0b6e2f1a'])
      .withARecord(zoneIdOf('privatelink.oms.opinsights.azure.com'), '0b6e2f1a', ['10.2.0.18'])
      .withARecord(zoneIdOf('privatelink.ods.opinsights.azure.com'), '0b6e2f1a', ['10.2.0.18']),
    expect: [
      missingIn('privatelink.agentsvc.azure-automation.net', 'ampls-hub'),
      missingIn('privatelink.blob.core.windows.net', 'ampls-hub'),
    ],
  },
] satisfies CheckCase<typeof check>[];
