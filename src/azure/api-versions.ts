// api-versions for GETs by id and generic ARM lists: stable versions that every cloud serves. Types
// not matched here are looked up from their resource provider at run time.

const BY_PREFIX: ReadonlyArray<readonly [typePrefix: string, apiVersion: string]> = [
  ['microsoft.network/privatednszones', '2024-06-01'],
  ['microsoft.network/dnsresolvers', '2022-07-01'],
  ['microsoft.network/dnsforwardingrulesets', '2022-07-01'],
  ['microsoft.network/', '2024-05-01'],
  ['microsoft.compute/virtualmachines', '2024-07-01'],
  ['microsoft.containerservice/', '2024-09-01'],
  ['microsoft.app/', '2024-03-01'],
  ['microsoft.keyvault/', '2023-07-01'],
  ['microsoft.storage/', '2023-05-01'],
  ['microsoft.sql/', '2021-11-01'],
  ['microsoft.documentdb/', '2024-05-15'],
  ['microsoft.web/', '2023-12-01'],
  ['microsoft.containerregistry/', '2023-07-01'],
  ['microsoft.cognitiveservices/', '2024-10-01'],
  ['microsoft.servicebus/', '2021-11-01'],
  ['microsoft.eventhub/', '2024-01-01'],
];

export const SUBSCRIPTIONS_API_VERSION = '2022-12-01';
export const RESOURCE_GROUPS_API_VERSION = '2021-04-01';
export const PROVIDERS_API_VERSION = '2021-04-01';
export const MANAGEMENT_GROUPS_API_VERSION = '2020-05-01';

/** The api-version for a resource type (any case), or undefined to ask the provider. */
export function apiVersionOf(type: string): string | undefined {
  const lower = type.toLowerCase();
  return BY_PREFIX.find(([prefix]) => lower.startsWith(prefix))?.[1];
}

/**
 * Services commonly behind private endpoints, read as a whole type: a service with public access off
 * and no endpoint yet may carry no `privateEndpointConnections` and still matters.
 */
export const PAAS_TYPES = [
  'Microsoft.KeyVault/vaults',
  'Microsoft.Storage/storageAccounts',
  'Microsoft.Sql/servers',
  'Microsoft.DocumentDB/databaseAccounts',
  'Microsoft.Web/sites',
  'Microsoft.ContainerRegistry/registries',
  'Microsoft.CognitiveServices/accounts',
  'Microsoft.ServiceBus/namespaces',
  'Microsoft.EventHub/namespaces',
];
