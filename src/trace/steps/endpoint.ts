// Step 5, whether the resolved IP is the private endpoint serving the name, and step 10, whether
// that endpoint's connection to the service is approved.
import { normalizeId } from '../../ids.js';
import type { Inventory } from '../../inventory/inventory.js';
import { endpointsServingName } from '../../inventory/topology.js';
import type { PrivateEndpoint } from '../../inventory/types.js';
import { connectionState, endpointConnections } from '../../net/endpoints/endpoint-connections.js';
import { endpointDnsExpectations } from '../../net/dns/private-dns.js';
import { stepOf, type TraceStep } from './step.js';

const privateEndpoint = stepOf('endpoint', 'Private endpoint');
const endpointConnection = stepOf('connection', 'Endpoint connection');

export interface ServedName {
  readonly endpoint: PrivateEndpoint;
  readonly targetType: string;
  readonly groupId: string;
}

/** The endpoint in scope whose NIC lists this name, for the port and the approval step. */
export function endpointServing(inv: Inventory, fqdn: string): ServedName | undefined {
  for (const endpoint of endpointsServingName(inv, fqdn)) {
    const expectation = endpointDnsExpectations(inv, endpoint).find((candidate) =>
      candidate.names.some((name) => name.fqdn === fqdn),
    );
    if (expectation) return { endpoint, targetType: expectation.targetType, groupId: expectation.groupId };
  }
  return undefined;
}

export function endpointOwning(inv: Inventory, ip: string): PrivateEndpoint | undefined {
  for (const owner of inv.ipOwnersOf(ip)) {
    if (owner.kind === 'nic' && owner.nic.privateEndpointId)
      return inv.privateEndpoints.get(normalizeId(owner.nic.privateEndpointId));
  }
  return undefined;
}

export function endpointStep(
  ip: string | undefined,
  owner: PrivateEndpoint | undefined,
  expected: PrivateEndpoint | undefined,
  fqdn: string,
): TraceStep {
  if (!ip) return privateEndpoint.skipped('the name did not resolve to a private IP');
  if (!owner) {
    return privateEndpoint.broken(
      `No private endpoint in the snapshot owns ${ip}${expected ? `; ${fqdn} belongs to private endpoint ${expected.name}` : ''}.`,
      expected ? [expected.id] : [],
      expected
        ? `Point the A record at ${expected.name}'s IP (let its DNS zone group manage the record).`
        : 'Correct the A record, or include the endpoint that owns this IP in the scan.',
    );
  }
  if (expected && expected.key !== owner.key) {
    return privateEndpoint.broken(
      `${ip} belongs to private endpoint ${owner.name}, but ${fqdn} is served by private endpoint ${expected.name}.`,
      [owner.id, expected.id],
      `Point the A record at ${expected.name}'s IP.`,
    );
  }
  return privateEndpoint.ok(`${ip} is private endpoint ${owner.name}.`, [owner.id]);
}

export function connectionStep(inv: Inventory, endpoint: PrivateEndpoint | undefined): TraceStep {
  if (!endpoint) return endpointConnection.skipped('no private endpoint on the path');
  const connections = endpointConnections(inv).filter((connection) => connection.endpointKey === endpoint.key);
  const states = connections.map((connection) => connectionState(connection));
  if (states.length === 0 || states.some((state) => state === undefined)) {
    return endpointConnection.unknown(`The approval state of ${endpoint.name} is not in the snapshot.`, [endpoint.id]);
  }
  const bad = states.find((state) => state !== 'approved');
  if (bad) {
    // Only a pending connection can still be approved; the others never carry traffic again.
    return endpointConnection.broken(
      `The connection of private endpoint ${endpoint.name} is ${bad}; only approved connections carry traffic.`,
      [endpoint.id, ...connections.flatMap((connection) => (connection.targetId ? [connection.targetId] : []))],
      bad === 'pending'
        ? 'Ask the service owner to approve it: az network private-endpoint-connection approve --id <connection id>.'
        : 'Delete the private endpoint and create it again.',
    );
  }
  return endpointConnection.ok(`The connection of private endpoint ${endpoint.name} is approved.`, [endpoint.id]);
}
