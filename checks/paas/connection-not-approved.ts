// Only an Approved private endpoint connection carries traffic. A Pending connection waits for the
// service owner; a Rejected or Disconnected one never will, and the endpoint lingers with its NIC,
// IP and DNS record looking healthy while every connection attempt fails.
// https://learn.microsoft.com/azure/private-link/private-endpoint-overview#access-to-a-private-link-resource-using-approval-workflow
import { nameFromId } from '../../src/ids.js';
import {
  connectionState,
  endpointConnections,
  type ApprovalState,
  type EndpointConnection,
} from '../../src/net/endpoints/endpoint-connections.js';
import { serviceLabel } from '../../src/net/endpoints/public-access.js';
import { defineCheck, type CheckResult, type Messages } from '../define.js';

interface Pair {
  endpoint: string;
  service: string;
  /** Which side shows which state, e.g. `Pending on the endpoint and Pending on the service`. */
  states: string;
}

const messages = {
  pendingApproval: (d: Pair) =>
    `The connection from private endpoint ${d.endpoint} to ${d.service} is ${d.states}; ask the owner of ${d.service} to approve it (az network private-endpoint-connection approve).`,
  rejected: (d: Pair) =>
    `The connection from private endpoint ${d.endpoint} to ${d.service} is ${d.states}, so it will never carry traffic; delete the private endpoint and create it again once the owner of ${d.service} agrees to approve it.`,
  disconnected: (d: Pair) =>
    `The connection from private endpoint ${d.endpoint} to ${d.service} is ${d.states} because the owner of ${d.service} removed it; delete the private endpoint and create it again.`,
  unknownState: (d: Pair) =>
    `The connection from private endpoint ${d.endpoint} to ${d.service} is ${d.states}, which is not Approved, so it carries no traffic; check the connection on the service and approve or recreate it.`,
} satisfies Messages;

const messageIdFor: Record<Exclude<ApprovalState, 'approved'>, keyof typeof messages> = {
  pending: 'pendingApproval',
  rejected: 'rejected',
  disconnected: 'disconnected',
  unknown: 'unknownState',
};

export default defineCheck({
  id: 'paas/connection-not-approved',
  title: 'Private endpoint connections are approved on both sides',
  level: 'error',
  tags: ['paas', 'private-endpoint'],
  rationale:
    "A private endpoint's connection has an approval state, kept both on the endpoint (`privateLinkServiceConnections`, or `manualPrivateLinkServiceConnections` when approval was requested from the service's owner) and on the service (`privateEndpointConnections`). Only `Approved` carries traffic. `Pending` waits for the owner of the service, typically another team or tenant; `Rejected` and `Disconnected` are final, and the endpoint stays behind with a NIC, an IP and often a DNS record, so clients resolve it and then time out. Each (endpoint, service) pair is reported once, with the state each side shows.",
  remediation:
    'For a `Pending` connection, the owner of the service approves it:\n\n```sh\naz network private-endpoint-connection list --id <service id>\naz network private-endpoint-connection approve --id <connection id> --description "Approved for <app>"\n```\n\nA `Rejected` or `Disconnected` connection cannot be revived: delete the private endpoint and create it again (with `--manual-request` when you lack rights on the service, then have it approved):\n\n```sh\naz network private-endpoint delete --name <pe> --resource-group <rg>\naz network private-endpoint create --name <pe> --resource-group <rg> --subnet <subnet id> \\\n  --private-connection-resource-id <service id> --group-id <group id> --connection-name <pe>\n```\n\nIn Bicep, an endpoint that the deploying identity may approve itself uses `privateLinkServiceConnections`, which are approved automatically:\n\n```bicep\nresource pe \'Microsoft.Network/privateEndpoints@2024-05-01\' = {\n  name: peName\n  location: location\n  properties: {\n    subnet: { id: subnetId }\n    privateLinkServiceConnections: [\n      { name: peName, properties: { privateLinkServiceId: serviceId, groupIds: [ groupId ] } }\n    ]\n  }\n}\n```',
  references: [
    {
      title: 'Private endpoint approval workflow',
      url: 'https://learn.microsoft.com/azure/private-link/private-endpoint-overview#access-to-a-private-link-resource-using-approval-workflow',
    },
    {
      title: 'Manage Azure private endpoints',
      url: 'https://learn.microsoft.com/azure/private-link/manage-private-endpoint',
    },
    {
      title: 'az network private-endpoint-connection',
      url: 'https://learn.microsoft.com/cli/azure/network/private-endpoint-connection',
    },
  ],
  messages,
  evaluate(inv) {
    const results: CheckResult<typeof messages>[] = [];
    for (const connection of endpointConnections(inv)) {
      const resource = connection.endpoint ?? connection.target;
      if (!resource) continue;
      const state = connectionState(connection);
      if (state === undefined) {
        results.push({
          inconclusive: `The connection from ${endpointName(connection)} to ${serviceName(connection)} carries no approval state on the side that was read, so whether it is approved cannot be judged.`,
          resourceId: resource.id,
        });
        continue;
      }
      if (state === 'approved') continue;
      const other = connection.endpoint ? connection.target : undefined;
      results.push({
        resourceId: resource.id,
        related: other ? [other.id] : [],
        messageId: messageIdFor[state],
        data: { endpoint: endpointName(connection), service: serviceName(connection), states: sideStates(connection) },
        fact: [connection.endpointKey ?? '', connection.targetKey ?? '', state],
      });
    }
    return results;
  },
});

function endpointName(connection: EndpointConnection): string {
  return connection.endpoint?.name ?? (connection.endpointId ? nameFromId(connection.endpointId) : 'of unknown name');
}

function serviceName(connection: EndpointConnection): string {
  if (connection.target) return serviceLabel(connection.target);
  return connection.targetId ? nameFromId(connection.targetId) : 'an unnamed service';
}

function sideStates(connection: EndpointConnection): string {
  const sides: string[] = [];
  const { endpointSide, serviceSide } = connection;
  if (endpointSide?.status !== undefined) {
    sides.push(`${endpointSide.status} on the endpoint${endpointSide.manual ? ' (manual request)' : ''}`);
  }
  if (serviceSide?.status !== undefined) sides.push(`${serviceSide.status} on the service`);
  return sides.join(' and ');
}
