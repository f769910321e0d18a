// Types of the benchmark estate (estate.js), for tests that build estates shaped as ARM returns them.
import type { GeneratedResource } from './generate.js';

export function benchEstate(options: {
  endpoints: number;
  spokes?: number;
  rules?: number;
  faults?: boolean;
  shaped?: boolean;
}): { cloud: string; resources: GeneratedResource[] };

export function writeSnapshot(
  path: string,
  snapshot: { cloud: string; resources: readonly unknown[] },
  compact?: boolean,
): Promise<void>;
