import { describe, expect, it } from 'vitest';
import { buildInventory } from './build.js';
import { childResources } from './child-resources.js';

const server =
  '/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/Microsoft.Sql/servers/sql';

describe('childResources', () => {
  it('finds children by parent and type without regard to case, sorted by id', () => {
    const inv = buildInventory({
      resources: [
        { id: server, name: 'sql', type: 'Microsoft.Sql/servers' },
        { id: `${server}/firewallRules/b`, name: 'b', type: 'Microsoft.Sql/servers/firewallRules' },
        { id: `${server.toUpperCase()}/FIREWALLRULES/A`, name: 'A', type: 'microsoft.sql/servers/firewallrules' },
        { id: `${server}/virtualNetworkRules/v`, name: 'v', type: 'Microsoft.Sql/servers/virtualNetworkRules' },
      ],
    });
    expect(childResources(inv, server.toLowerCase(), 'MICROSOFT.SQL/SERVERS/FIREWALLRULES').map((r) => r.name)).toEqual(
      ['A', 'b'],
    );
    expect(childResources(inv, server, 'Microsoft.Sql/servers/virtualNetworkRules')).toHaveLength(1);
    expect(childResources(inv, `${server}-other`, 'Microsoft.Sql/servers/firewallRules')).toEqual([]);
  });
});
