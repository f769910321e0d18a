import { describe, expect, it } from 'vitest';
import { isPrivateLinkZoneName, privateLinkDnsProfile } from './privatelink-zones.js';
import { privatelinkNameOf } from '../net/dns/private-dns.js';

const names = (
  type: string,
  group: string,
  cloud: 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud' = 'AzureCloud',
  location?: string,
) =>
  privateLinkDnsProfile(type, group, cloud, location)?.needs.map((need) => need.alternatives.map((zone) => zone.name));

describe('privatelink zone table', () => {
  it('looks zones up by resource type and group id, case-insensitively', () => {
    expect(names('microsoft.keyvault/VAULTS', 'Vault')).toEqual([['privatelink.vaultcore.azure.net']]);
    expect(names('Microsoft.Storage/storageAccounts', 'blob')).toEqual([['privatelink.blob.core.windows.net']]);
  });

  it('never looks up by group id alone', () => {
    expect(names('Microsoft.Compute/diskAccesses', 'blob')).toBeUndefined();
    expect(names('Microsoft.Storage/storageAccounts', 'vault')).toBeUndefined();
  });

  it('knows the sovereign clouds', () => {
    expect(names('Microsoft.KeyVault/vaults', 'vault', 'AzureUSGovernment')).toEqual([
      ['privatelink.vaultcore.usgovcloudapi.net'],
    ]);
    expect(names('Microsoft.KeyVault/vaults', 'vault', 'AzureChinaCloud')).toEqual([
      ['privatelink.vaultcore.azure.cn'],
    ]);
  });

  it('expands {regionName} from the location and keeps services that need several zones', () => {
    expect(names('Microsoft.Kusto/Clusters', 'cluster', 'AzureCloud', 'West Europe')).toEqual([
      ['privatelink.westeurope.kusto.windows.net'],
      ['privatelink.blob.core.windows.net'],
      ['privatelink.queue.core.windows.net'],
      ['privatelink.table.core.windows.net'],
    ]);
  });

  it('does not ask for zones nested in another needed zone', () => {
    expect(names('Microsoft.ContainerRegistry/registries', 'registry', 'AzureCloud', 'eastus')).toEqual([
      ['privatelink.azurecr.io'],
    ]);
  });

  it('accepts either zone where the table lists two rows for one group', () => {
    expect(names('Microsoft.Cache/redisEnterprise', 'redisEnterprise')).toEqual([
      ['privatelink.redisenterprise.cache.azure.net', 'privatelink.redis.azure.net'],
    ]);
  });

  it('matches unexpandable placeholders as one label', () => {
    const profile = privateLinkDnsProfile('Microsoft.Sql/managedInstances', 'managedInstance', 'AzureCloud', 'eastus')!;
    expect(profile.needs[0]!.alternatives[0]!.pattern.test('privatelink.a1b2c3.database.windows.net')).toBe(true);
    expect(profile.needs[0]!.alternatives[0]!.pattern.test('privatelink.a.b.database.windows.net')).toBe(false);
  });

  it('expands {regionCode} to the Azure Backup geo code of the region, for every cloud', () => {
    expect(names('Microsoft.RecoveryServices/vaults', 'AzureBackup', 'AzureCloud', 'Canada Central')).toEqual([
      ['privatelink.cnc.backup.windowsazure.com'],
      ['privatelink.blob.core.windows.net'],
      ['privatelink.queue.core.windows.net'],
    ]);
    expect(names('Microsoft.RecoveryServices/vaults', 'AzureBackup', 'AzureUSGovernment', 'usgovvirginia')).toEqual([
      ['privatelink.ugv.backup.windowsazure.us'],
    ]);
    const backup = privateLinkDnsProfile('Microsoft.RecoveryServices/vaults', 'AzureBackup', 'AzureCloud', 'canadacentral')!;
    expect(backup.needs[0]!.alternatives[0]!.pattern.test('privatelink.eus.backup.windowsazure.com')).toBe(false);
    expect(backup.needs[0]!.alternatives[0]!.unresolved).toBeUndefined();
    const unknown = privateLinkDnsProfile('Microsoft.RecoveryServices/vaults', 'AzureBackup', 'AzureCloud', 'marsnorth')!;
    expect(unknown.needs[0]!.alternatives[0]!.unresolved).toMatch(/geo code of region marsnorth/);
  });

  it('keeps alternatives of one need together instead of dropping the nested form (AKS)', () => {
    expect(names('Microsoft.ContainerService/managedClusters', 'management', 'AzureCloud', 'eastus')).toEqual([
      ['privatelink.eastus.azmk8s.io', '{subzone}.privatelink.eastus.azmk8s.io'],
    ]);
    const aks = privateLinkDnsProfile('Microsoft.ContainerService/managedClusters', 'management', 'AzureCloud', 'eastus')!;
    const [custom, subzone] = aks.needs[0]!.alternatives;
    expect(subzone!.pattern.test('4f8a1c2e-0d7b-4c3a-9e1f-2b6d8a0c4e71.privatelink.eastus.azmk8s.io')).toBe(true);
    expect(custom!.pattern.test('privatelink.westus.azmk8s.io')).toBe(false);
  });

  it('recognises privatelink zone names', () => {
    expect(isPrivateLinkZoneName('privatelink.vaultcore.azure.net', 'AzureCloud')).toBe(true);
    expect(isPrivateLinkZoneName('contoso.internal', 'AzureCloud')).toBe(false);
  });
});

describe('privatelinkNameOf', () => {
  it('maps public names through the forwarders to the privatelink name', () => {
    const vault = privateLinkDnsProfile('Microsoft.KeyVault/vaults', 'vault', 'AzureCloud', 'westeurope')!;
    expect(privatelinkNameOf('kv-app.vault.azure.net', vault)).toBe('kv-app.privatelink.vaultcore.azure.net');
    expect(privatelinkNameOf('kv-app.privatelink.vaultcore.azure.net', vault)).toBe(
      'kv-app.privatelink.vaultcore.azure.net',
    );
    const blob = privateLinkDnsProfile('Microsoft.Storage/storageAccounts', 'blob', 'AzureCloud', 'westeurope')!;
    expect(privatelinkNameOf('st1.blob.core.windows.net', blob)).toBe('st1.privatelink.blob.core.windows.net');
    const registry = privateLinkDnsProfile(
      'Microsoft.ContainerRegistry/registries',
      'registry',
      'AzureCloud',
      'eastus',
    )!;
    expect(privatelinkNameOf('reg.eastus.data.azurecr.io', registry)).toBe('reg.eastus.data.privatelink.azurecr.io');
    expect(privatelinkNameOf('reg.azurecr.io', registry)).toBe('reg.privatelink.azurecr.io');
    expect(privatelinkNameOf('something.example.com', vault)).toBeUndefined();
  });
});
