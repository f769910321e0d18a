// What a reporter is: a pure function of one scan result and the catalogue metadata.
import type { CheckMeta } from '../checks/define.js';
import type { ScanResult } from '../src/engine/types.js';
import type { Inventory } from '../src/inventory/inventory.js';

export interface ReportOptions {
  /** ANSI colour in the text report; the CLI decides (TTY, NO_COLOR), reporters never look. */
  readonly color: boolean;
  /** The estate that was scanned, for the pictures (HTML topology, Markdown diagram); none without it. */
  readonly inventory?: Inventory;
}

export type Reporter = (result: ScanResult, catalogue: readonly CheckMeta[], options: ReportOptions) => string;
