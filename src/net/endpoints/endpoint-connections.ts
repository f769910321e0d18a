// A private endpoint connection has two copies of its approval state: the endpoint's own
// (`privateLinkServiceConnections`, or `manualPrivateLinkServiceConnections` when approval was
// requested from the service's owner) and the service's (`privateEndpointConnections`). Either side
// may be outside the scope read, and the two can disagree, so they are read together as one pair.
// https://learn.microsoft.com/azure/private-link/private-endpoint-overview#access-to-a-private-link-resource-using-approval-workflow
import { normalizeId } from '../../ids.js';
import { groupBy } from '../../inventory/group-by.js';
import type { Inventory } from '../../inventory/inventory.js';
import { memoByInventory } from '../../inventory/memo.js';
import type { PrivateEndpoint, PrivateEndpointConnection, PrivateLinkTarget } from '../../inventory/types.js';

/** One side's copy of a connection. */
export interface ConnectionSide {
  /** As Azure wrote it (`Approved`, `Pending`, ...); undefined when the state is missing. */
  readonly status: string | undefined;
  readonly connectionId: string | undefined;
  /** Only meaningful on the endpoint side: the connection is a manual one. */
  readonly manual: boolean;
}

/** A (private endpoint, service) pair with whichever sides were read. */
export interface EndpointConnection {
  /** Normalized ids; undefined when the side that was read does not name the other. */
  readonly endpointKey: string | undefined;
  readonly targetKey: string | undefined;
  readonly endpointId: string | undefined;
  readonly targetId: string | undefined;
  readonly endpoint: PrivateEndpoint | undefined;
  readonly target: PrivateLinkTarget | undefined;
  readonly endpointSide: ConnectionSide | undefined;
  readonly serviceSide: ConnectionSide | undefined;
}

/**
 * `approved` lets traffic through; `pending` waits for the service owner; `rejected` and
 * `disconnected` are final (the endpoint must be recreated); anything else is `unknown`, which never
 * counts as approved.
 */
export type ApprovalState = 'approved' | 'pending' | 'rejected' | 'disconnected' | 'unknown';

// Worst first: when the two sides disagree, the connection is as good as its worse copy.
const severity: readonly ApprovalState[] = ['rejected', 'disconnected', 'unknown', 'pending', 'approved'];

export function approvalState(status: string): ApprovalState {
  const lower = status.trim().toLowerCase();
  return lower === 'approved' || lower === 'pending' || lower === 'rejected' || lower === 'disconnected'
    ? lower
    : 'unknown';
}

/** The state of the pair: the worse of the sides that carry a status; undefined when neither does. */
export function connectionState(connection: EndpointConnection): ApprovalState | undefined {
  const states = [connection.endpointSide?.status, connection.serviceSide?.status]
    .filter((status): status is string => status !== undefined)
    .map(approvalState);
  if (states.length === 0) return undefined;
  return severity.find((state) => states.includes(state));
}

export function isApproved(connection: EndpointConnection): boolean {
  return connectionState(connection) === 'approved';
}

interface ConnectionIndex {
  readonly all: readonly EndpointConnection[];
  readonly byTarget: ReadonlyMap<string, readonly EndpointConnection[]>;
}

/** Every connection in scope, each (endpoint, service) pair once, whichever sides show it. */
export function endpointConnections(inv: Inventory): readonly EndpointConnection[] {
  return connectionIndex(inv).all;
}

/** The connections whose service is this target (from either side). */
export function connectionsOfTarget(inv: Inventory, target: PrivateLinkTarget): readonly EndpointConnection[] {
  return connectionIndex(inv).byTarget.get(target.key) ?? [];
}

const connectionIndex = memoByInventory((inv): ConnectionIndex => {
  const all = collect(inv);
  return { all, byTarget: groupBy(all, (connection) => connection.targetKey || undefined) };
});

interface Draft {
  endpointKey: string | undefined;
  targetKey: string | undefined;
  endpointId: string | undefined;
  targetId: string | undefined;
  endpointSide: ConnectionSide | undefined;
  serviceSide: ConnectionSide | undefined;
}

function collect(inv: Inventory): EndpointConnection[] {
  const drafts = new Map<string, Draft>();
  for (const endpoint of inv.privateEndpoints.values()) {
    endpoint.connections.forEach((connection, index) => {
      const targetKey = connection.targetId ? normalizeId(connection.targetId) : undefined;
      const key = `${endpoint.key}|${targetKey ?? `#${index}`}`;
      const draft = drafts.get(key) ?? {
        endpointKey: endpoint.key,
        targetKey,
        endpointId: endpoint.id,
        targetId: connection.targetId,
        endpointSide: undefined,
        serviceSide: undefined,
      };
      draft.endpointSide = worseSide(draft.endpointSide, side(connection));
      drafts.set(key, draft);
    });
  }
  for (const target of inv.targets.values()) {
    target.connections.forEach((connection, index) => {
      // On the service side, `targetId` holds the endpoint's id (see the inventory's PrivateLinkTarget).
      const endpointKey = connection.targetId ? normalizeId(connection.targetId) : undefined;
      const key = `${endpointKey ?? `${target.key}#${index}`}|${target.key}`;
      const draft = drafts.get(key) ?? {
        endpointKey,
        targetKey: target.key,
        endpointId: connection.targetId,
        targetId: target.id,
        endpointSide: undefined,
        serviceSide: undefined,
      };
      draft.targetId ??= target.id;
      draft.serviceSide = worseSide(draft.serviceSide, { ...side(connection), manual: false });
      drafts.set(key, draft);
    });
  }
  return [...drafts.values()]
    .map((draft) => ({
      ...draft,
      endpoint: draft.endpointKey ? inv.privateEndpoints.get(draft.endpointKey) : undefined,
      target: draft.targetKey ? inv.targets.get(draft.targetKey) : undefined,
    }))
    .sort((a, b) =>
      `${a.endpointKey ?? ''}|${a.targetKey ?? ''}`.localeCompare(`${b.endpointKey ?? ''}|${b.targetKey ?? ''}`),
    );
}

function side(connection: PrivateEndpointConnection): ConnectionSide {
  return { status: connection.status, connectionId: connection.id, manual: connection.manual };
}

function worseSide(existing: ConnectionSide | undefined, next: ConnectionSide): ConnectionSide {
  if (!existing || existing.status === undefined) return next;
  if (next.status === undefined) return existing;
  const rank = (status: string) => severity.indexOf(approvalState(status));
  return rank(next.status) < rank(existing.status) ? next : existing;
}

/** `private endpoint pe-a`, `private endpoints pe-a, pe-b`, or `a private endpoint` when none is named. */
export function endpointsPhrase(connections: readonly EndpointConnection[]): string {
  const names = [
    ...new Set(
      connections
        .map((connection) => connection.endpoint?.name ?? connection.endpointId?.split('/').pop())
        .filter((name): name is string => name !== undefined && name !== ''),
    ),
  ].sort();
  if (names.length === 0) return 'a private endpoint';
  return names.length === 1 ? `private endpoint ${names[0]}` : `private endpoints ${names.join(', ')}`;
}

/** The ids of the endpoints in scope among these connections (for a finding's `related`). */
export function endpointIdsInScope(connections: readonly EndpointConnection[]): readonly string[] {
  return [
    ...new Set(connections.map((connection) => connection.endpoint?.id).filter((id): id is string => id !== undefined)),
  ].sort();
}
