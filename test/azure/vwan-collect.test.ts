// Virtual WAN hubs come from Resource Graph (or ARM lists), their connections, route tables and
// routing intent from ARM child lists; NSGs and ASGs with the rest of the network.
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeId } from '../../src/ids.js';
import type { FakeAzure } from '../fake-azure/server.js';
import { vwanEstate, vwanIds } from '../vwan-estates.js';
import { byId, collectFrom, startFake } from './helpers.js';

const SUBSCRIPTIONS = ['1a2b3c4d-0000-4000-8000-000000000001', '5e6f7a8b-0000-4000-8000-000000000002'];

let fake: FakeAzure | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function estate() {
  return {
    tenantId: '72f988bf-0000-4000-8000-00000000000a',
    subscriptions: SUBSCRIPTIONS.map((id, index) => ({ id, displayName: `sub-${index}` })),
    resources: vwanEstate().resources,
  };
}

describe('collecting a Virtual WAN estate', () => {
  for (const source of ['graph', 'arm'] as const) {
    it(`reads the hub's connections, route tables and routing intent through ARM (${source})`, async () => {
      fake = await startFake({ estate: estate(), pageSize: { min: 1, max: 2 } });
      const { snapshot } = await collectFrom(fake, { source });
      expect(snapshot.incomplete).toEqual([]);
      const read = byId(snapshot.resources);
      for (const id of [
        vwanIds.hub,
        vwanIds.appConnection,
        vwanIds.pepConnection,
        vwanIds.sharedConnection,
        vwanIds.defaultRouteTable,
        vwanIds.routingIntent,
        vwanIds.pepNsg,
        vwanIds.firewall,
      ]) {
        expect(read.has(normalizeId(id)), id).toBe(true);
      }
      const childLists = fake.requests.filter(
        (r) => /\/virtualhubs\/[^/]+\/[a-z]+$/i.test(r.path) && !r.query['$skiptoken'] && !r.query.$skipToken,
      );
      // Once per hub and child type (a list of more items than a page takes further pages).
      expect([...new Set(childLists.map((r) => r.path.split('/').pop()))].sort()).toEqual([
        'hubRouteTables',
        'hubVirtualNetworkConnections',
        'routingIntent',
      ]);
    });
  }
});
