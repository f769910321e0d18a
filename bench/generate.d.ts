// Types of the estate generator, for the TypeScript tests that draw generated estates.
export interface GeneratedResource {
  id: string;
  name: string;
  type: string;
  location?: string;
  properties: Record<string, unknown>;
}

export function generateEstate(options: { endpoints: number; spokes: number; rules: number }): {
  resources: GeneratedResource[];
};
