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

/**
 * The same, as pieces in order: a large report never has to exist as one string (V8 caps a string
 * at about 512 MB), and the CLI writes the pieces as they come.
 */
export type PieceReporter = (
  result: ScanResult,
  catalogue: readonly CheckMeta[],
  options: ReportOptions,
) => Iterable<string>;

/** A reporter of one string, for callers that want the whole text. */
export function joined(pieces: PieceReporter): Reporter {
  return (result, catalogue, options) => {
    let text = '';
    for (const piece of pieces(result, catalogue, options)) text += piece;
    return text;
  };
}

/**
 * `JSON.stringify(value, null, 2)` with the array under `key` (a top-level property) given as
 * pieces, one element at a time, laid out exactly as JSON.stringify would lay it out.
 */
export function* jsonWithStreamedArray<T>(
  value: Record<string, unknown>,
  key: string,
  items: Iterable<T>,
): Generator<string> {
  const marker = `\u0000${key}\u0000`;
  const text = JSON.stringify({ ...value, [key]: marker }, null, 2);
  const at = text.indexOf(JSON.stringify(marker));
  yield text.slice(0, at);
  yield* jsonArrayPieces(items, 1);
  yield text.slice(at + JSON.stringify(marker).length);
}

/** An array as `JSON.stringify(..., null, 2)` lays it out when its key sits `depth` levels deep. */
export function* jsonArrayPieces<T>(items: Iterable<T>, depth: number): Generator<string> {
  const inner = '  '.repeat(depth + 1);
  let first = true;
  for (const item of items) {
    yield `${first ? '[\n' : ',\n'}${inner}${JSON.stringify(item, null, 2).replaceAll('\n', `\n${inner}`)}`;
    first = false;
  }
  yield first ? '[]' : `\n${'  '.repeat(depth)}]`;
}
