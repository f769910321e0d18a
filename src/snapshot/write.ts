// Writes a snapshot as a sequence of pieces, one resource at a time, so that a snapshot of any size
// can be written (one JSON.stringify of a 100,000-endpoint estate is past V8's longest string).
// The full form is byte for byte what `JSON.stringify(snapshot, null, 2)` gives; the compact form
// has no indentation and leaves out the fields plaudit never reads (see compactResource).
import { normalizeType } from '../ids.js';
import type { RawResource, Snapshot } from './types.js';

export interface SnapshotWriteOptions {
  /** Leave out what plaudit never reads and all indentation: smaller, and faster to read. */
  readonly compact?: boolean;
}

/** The snapshot's JSON text in pieces (a resource or a few envelope fields each), ending with a newline. */
export function* snapshotPieces(snapshot: Snapshot, options: SnapshotWriteOptions = {}): Generator<string> {
  const compact = options.compact === true;
  const entries = Object.entries(snapshot).filter(([, value]) => value !== undefined && typeof value !== 'function');
  if (entries.length === 0) {
    yield '{}\n';
    return;
  }
  let first = true;
  for (const [key, value] of entries) {
    const head = `${first ? '{' : ','}${compact ? '' : '\n  '}${JSON.stringify(key)}:${compact ? '' : ' '}`;
    first = false;
    if (key === 'resources' && Array.isArray(value)) {
      yield head;
      yield* resourcePieces(value as RawResource[], compact);
    } else {
      yield head + (compact ? JSON.stringify(value) : indent(JSON.stringify(value, null, 2), '  '));
    }
  }
  yield compact ? '}\n' : '\n}\n';
}

function* resourcePieces(resources: readonly RawResource[], compact: boolean): Generator<string> {
  if (resources.length === 0) {
    yield '[]';
    return;
  }
  for (let index = 0; index < resources.length; index++) {
    const resource = resources[index]!;
    const text = compact
      ? JSON.stringify(compactResource(resource))
      : `    ${indent(JSON.stringify(resource, null, 2), '    ')}`;
    yield `${index === 0 ? '[' : ','}\n${text}`;
  }
  yield compact ? '\n]' : '\n  ]';
}

function indent(text: string, by: string): string {
  return text.includes('\n') ? text.replace(/\n/g, `\n${by}`) : text;
}

/** Bookkeeping ARM writes at any depth that no part of plaudit reads. */
const unreadAnywhere = new Set(['etag', 'systemData', 'resourceGuid']);
/** Top-level fields of a resource no part of plaudit reads. */
const unreadAtTop = new Set(['tags', 'managedBy', 'plan', 'identity']);
/** The one type whose provisioning state a check reads (dns/link-not-ready). */
const provisioningRead = 'microsoft.network/privatednszones/virtualnetworklinks';

/**
 * The resource as raw ARM JSON without the fields plaudit never reads: etags, resource GUIDs and
 * system data at any depth; tags, managedBy, plan and identity of the resource; provisioning states
 * (but a private DNS zone link's, which dns/link-not-ready judges). Everything else is kept as
 * it was, so a compact snapshot scans, traces and diffs exactly as the full one.
 */
export function compactResource(resource: RawResource): RawResource {
  const keepProvisioning = normalizeType(resource.type) === provisioningRead;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (unreadAtTop.has(key) || unreadAnywhere.has(key)) continue;
    define(out, key, compactValue(value, key === 'properties' && keepProvisioning));
  }
  return out as RawResource;
}

function compactValue(value: unknown, keepProvisioning: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => compactValue(item, false));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (unreadAnywhere.has(key) || (key === 'provisioningState' && !keepProvisioning)) continue;
    define(out, key, compactValue(entry, false));
  }
  return out;
}

/** As JSON.parse sets a key: "__proto__" included, as an ordinary property. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
