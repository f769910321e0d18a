// A snapshot holds Azure resources exactly as ARM or Resource Graph returned them.

export interface RawResource {
  id: string;
  type: string;
  name: string;
  location?: string;
  properties?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A part of the requested scope, or one resource, that could not be read or judged. */
export interface IncompleteEntry {
  /** The scope that was not read completely (a subscription, resource group or resource id). */
  scope?: string;
  /** The check that could not decide, for inconclusive check results. */
  checkId?: string;
  /** The resource the check could not judge. */
  resourceId?: string;
  reason: string;
}

export type CloudName = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';

export interface SnapshotScope {
  subscriptions?: string[];
  resourceGroups?: string[];
  managementGroup?: string;
  tenant?: string;
  /** For a sharded scan: the slice of the subscriptions read, as I/N. */
  shard?: string;
}

export interface Snapshot {
  resources: RawResource[];
  collectedAt?: string;
  cloud?: CloudName;
  scope?: SnapshotScope;
  incomplete?: IncompleteEntry[];
}
