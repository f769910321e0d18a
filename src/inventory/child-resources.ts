// Child resources that the inventory keeps only as raw JSON (SQL server firewall and VNet rules,
// for instance), looked up by parent and child type. The index is built once per inventory.
import { normalizeId, normalizeType, parentId } from '../ids.js';
import type { RawResource } from '../snapshot/types.js';
import type { Inventory } from './inventory.js';

const indexes = new WeakMap<Inventory, ReadonlyMap<string, readonly RawResource[]>>();

/** The resources of `childType` (e.g. `Microsoft.Sql/servers/firewallRules`) under a parent id, by id. */
export function childResources(inv: Inventory, parent: string, childType: string): readonly RawResource[] {
  return childIndex(inv).get(indexKey(normalizeId(parent), normalizeType(childType))) ?? [];
}

function childIndex(inv: Inventory): ReadonlyMap<string, readonly RawResource[]> {
  let index = indexes.get(inv);
  if (!index) {
    const built = new Map<string, RawResource[]>();
    for (const resource of inv.resources.values()) {
      const type = normalizeType(resource.type);
      // Only child types (namespace/parent/child...) have a parent resource.
      if (type.split('/').length < 3) continue;
      const key = indexKey(normalizeId(parentId(resource.id)), type);
      const list = built.get(key);
      if (list) list.push(resource);
      else built.set(key, [resource]);
    }
    for (const list of built.values()) list.sort((a, b) => normalizeId(a.id).localeCompare(normalizeId(b.id)));
    index = built;
    indexes.set(inv, index);
  }
  return index;
}

function indexKey(parentKey: string, type: string): string {
  return `${parentKey}|${type}`;
}
