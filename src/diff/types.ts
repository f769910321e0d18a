// The drift report between two snapshots: what `plaudit diff` prints as JSON (schema version 1).
// Values are JSON: `null` stands for a property (or a keyed item such as a route) that is absent.

export type DiffValue = null | boolean | number | string | readonly DiffValue[] | { readonly [key: string]: DiffValue };

export interface PropertyChange {
  /** A path such as `routes[to-hub].nextHopIpAddress` or `networkAcls.ipRules`. */
  readonly property: string;
  readonly before: DiffValue;
  readonly after: DiffValue;
}

/** A resource present in one snapshot only, with the audited properties it has there. */
export interface ResourceEntry {
  readonly resourceId: string;
  /** The ARM type in lower case, as Resource Graph writes it. */
  readonly type: string;
  readonly properties: { readonly [property: string]: DiffValue };
}

export interface ResourceChange {
  readonly resourceId: string;
  readonly type: string;
  readonly changes: readonly PropertyChange[];
}

/** Entries sorted by lower-cased resource id, changes by property. */
export interface SnapshotDiff {
  readonly schemaVersion: 1;
  readonly added: readonly ResourceEntry[];
  readonly removed: readonly ResourceEntry[];
  readonly changed: readonly ResourceChange[];
}

export type DiffFormat = 'text' | 'json' | 'markdown';
