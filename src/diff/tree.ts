// The audited view of one resource as a tree: leaves hold a value to show and a key to compare,
// so that noise (letter case of ids and enums, the order of arrays that are sets, an absent
// property that means its default) compares equal while the value shown stays as Azure wrote it.
import { normalizeId } from '../ids.js';
import type { DiffValue, PropertyChange } from './types.js';

export interface Leaf {
  readonly kind: 'leaf';
  readonly value: DiffValue;
  readonly key: string;
}

export interface Group {
  readonly kind: 'group';
  /** By match key (a property name, or a keyed item's normalized name). */
  readonly children: ReadonlyMap<string, Child>;
}

export type TreeNode = Leaf | Group;

interface Child {
  /** How the child appears in a property path: `name` for a property, `[label]` for a keyed item. */
  readonly segment: string;
  readonly node: TreeNode;
}

const lower = (text: string): string => text.toLowerCase();

/** Compared exactly. */
export function text(value: string | undefined): Leaf {
  return leaf(value ?? null, value ?? null);
}

/** An Azure enum or a DNS name: compared without letter case; `fallback` is what absence means. */
export function word(value: string | undefined, fallback?: string): Leaf {
  const effective = value ?? fallback;
  return leaf(value ?? null, effective === undefined ? null : effective.toLowerCase());
}

/** A DNS name: letter case and a trailing dot do not matter. */
export function dnsName(value: string | undefined): Leaf {
  return leaf(value ?? null, value === undefined ? null : value.toLowerCase().replace(/\.$/, ''));
}

export function ref(id: string | undefined): Leaf {
  return leaf(id ?? null, id === undefined ? null : normalizeId(id));
}

export function flag(value: boolean | undefined, fallback?: boolean): Leaf {
  return leaf(value ?? null, value ?? fallback ?? null);
}

export function count(value: number | undefined): Leaf {
  return leaf(value ?? null, value ?? null);
}

/** An array whose order means nothing: shown sorted, duplicates dropped. */
export function setOf(values: readonly string[], normalize: (value: string) => string = lower): Leaf {
  const byKey = new Map<string, string>();
  for (const value of values) {
    const key = normalize(value);
    if (!byKey.has(key)) byKey.set(key, value);
  }
  const keys = [...byKey.keys()].sort(compareText);
  return leaf(
    keys.map((key) => byKey.get(key)!),
    keys,
  );
}

/** Like `setOf`, but an absent array (`undefined`) differs from an empty one. */
export function optionalSetOf(values: readonly string[] | undefined): Leaf {
  return values === undefined ? leaf(null, null) : setOf(values);
}

/** An array whose order matters (a VNet's DNS servers are tried in order). */
export function listOf(values: readonly string[], normalize: (value: string) => string = lower): Leaf {
  return leaf([...values], values.map(normalize));
}

/** Named properties; `undefined` entries are left out. */
export function props(entries: Record<string, TreeNode | undefined>): Group {
  const children = new Map<string, Child>();
  for (const [name, node] of Object.entries(entries)) {
    if (node !== undefined) children.set(name, { segment: name, node });
  }
  return { kind: 'group', children };
}

/** Items matched by a key rather than by position (routes by name, connections by target). */
export function keyed<T>(
  items: Iterable<T>,
  keyOf: (item: T) => string,
  labelOf: (item: T) => string,
  nodeOf: (item: T) => TreeNode,
): Group {
  const found = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (!found.has(key)) found.set(key, item);
  }
  const children = new Map<string, Child>();
  for (const key of [...found.keys()].sort(compareText)) {
    const item = found.get(key)!;
    children.set(key, { segment: `[${labelOf(item)}]`, node: nodeOf(item) });
  }
  return { kind: 'group', children };
}

/** What a node looks like in a report: a leaf's value, or an object of its children. */
export function valueOf(node: TreeNode): DiffValue {
  if (node.kind === 'leaf') return node.value;
  const object: Record<string, DiffValue> = {};
  for (const { segment, node: child } of node.children.values()) object[unbracket(segment)] = valueOf(child);
  return object;
}

/** Every leaf under a group as `path -> value`, in tree order. */
export function flatten(group: Group, base = ''): Record<string, DiffValue> {
  const out: Record<string, DiffValue> = {};
  const walk = (node: TreeNode, path: string): void => {
    if (node.kind === 'leaf') out[path] = node.value;
    else for (const child of node.children.values()) walk(child.node, join(path, child.segment));
  };
  walk(group, base);
  return out;
}

/** The changes between two trees of the same resource, sorted by property. */
export function compareTrees(before: TreeNode, after: TreeNode): PropertyChange[] {
  const changes: PropertyChange[] = [];
  compareNodes(before, after, '', changes);
  return changes.sort(
    (a, b) => compareText(a.property.toLowerCase(), b.property.toLowerCase()) || compareText(a.property, b.property),
  );
}

function compareNodes(
  before: TreeNode | undefined,
  after: TreeNode | undefined,
  path: string,
  out: PropertyChange[],
): void {
  if (before === undefined && after === undefined) return;
  if (before?.kind === 'group' && after?.kind === 'group') {
    for (const [key, child] of after.children) {
      compareNodes(before.children.get(key)?.node, child.node, join(path, child.segment), out);
    }
    for (const [key, child] of before.children) {
      if (!after.children.has(key)) compareNodes(child.node, undefined, join(path, child.segment), out);
    }
    return;
  }
  if (before?.kind === 'leaf' && after?.kind === 'leaf' && before.key === after.key) return;
  // A property absent on one side and valueless on the other has not changed.
  const only = before === undefined ? after : after === undefined ? before : undefined;
  if (only?.kind === 'leaf' && only.value === null) return;
  out.push({
    property: path,
    before: before === undefined ? null : valueOf(before),
    after: after === undefined ? null : valueOf(after),
  });
}

function leaf(value: DiffValue, comparable: unknown): Leaf {
  return { kind: 'leaf', value, key: JSON.stringify(comparable) };
}

function join(path: string, segment: string): string {
  if (path === '') return segment;
  return segment.startsWith('[') ? `${path}${segment}` : `${path}.${segment}`;
}

function unbracket(segment: string): string {
  return segment.startsWith('[') && segment.endsWith(']') ? segment.slice(1, -1) : segment;
}

/** Code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
