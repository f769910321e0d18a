// Types of the estate generator (generate.js), for tests that build large estates with it.
export interface GeneratedResource {
  id: string;
  name: string;
  type: string;
  location?: string;
  properties: Record<string, unknown>;
}

export interface BrokenEstate {
  /** The policy lacks the `*.vault.azure.net` rule. */
  missingRule?: boolean;
  /** The zone has no link to the first N consumer spokes. */
  unlinkedSpokes?: number;
  /** The route tables of the last N consumer spokes send to an IP nothing owns. */
  staleSpokes?: number;
}

export function generateEstate(options: { endpoints: number; spokes: number; rules: number; broken?: BrokenEstate }): {
  cloud: string;
  resources: GeneratedResource[];
};
