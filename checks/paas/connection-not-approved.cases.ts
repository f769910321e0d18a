import type { RawResource } from '../../src/snapshot/types.js';
import type { CheckCase } from '../../test/check-cases.js';
import { ids, referenceEstate } from '../../test/estates.js';

const endpointState = 'privateLinkServiceConnections.0.properties.privateLinkServiceConnectionState';
const vaultState = 'privateEndpointConnections.0.properties.privateLinkServiceConnectionState';

export default [
  { name: 'reference estate passes', estate: referenceEstate(), expect: [] },
  {
    name: 'manual connection pending approval on both sides',
    estate: referenceEstate()
      .update(ids.vaultEndpoint, asManualRequest)
      .set(ids.vault, vaultState, { status: 'Pending', description: 'Please approve', actionsRequired: 'None' }),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'pendingApproval', related: [ids.vault] }],
  },
  {
    name: 'service owner rejected the connection',
    estate: referenceEstate()
      .set(ids.vaultEndpoint, `${endpointState}.status`, 'Rejected')
      .set(ids.vault, `${vaultState}.status`, 'Rejected'),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'rejected', related: [ids.vault] }],
  },
  {
    name: 'service owner removed the connection and the endpoint shows Disconnected',
    estate: referenceEstate()
      .set(ids.vaultEndpoint, `${endpointState}.status`, 'Disconnected')
      .set(ids.vault, 'privateEndpointConnections', []),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'disconnected', related: [ids.vault] }],
  },
  {
    name: 'sides disagree: the endpoint shows Approved, the service Rejected',
    estate: referenceEstate().set(ids.vault, `${vaultState}.status`, 'Rejected'),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'rejected', related: [ids.vault] }],
  },
  {
    name: 'only the service side is in scope and it is pending',
    estate: referenceEstate()
      .remove(ids.vaultEndpoint)
      .remove(ids.vaultZoneGroup)
      .set(ids.vault, `${vaultState}.status`, 'Pending'),
    expect: [{ resourceId: ids.vault, messageId: 'pendingApproval' }],
  },
  {
    name: 'endpoint pending on a service that was not read',
    estate: referenceEstate().remove(ids.vault).set(ids.vaultEndpoint, `${endpointState}.status`, 'Pending'),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'pendingApproval' }],
  },
  {
    name: 'state string plaudit does not know counts as not approved',
    estate: referenceEstate()
      .set(ids.vaultEndpoint, `${endpointState}.status`, 'Expired')
      .set(ids.vault, `${vaultState}.status`, 'Expired'),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'unknownState', related: [ids.vault] }],
  },
  {
    name: 'approval state written in lower case',
    estate: referenceEstate()
      .set(ids.vaultEndpoint, `${endpointState}.status`, 'approved')
      .set(ids.vault, `${vaultState}.status`, 'APPROVED'),
    expect: [],
  },
  {
    name: 'no approval state on the only side read',
    estate: referenceEstate().remove(ids.vault).set(ids.vaultEndpoint, endpointState, {}),
    expect: [],
    inconclusive: [ids.vaultEndpoint],
  },
  {
    name: 'ids differ only in letter case between the two sides',
    estate: referenceEstate()
      .set(ids.vaultEndpoint, `${endpointState}.status`, 'Pending')
      .set(ids.vault, `${vaultState}.status`, 'Pending')
      .update(ids.vault, (vault) => {
        const connection = (vault.properties?.privateEndpointConnections as { properties: Json }[])[0]!;
        connection.properties.privateEndpoint = { id: ids.vaultEndpoint.toLowerCase() };
      })
      .withIdsInCase((id) => (id.includes('/privateEndpoints/') ? id : id.toUpperCase())),
    expect: [{ resourceId: ids.vaultEndpoint, messageId: 'pendingApproval', related: [ids.vault] }],
  },
] satisfies CheckCase[];

type Json = Record<string, unknown>;

/** Turns the endpoint's automatic connection into a manual request awaiting the owner's approval. */
function asManualRequest(endpoint: RawResource): void {
  const props = endpoint.properties as Json;
  const [connection] = props.privateLinkServiceConnections as { properties: Json }[];
  connection!.properties.privateLinkServiceConnectionState = {
    status: 'Pending',
    description: 'Please approve',
    actionsRequired: 'None',
  };
  props.manualPrivateLinkServiceConnections = [connection];
  props.privateLinkServiceConnections = [];
}
