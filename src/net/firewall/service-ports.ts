// The port and protocol a client uses through a private endpoint, which decide the firewall rules
// that apply to it.
import type { FirewallProtocol } from './types.js';

export interface ServicePort {
  readonly protocol: FirewallProtocol;
  readonly port: number;
}

// Ports clients use through a private endpoint, by (target type, group id); HTTPS 443 otherwise.
const servicePorts: ReadonlyMap<string, readonly ServicePort[]> = new Map([
  ['microsoft.sql/servers|sqlserver', [{ protocol: 'MSSQL', port: 1433 }]],
  ['microsoft.sql/managedinstances|managedinstance', [{ protocol: 'MSSQL', port: 1433 }]],
  ['microsoft.synapse/workspaces|sql', [{ protocol: 'MSSQL', port: 1433 }]],
  ['microsoft.synapse/workspaces|sqlondemand', [{ protocol: 'MSSQL', port: 1433 }]],
  ['microsoft.storage/storageaccounts|file', [{ protocol: 'TCP', port: 445 }]],
  ['microsoft.dbforpostgresql/flexibleservers|postgresqlserver', [{ protocol: 'TCP', port: 5432 }]],
  ['microsoft.dbforpostgresql/servers|postgresqlserver', [{ protocol: 'TCP', port: 5432 }]],
  ['microsoft.dbforpostgresql/servergroupsv2|coordinator', [{ protocol: 'TCP', port: 5432 }]],
  ['microsoft.dbformysql/flexibleservers|mysqlserver', [{ protocol: 'TCP', port: 3306 }]],
  ['microsoft.dbformysql/servers|mysqlserver', [{ protocol: 'TCP', port: 3306 }]],
  ['microsoft.dbformariadb/servers|mariadbserver', [{ protocol: 'TCP', port: 3306 }]],
  ['microsoft.cache/redis|rediscache', [{ protocol: 'TCP', port: 6380 }]],
  ['microsoft.cache/redisenterprise|redisenterprise', [{ protocol: 'TCP', port: 10000 }]],
  ['microsoft.documentdb/databaseaccounts|mongodb', [{ protocol: 'TCP', port: 10255 }]],
  ['microsoft.documentdb/databaseaccounts|cassandra', [{ protocol: 'TCP', port: 10350 }]],
  ['microsoft.documentdb/mongoclusters|mongocluster', [{ protocol: 'TCP', port: 10260 }]],
]);

const https: readonly ServicePort[] = [{ protocol: 'HTTPS', port: 443 }];

export function servicePortsOf(targetType: string, groupId: string): readonly ServicePort[] {
  return servicePorts.get(`${targetType.toLowerCase()}|${groupId.toLowerCase()}`) ?? https;
}
