// Pieces every entity builder shares.
import { nameFromId } from '../../ids.js';
import { obj, str } from '../../snapshot/json.js';
import type { RawResource } from '../../snapshot/types.js';

export function located(resource: RawResource, key: string) {
  return { id: resource.id, key, name: resource.name, raw: resource };
}

/** Embedded children carry id, name and properties but often no type. */
export function asResource(value: unknown, type: string): RawResource {
  const child = obj(value);
  const id = str(child.id) ?? '';
  return { ...child, id, type: str(child.type) ?? type, name: str(child.name) ?? nameFromId(id) } as RawResource;
}

/** A standalone child replaces the embedded copy of itself (rare: Resource Graph embeds them). */
export function replaceOrAppend<T>(children: T[], child: T, same: (a: T, b: T) => boolean): void {
  const existing = children.findIndex((candidate) => same(candidate, child));
  if (existing >= 0) children[existing] = child;
  else children.push(child);
}
