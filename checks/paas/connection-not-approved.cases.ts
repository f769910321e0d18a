import type { RawResource } from '../../src/snapshot/types.js';
import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';
import type check from './connection-not-approved.js';

const pendingApproval = { status: 'Pending', description: 'Please approve', actionsRequired: 'None' };

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'manual connection pending approval on both sides',
    estate: referenceEstate().update(ids.vaultEndpoint, asManualRequest).setConnectionState(ids.vault, pendingApproval),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'pendingApproval', related: [ids.vault] }],
  },
  {
    name: 'service owner rejected the connection',
    estate: referenceEstate()
      .setConnectionStatus(ids.vaultEndpoint, 'Rejected')
      .setConnectionStatus(ids.vault, 'Rejected'),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'rejected', related: [ids.vault] }],
  },
  {
    name: 'service owner removed the connection and the endpoint shows Disconnected',
    estate: referenceEstate()
      .setConnectionStatus(ids.vaultEndpoint, 'Disconnected')
      .set(ids.vault, 'privateEndpointConnections', []),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'disconnected', related: [ids.vault] }],
  },
  {
    name: 'sides disagree: the endpoint shows Approved, the service Rejected',
    estate: referenceEstate().setConnectionStatus(ids.vault, 'Rejected'),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'rejected', related: [ids.vault] }],
  },
  {
    name: 'only the service side is in scope and it is pending',
    estate: referenceEstate()
      .remove(ids.vaultEndpoint)
      .remove(ids.vaultZoneGroup)
      .setConnectionStatus(ids.vault, 'Pending'),
    expect: [{ resourceId: ids.vault, messageId: 'pendingApproval' }],
  },
  {
    name: 'endpoint pending on a service that was not read',
    estate: referenceEstate().remove(ids.vault).setConnectionStatus(ids.vaultEndpoint, 'Pending'),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'pendingApproval' }],
  },
  {
    name: 'state string plaudit does not know counts as not approved',
    estate: referenceEstate()
      .setConnectionStatus(ids.vaultEndpoint, 'Expired')
      .setConnectionStatus(ids.vault, 'Expired'),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'unknownState', related: [ids.vault] }],
  },
  {
    name: 'approval state written in lower case',
    estate: referenceEstate()
      .setConnectionStatus(ids.vaultEndpoint, 'approved')
      .setConnectionStatus(ids.vault, 'APPROVED'),
    expect: [],
  },
  {
    name: 'no approval state on the only side read',
    estate: referenceEstate().remove(ids.vault).setConnectionState(ids.vaultEndpoint, {}),
    expect: [],
    inconclusive: [ids.vaultEndpoint],
  },
  {
    name: 'ids differ only in letter case between the two sides',
    estate: referenceEstate()
      .setConnectionStatus(ids.vaultEndpoint, 'Pending')
      .setConnectionStatus(ids.vault, 'Pending')
      .update(ids.vault, (vault) => {
        const connection = (vault.properties?.privateEndpointConnections as { properties: Json }[])[0]!;
        connection.properties.privateEndpoint = { id: ids.vaultEndpoint.toLowerCase() };
      })
      .withIdsInCase((id) => (id.includes('/privateEndpoints/') ? id : id.toUpperCase())),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'pendingApproval', related: [ids.vault] }],
  },
] satisfies CheckCase<typeof check>[];

type Json = Record<string, unknown>;

/** Turns the endpoint's automatic connection into a manual request awaiting the owner's approval. */
function asManualRequest(endpoint: RawResource): void {
  const props = endpoint.properties as Json;
  const [connection] = props.privateLinkServiceConnections as { properties: Json }[];
  connection!.properties.privateLinkServiceConnectionState = { ...pendingApproval };
  props.manualPrivateLinkServiceConnections = [connection];
  props.privateLinkServiceConnections = [];
}
