// Every endpoint's DNS expectations and records, worked out once per inventory: a dozen checks and
// the firewall flows read them, and the privatelink zone profiles behind them are costly to build
// for tens of thousands of endpoints. The inventory is frozen while checks run.
import type { Inventory } from '../inventory/inventory.js';
import type { PrivateEndpoint } from '../inventory/types.js';
import { endpointRecords, type EndpointRecord } from './endpoint-records.js';
import { endpointDnsExpectations, type EndpointDnsExpectation } from './private-dns.js';

const expectationsByInventory = new WeakMap<Inventory, Map<string, readonly EndpointDnsExpectation[]>>();
const recordsByInventory = new WeakMap<Inventory, readonly EndpointRecord[]>();

/** `endpointDnsExpectations`, once per endpoint. */
export function cachedDnsExpectations(inv: Inventory, endpoint: PrivateEndpoint): readonly EndpointDnsExpectation[] {
  let byEndpoint = expectationsByInventory.get(inv);
  if (!byEndpoint) expectationsByInventory.set(inv, (byEndpoint = new Map()));
  let expectations = byEndpoint.get(endpoint.key);
  if (!expectations) byEndpoint.set(endpoint.key, (expectations = endpointDnsExpectations(inv, endpoint)));
  return expectations;
}

/** `endpointRecords`, once per inventory. */
export function cachedEndpointRecords(inv: Inventory): readonly EndpointRecord[] {
  let records = recordsByInventory.get(inv);
  if (!records) recordsByInventory.set(inv, (records = endpointRecords(inv)));
  return records;
}
