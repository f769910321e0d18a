// What plaudit knows about each service behind a private endpoint, keyed by resource type and
// group id: how the service controls its public endpoint, which of the zone table's zones are
// alternatives of one another, and the ports a client opens through the endpoint. Checks, the
// firewall flows, trace and the docs read this table and nothing else; every entry names its source.
// The privatelink zone names themselves live in privatelink-zones.json (Microsoft's zone table).
/** The protocols Azure Firewall rules name (network rules: TCP, UDP, ICMP; application rules: the rest). */
export type FirewallProtocolName = 'TCP' | 'UDP' | 'ICMP' | 'HTTP' | 'HTTPS' | 'MSSQL';

/** How a service decides who reaches its public endpoint. */
export type PublicAccessFamily =
  /** `publicNetworkAccess` plus a `networkAcls` / `networkRuleSet` property with a default action. */
  | 'networkAcls'
  /** `publicNetworkAccess` plus firewall and VNet rules kept as child resources. */
  | 'sqlServer'
  /** `publicNetworkAccess` plus `ipRules` and `isVirtualNetworkFilterEnabled` / `virtualNetworkRules`. */
  | 'cosmosDb'
  /** `publicNetworkAccess` plus a `networkRuleSets/default` child resource. */
  | 'messaging'
  /** An Azure Monitor Private Link Scope: `accessModeSettings` (ingestion and query). */
  | 'monitorScope'
  /** An AKS cluster: `apiServerAccessProfile` (private cluster, authorized IP ranges). */
  | 'kubernetes'
  /** An App Service app: `publicNetworkAccess` plus access restrictions (`ipSecurityRestrictions`). */
  | 'appService';

export interface PublicAccessControls {
  readonly family: PublicAccessFamily;
  /** What a missing `publicNetworkAccess` means: on (Key Vault, Storage, SQL), or not known. */
  readonly missingPublicNetworkAccess: 'enabled' | 'unknown';
  /** Subnet service endpoints that satisfy a VNet rule of the service. */
  readonly serviceEndpoints?: readonly string[];
  readonly source: string;
}

export interface ServicePortSpec {
  readonly protocol: FirewallProtocolName;
  readonly port: number;
  /** What the client speaks on the port: `HTTPS`, `AMQP`, `Kafka`, `TDS`... */
  readonly name: string;
  /** Only some clients open it (AMQP over port 5672, Kafka): a drop is a warning, not an error. */
  readonly optional?: boolean;
}

export interface ServiceGroup {
  /** Ports the client opens through the endpoint; HTTPS 443 when not given. */
  readonly ports?: readonly ServicePortSpec[];
  /**
   * Indexes into the zone table's zones for this group that are alternatives of one need (AKS:
   * `privatelink.<region>.azmk8s.io` or `<subzone>.privatelink.<region>.azmk8s.io`), not nested zones.
   */
  readonly zoneAlternatives?: readonly (readonly number[])[];
  readonly source: string;
}

export interface ServiceEntry {
  readonly resourceType: string;
  /** How a person names the service in a sentence. */
  readonly label: string;
  /**
   * The service's names are `<resource name>.<zone suffix>` (`kv-app.vault.azure.net` ->
   * `kv-app.privatelink.vaultcore.azure.net`), so plaudit can tell which record a zone would need.
   */
  readonly namedByResource?: boolean;
  readonly publicAccess?: PublicAccessControls;
  /** By lower-case group id; `*` for every group of the type. */
  readonly groups: Readonly<Record<string, ServiceGroup>>;
}

const https: ServicePortSpec = { protocol: 'HTTPS', port: 443, name: 'HTTPS' };
const tcp = (port: number, name: string, optional = false): ServicePortSpec => ({
  protocol: 'TCP',
  port,
  name,
  ...(optional ? { optional } : {}),
});

const amqp = 'https://learn.microsoft.com/azure/service-bus-messaging/service-bus-amqp-protocol-guide';
const eventHubsProtocols = 'https://learn.microsoft.com/azure/event-hubs/event-hubs-faq#what-ports-do-i-need-to-open-on-the-firewall';

