import { describe, expect, it } from 'vitest';
import { buildInventory } from '../../inventory/build/index.js';
import type { RawResource } from '../../snapshot/types.js';
import {
  approvalState,
  connectionState,
  connectionsOfTarget,
  endpointConnections,
  endpointsPhrase,
} from './endpoint-connections.js';

const rg = '/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg';
const vaultId = `${rg}/providers/Microsoft.KeyVault/vaults/kv`;
const endpointId = `${rg}/providers/Microsoft.Network/privateEndpoints/pe-kv`;

function endpoint(status: string | undefined, manual = false): RawResource {
  const connection = {
    name: 'pe-kv',
    properties: {
      privateLinkServiceId: vaultId.toUpperCase(),
      groupIds: ['vault'],
      privateLinkServiceConnectionState: status === undefined ? {} : { status },
    },
  };
  return {
    id: endpointId,
    name: 'pe-kv',
    type: 'Microsoft.Network/privateEndpoints',
    properties: {
      privateLinkServiceConnections: manual ? [] : [connection],
      manualPrivateLinkServiceConnections: manual ? [connection] : [],
    },
  };
}

function vault(status: string | undefined): RawResource {
  return {
    id: vaultId,
    name: 'kv',
    type: 'Microsoft.KeyVault/vaults',
    properties: {
      publicNetworkAccess: 'Disabled',
      privateEndpointConnections:
        status === undefined
          ? []
          : [
              {
                id: `${vaultId}/privateEndpointConnections/pe-kv.1`,
                properties: {
                  privateEndpoint: { id: endpointId.toLowerCase() },
                  privateLinkServiceConnectionState: { status },
                },
              },
            ],
    },
  };
}

describe('approvalState', () => {
  it('normalizes known states and maps anything else to unknown', () => {
    expect(approvalState(' approved ')).toBe('approved');
    expect(approvalState('PENDING')).toBe('pending');
    expect(approvalState('Disconnected')).toBe('disconnected');
    expect(approvalState('Succeeded')).toBe('unknown');
  });
});

describe('endpointConnections', () => {
  it('pairs both sides once, whatever the case of the ids', () => {
    const inv = buildInventory({ resources: [endpoint('Pending', true), vault('Pending')] });
    const connections = endpointConnections(inv);
    expect(connections).toHaveLength(1);
    const [connection] = connections;
    expect(connection!.endpoint?.name).toBe('pe-kv');
    expect(connection!.target?.name).toBe('kv');
    expect(connection!.endpointSide).toMatchObject({ status: 'Pending', manual: true });
    expect(connection!.serviceSide).toMatchObject({ status: 'Pending', manual: false });
    expect(connectionsOfTarget(inv, connection!.target!)).toHaveLength(1);
    expect(endpointsPhrase(connections)).toBe('private endpoint pe-kv');
  });

  it('takes the worse side when the two disagree', () => {
    const inv = buildInventory({ resources: [endpoint('Approved'), vault('Rejected')] });
    expect(connectionState(endpointConnections(inv)[0]!)).toBe('rejected');
  });

  it('keeps a side that was read alone, and reports no state when none is written', () => {
    const endpointOnly = buildInventory({ resources: [endpoint(undefined)] });
    const [connection] = endpointConnections(endpointOnly);
    expect(connection!.target).toBeUndefined();
    expect(connection!.targetKey).toBe(vaultId.toLowerCase());
    expect(connectionState(connection!)).toBeUndefined();

    const serviceOnly = buildInventory({ resources: [vault('Approved')] });
    const [fromService] = endpointConnections(serviceOnly);
    expect(fromService!.endpoint).toBeUndefined();
    expect(fromService!.endpointKey).toBe(endpointId.toLowerCase());
    expect(connectionState(fromService!)).toBe('approved');
    expect(endpointsPhrase([])).toBe('a private endpoint');
  });
});
