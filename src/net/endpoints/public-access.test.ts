import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../inventory/build/index.js';
import type { Inventory } from '../../inventory/inventory.js';
import type { PrivateLinkTarget } from '../../inventory/types.js';
import type { RawResource } from '../../snapshot/types.js';
import {
  admitsPublicAddresses,
  isPublicAccessDisabled,
  publicExposure,
  serviceLabel,
  serviceNetworkProfile,
  sqlFirewallRules,
  vnetRuleSubnetIds,
} from './public-access.js';

const rg = '/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg';
const subnet = `${rg}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/sn`;

function inventoryOf(...resources: RawResource[]): Inventory {
  return buildInventory({ resources });
}

function vault(properties: Record<string, unknown>): RawResource {
  return {
    id: `${rg}/providers/Microsoft.KeyVault/vaults/kv`,
    name: 'kv',
    type: 'Microsoft.KeyVault/vaults',
    properties,
  };
}

function onlyTarget(inv: Inventory): PrivateLinkTarget {
  const [target] = inv.targets.values();
  if (!target) throw new Error('no target');
  return target;
}

describe('admitsPublicAddresses', () => {
  it.each([
    ['203.0.113.7', true],
    ['203.0.113.0/24', true],
    ['0.0.0.0/0', true],
    ['8.0.0.0/7', true],
    ["'124.56.78.91/32'", true],
    ['10.91.4.0/24', false],
    ["'10.91.4.0/24'", false],
    [' 172.16.5.4 ', false],
    ['192.168.0.0/16', false],
    ['100.64.1.0/24', false],
    ['10.0.0.0/7', true],
    ['not an address', true],
    ['fd00::/8', false],
    ['2001:db8::/32', true],
    ['::/0', true],
    ['fc00::/6', true],
    ['fe80::1', false],
  ])('%s -> %s', (rule, expected) => {
    expect(admitsPublicAddresses(rule)).toBe(expected);
  });
});

describe('publicExposure', () => {
  it('treats Disabled in any case as closed, and a missing value as open', () => {
    const closed = inventoryOf(vault({ publicNetworkAccess: 'DISABLED' }));
    expect(isPublicAccessDisabled(onlyTarget(closed))).toBe(true);
    expect(publicExposure(closed, onlyTarget(closed))).toEqual({ kind: 'disabled' });
    const open = inventoryOf(vault({ privateEndpointConnections: [] }));
    expect(isPublicAccessDisabled(onlyTarget(open))).toBe(false);
    expect(publicExposure(open, onlyTarget(open))).toEqual({ kind: 'allNetworks', aclPresent: false });
  });

  it('reads the ACL default action and public IP rules', () => {
    const denied = inventoryOf(
      vault({
        publicNetworkAccess: 'Enabled',
        networkAcls: { defaultAction: 'deny', ipRules: [{ value: '10.1.0.0/16' }] },
      }),
    );
    expect(publicExposure(denied, onlyTarget(denied))).toEqual({ kind: 'deniedByDefault', rules: 'networkAcls' });
    const ipRule = inventoryOf(
      vault({
        publicNetworkAccess: 'Enabled',
        networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '198.51.100.9' }] },
      }),
    );
    expect(publicExposure(ipRule, onlyTarget(ipRule))).toEqual({ kind: 'publicIpRules', rules: ['198.51.100.9'] });
    const allow = inventoryOf(vault({ publicNetworkAccess: 'Enabled', networkAcls: { defaultAction: 'Allow' } }));
    expect(publicExposure(allow, onlyTarget(allow))).toEqual({ kind: 'allNetworks', aclPresent: true });
  });

  it('reports SecuredByPerimeter on its own', () => {
    const inv = inventoryOf(vault({ publicNetworkAccess: 'SecuredByPerimeter' }));
    expect(publicExposure(inv, onlyTarget(inv))).toEqual({ kind: 'securedByPerimeter' });
  });

  it('judges SQL servers by their firewall rule child resources', () => {
    const server: RawResource = {
      id: `${rg}/providers/Microsoft.Sql/servers/sql`,
      name: 'sql',
      type: 'Microsoft.Sql/servers',
      properties: { publicNetworkAccess: 'Enabled', privateEndpointConnections: [] },
    };
    const closed = inventoryOf(server);
    expect(publicExposure(closed, onlyTarget(closed))).toEqual({ kind: 'deniedByDefault', rules: 'sqlServerChildren' });
    const rule: RawResource = {
      id: `${rg}/providers/Microsoft.Sql/servers/SQL/firewallRules/AllowAllWindowsAzureIps`,
      name: 'AllowAllWindowsAzureIps',
      type: 'microsoft.sql/servers/firewallrules',
      properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' },
    };
    const open = inventoryOf(server, rule);
    const exposure = publicExposure(open, onlyTarget(open));
    expect(exposure.kind).toBe('sqlFirewallRules');
    expect(sqlFirewallRules(open, server.id)).toEqual([
      { id: rule.id, name: rule.name, startIp: '0.0.0.0', endIp: '0.0.0.0', azureServices: true },
    ]);
  });
});

describe('vnetRuleSubnetIds', () => {
  it('reads networkAcls rules, and SQL virtualNetworkRules children', () => {
    const kv = inventoryOf(
      vault({
        publicNetworkAccess: 'Enabled',
        networkAcls: { defaultAction: 'Deny', virtualNetworkRules: [{ id: subnet }] },
      }),
    );
    expect(vnetRuleSubnetIds(kv, onlyTarget(kv))).toEqual([subnet]);
    const sql = inventoryOf(
      {
        id: `${rg}/providers/Microsoft.Sql/servers/sql`,
        name: 'sql',
        type: 'Microsoft.Sql/servers',
        properties: { publicNetworkAccess: 'Enabled' },
      },
      {
        id: `${rg}/providers/Microsoft.Sql/servers/sql/virtualNetworkRules/r1`,
        name: 'r1',
        type: 'Microsoft.Sql/servers/virtualNetworkRules',
        properties: { virtualNetworkSubnetId: subnet },
      },
    );
    expect(vnetRuleSubnetIds(sql, onlyTarget(sql))).toEqual([subnet]);
  });
});

describe('serviceNetworkProfile', () => {
  it('matches types without case and falls back for unknown ones', () => {
    expect(serviceNetworkProfile('MICROSOFT.STORAGE/STORAGEACCOUNTS').serviceEndpoints).toContain(
      'Microsoft.Storage.Global',
    );
    expect(serviceNetworkProfile('Microsoft.Contoso/widgets').serviceEndpoints).toBeUndefined();
    const inv = inventoryOf(vault({ publicNetworkAccess: 'Enabled' }));
    expect(serviceLabel(onlyTarget(inv))).toBe('key vault kv');
  });
});
