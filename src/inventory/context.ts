/**
 * What the estate's owner declared about its topology (from configuration), read beside the model
 * wherever plaudit would otherwise infer it: which firewalls are the hub's, who consumes an endpoint.
 * The configuration layer resolves it; the inventory, net reasoning, checks and trace only read it.
 */
export interface CheckContext {
  /** Firewalls declared as the hub's, by normalized id; empty means "infer from the topology". */
  readonly hubFirewallKeys: readonly string[];
  /** Declared consumer subnets per endpoint (normalized ids); absent means "infer". */
  readonly consumerSubnetsByEndpoint: ReadonlyMap<string, readonly string[]>;
  /**
   * Subnets declared a consumer of every endpoint they reach (`consumer: true`) or never one
   * (`false`), by normalized id, with the reason given; absent means "infer".
   */
  readonly consumerSubnets?: ReadonlyMap<string, { readonly consumer: boolean; readonly reason: string }>;
}

export const defaultCheckContext: CheckContext = {
  hubFirewallKeys: [],
  consumerSubnetsByEndpoint: new Map(),
};
