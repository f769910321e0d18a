/** Resolved configuration a check may need; the engine resolves it, checks only read it. */
export interface CheckContext {
  /** Firewalls declared as the hub's, by normalized id; empty means "infer from the topology". */
  readonly hubFirewallKeys: readonly string[];
  /** Declared consumer subnets per endpoint (normalized ids); absent means "infer". */
  readonly consumerSubnetsByEndpoint: ReadonlyMap<string, readonly string[]>;
}

export const defaultCheckContext: CheckContext = {
  hubFirewallKeys: [],
  consumerSubnetsByEndpoint: new Map(),
};