export const services: readonly ServiceEntry[] = [
  {
    resourceType: 'Microsoft.KeyVault/vaults',
    label: 'key vault',
    namedByResource: true,
    publicAccess: {
      family: 'networkAcls',
      missingPublicNetworkAccess: 'enabled',
      serviceEndpoints: ['Microsoft.KeyVault'],
      source: 'https://learn.microsoft.com/azure/key-vault/general/network-security',
    },
    groups: { vault: { source: 'https://learn.microsoft.com/azure/key-vault/general/private-link-service' } },
  },
  {
    resourceType: 'Microsoft.Storage/storageAccounts',
    label: 'storage account',
    namedByResource: true,
    publicAccess: {
      family: 'networkAcls',
      missingPublicNetworkAccess: 'enabled',
      serviceEndpoints: ['Microsoft.Storage', 'Microsoft.Storage.Global'],
      source: 'https://learn.microsoft.com/azure/storage/common/storage-network-security',
    },
    groups: {
      '*': { source: 'https://learn.microsoft.com/azure/storage/common/storage-private-endpoints' },
      file: {
        ports: [tcp(445, 'SMB')],
        source: 'https://learn.microsoft.com/azure/storage/files/storage-troubleshoot-windows-file-connection-problems',
      },
      file_secondary: {
        ports: [tcp(445, 'SMB')],
        source: 'https://learn.microsoft.com/azure/storage/files/storage-troubleshoot-windows-file-connection-problems',
      },
    },
  },
  {
    resourceType: 'Microsoft.Sql/servers',
    label: 'SQL server',
    namedByResource: true,
    publicAccess: {
      family: 'sqlServer',
      missingPublicNetworkAccess: 'enabled',
      serviceEndpoints: ['Microsoft.Sql'],
      source: 'https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings',
    },
    groups: {
      sqlserver: {
        ports: [{ protocol: 'MSSQL', port: 1433, name: 'TDS' }],
        source: 'https://learn.microsoft.com/azure/azure-sql/database/private-endpoint-overview',
      },
    },
  },
  {
    resourceType: 'Microsoft.Sql/managedInstances',
    label: 'SQL managed instance',
    groups: {
      managedinstance: {
        ports: [{ protocol: 'MSSQL', port: 1433, name: 'TDS' }],
        source: 'https://learn.microsoft.com/azure/azure-sql/managed-instance/private-endpoint-overview',
      },
    },
  },
  {
    resourceType: 'Microsoft.Synapse/workspaces',
    label: 'Synapse workspace',
    groups: {
      sql: { ports: [{ protocol: 'MSSQL', port: 1433, name: 'TDS' }], source: 'https://learn.microsoft.com/azure/synapse-analytics/security/synapse-workspace-managed-private-endpoints' },
      sqlondemand: { ports: [{ protocol: 'MSSQL', port: 1433, name: 'TDS' }], source: 'https://learn.microsoft.com/azure/synapse-analytics/security/synapse-workspace-managed-private-endpoints' },
    },
  },
  {
    resourceType: 'Microsoft.DocumentDB/databaseAccounts',
    label: 'Cosmos DB account',
    namedByResource: true,
    publicAccess: {
      family: 'cosmosDb',
      missingPublicNetworkAccess: 'unknown',
      serviceEndpoints: ['Microsoft.AzureCosmosDB'],
      source: 'https://learn.microsoft.com/azure/cosmos-db/how-to-configure-firewall',
    },
    groups: {
      sql: { source: 'https://learn.microsoft.com/azure/cosmos-db/how-to-configure-private-endpoints' },
      mongodb: { ports: [tcp(10255, 'MongoDB wire protocol')], source: 'https://learn.microsoft.com/azure/cosmos-db/mongodb/connect-account' },
      cassandra: { ports: [tcp(10350, 'CQL')], source: 'https://learn.microsoft.com/azure/cosmos-db/cassandra/manage-data-cqlsh' },
      '*': { source: 'https://learn.microsoft.com/azure/cosmos-db/how-to-configure-private-endpoints' },
    },
  },
  {
    resourceType: 'Microsoft.DocumentDB/mongoClusters',
    label: 'Cosmos DB for MongoDB vCore cluster',
    groups: { mongocluster: { ports: [tcp(10260, 'MongoDB wire protocol')], source: 'https://learn.microsoft.com/azure/cosmos-db/mongodb/vcore/how-to-private-link' } },
  },
  {
    resourceType: 'Microsoft.EventHub/namespaces',
    label: 'Event Hubs namespace',
    namedByResource: true,
    publicAccess: {
      family: 'messaging',
      missingPublicNetworkAccess: 'unknown',
      serviceEndpoints: ['Microsoft.EventHub'],
      source: 'https://learn.microsoft.com/azure/event-hubs/network-security',
    },
    groups: {
      namespace: {
        // SDKs speak AMQP over TLS on 5671 by default; 5672, AMQP over WebSockets on 443 and Kafka
        // on 9093 are what other clients open.
        ports: [tcp(5671, 'AMQP'), tcp(5672, 'AMQP', true), { ...https, optional: true }, tcp(9093, 'Kafka', true)],
        source: eventHubsProtocols,
      },
    },
  },
  {
    resourceType: 'Microsoft.ServiceBus/namespaces',
    label: 'Service Bus namespace',
    namedByResource: true,
    publicAccess: {
      family: 'messaging',
      missingPublicNetworkAccess: 'unknown',
      serviceEndpoints: ['Microsoft.ServiceBus'],
      source: 'https://learn.microsoft.com/azure/service-bus-messaging/network-security',
    },
    groups: {
      namespace: {
        ports: [tcp(5671, 'AMQP'), tcp(5672, 'AMQP', true), { ...https, optional: true }],
        source: amqp,
      },
    },
  },
  {
    resourceType: 'Microsoft.Devices/IotHubs',
    label: 'IoT hub',
    groups: {
      iothub: {
        ports: [https, tcp(8883, 'MQTT', true), tcp(5671, 'AMQP', true)],
        source: 'https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-protocols#port-numbers',
      },
    },
  },
  {
    resourceType: 'Microsoft.ContainerRegistry/registries',
    label: 'container registry',
    namedByResource: true,
    publicAccess: {
      family: 'networkAcls',
      missingPublicNetworkAccess: 'unknown',
      serviceEndpoints: ['Microsoft.ContainerRegistry'],
      source: 'https://learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks',
    },
    groups: { registry: { source: 'https://learn.microsoft.com/azure/container-registry/container-registry-private-link' } },
  },
  {
    resourceType: 'Microsoft.CognitiveServices/accounts',
    label: 'Azure AI services account',
    publicAccess: {
      family: 'networkAcls',
      missingPublicNetworkAccess: 'unknown',
      serviceEndpoints: ['Microsoft.CognitiveServices'],
      source: 'https://learn.microsoft.com/azure/ai-services/cognitive-services-virtual-networks',
    },
    groups: { account: { source: 'https://learn.microsoft.com/azure/ai-services/cognitive-services-virtual-networks' } },
  },
  {
    resourceType: 'Microsoft.Insights/privateLinkScopes',
    label: 'Azure Monitor Private Link Scope',
    publicAccess: {
      family: 'monitorScope',
      missingPublicNetworkAccess: 'unknown',
      source: 'https://learn.microsoft.com/azure/azure-monitor/logs/private-link-design#control-how-private-links-apply-to-your-networks',
    },
    groups: { azuremonitor: { source: 'https://learn.microsoft.com/azure/azure-monitor/logs/private-link-configure' } },
  },
  {
    resourceType: 'Microsoft.ContainerService/managedClusters',
    label: 'AKS cluster',
    publicAccess: {
      family: 'kubernetes',
      missingPublicNetworkAccess: 'unknown',
      source: 'https://learn.microsoft.com/azure/aks/private-clusters',
    },
    groups: {
      management: {
        // The zone table lists the custom zone and its sub-zone form; AKS's own (system) zone is
        // `<guid>.privatelink.<region>.azmk8s.io`, the sub-zone form too.
        zoneAlternatives: [[0, 1]],
        source: 'https://learn.microsoft.com/azure/aks/private-clusters#configure-a-private-dns-zone',
      },
    },
  },
  {
    resourceType: 'Microsoft.Web/sites',
    label: 'App Service app',
    namedByResource: true,
    publicAccess: {
      family: 'appService',
      missingPublicNetworkAccess: 'unknown',
      source: 'https://learn.microsoft.com/azure/app-service/app-service-ip-restrictions',
    },
    groups: { sites: { source: 'https://learn.microsoft.com/azure/app-service/overview-private-endpoint' } },
  },
  {
    resourceType: 'Microsoft.DBforPostgreSQL/flexibleServers',
    label: 'PostgreSQL flexible server',
    namedByResource: true,
    groups: { postgresqlserver: { ports: [tcp(5432, 'PostgreSQL')], source: 'https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-private-link' } },
  },
  {
    resourceType: 'Microsoft.DBforPostgreSQL/servers',
    label: 'PostgreSQL server',
    groups: { postgresqlserver: { ports: [tcp(5432, 'PostgreSQL')], source: 'https://learn.microsoft.com/azure/postgresql/single-server/concepts-data-access-and-security-private-link' } },
  },
  {
    resourceType: 'Microsoft.DBforPostgreSQL/serverGroupsv2',
    label: 'Cosmos DB for PostgreSQL cluster',
    groups: { coordinator: { ports: [tcp(5432, 'PostgreSQL')], source: 'https://learn.microsoft.com/azure/cosmos-db/postgresql/concepts-private-access' } },
  },
  {
    resourceType: 'Microsoft.DBforMySQL/flexibleServers',
    label: 'MySQL flexible server',
    namedByResource: true,
    groups: { mysqlserver: { ports: [tcp(3306, 'MySQL')], source: 'https://learn.microsoft.com/azure/mysql/flexible-server/concepts-networking-private-link' } },
  },
  {
    resourceType: 'Microsoft.DBforMySQL/servers',
    label: 'MySQL server',
    groups: { mysqlserver: { ports: [tcp(3306, 'MySQL')], source: 'https://learn.microsoft.com/azure/mysql/single-server/concepts-data-access-security-private-link' } },
  },
  {
    resourceType: 'Microsoft.DBforMariaDB/servers',
    label: 'MariaDB server',
    groups: { mariadbserver: { ports: [tcp(3306, 'MySQL')], source: 'https://learn.microsoft.com/azure/mariadb/concepts-data-access-security-private-link' } },
  },
  {
    resourceType: 'Microsoft.Cache/Redis',
    label: 'Azure Cache for Redis',
    namedByResource: true,
    groups: { rediscache: { ports: [tcp(6380, 'Redis over TLS')], source: 'https://learn.microsoft.com/azure/azure-cache-for-redis/cache-private-link' } },
  },
  {
    resourceType: 'Microsoft.Cache/redisEnterprise',
    label: 'Redis Enterprise cluster',
    groups: { redisenterprise: { ports: [tcp(10000, 'Redis over TLS')], source: 'https://learn.microsoft.com/azure/redis/private-link' } },
  },
];

const byType = new Map(services.map((entry) => [entry.resourceType.toLowerCase(), entry]));

/** The table's entry for a resource type (any case). */
export function serviceEntry(resourceType: string): ServiceEntry | undefined {
  return byType.get(resourceType.toLowerCase());
}

/** The group's entry, or the type's `*` entry. */
export function serviceGroup(resourceType: string, groupId: string): ServiceGroup | undefined {
  const entry = serviceEntry(resourceType);
  return entry?.groups[groupId.toLowerCase()] ?? entry?.groups['*'];
}

/** The ports a client opens for a (type, group id): HTTPS 443 unless the table says otherwise. */
export function servicePortSpecs(resourceType: string, groupId: string): readonly ServicePortSpec[] {
  return serviceGroup(resourceType, groupId)?.ports ?? [https];
}
