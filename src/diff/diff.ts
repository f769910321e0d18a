// Configuration drift between two snapshots: resources matched by normalized id, compared on the
// properties plaudit audits only. One pass over each snapshot (inventory + audited view), one pass
// over the union of ids, then a sort for stable output.
import { normalizeType } from '../ids.js';
import { buildInventory } from '../inventory/build/index.js';
import type { Inventory } from '../inventory/inventory.js';
import type { Snapshot } from '../snapshot/types.js';
import { auditedAsTarget, auditedResources, auditedTypes, type AuditedResource } from './audited.js';
import { compareText, compareTrees, flatten } from './tree.js';
import type { ResourceChange, ResourceEntry, SnapshotDiff } from './types.js';

const fixedTypes: ReadonlySet<string> = new Set(Object.values(auditedTypes));

export function diffSnapshots(oldSnapshot: Snapshot, newSnapshot: Snapshot): SnapshotDiff {
  const oldInventory = buildInventory(oldSnapshot);
  const newInventory = buildInventory(newSnapshot);
  const before = auditedResources(oldInventory);
  const after = auditedResources(newInventory);
  const added: ResourceEntry[] = [];
  const removed: ResourceEntry[] = [];
  const changed: ResourceChange[] = [];

  const compare = (previous: AuditedResource, next: AuditedResource): void => {
    const changes = compareTrees(previous.tree, next.tree);
    if (changes.length > 0) changed.push({ resourceId: next.id, type: next.type, changes });
  };

  for (const [key, next] of after) {
    const previous = before.get(key) ?? asTargetIn(oldInventory, next);
    if (previous) compare(previous, next);
    else added.push(entryOf(next));
  }
  for (const [key, previous] of before) {
    if (after.has(key)) continue;
    const next = asTargetIn(newInventory, previous);
    if (next) compare(previous, next);
    else removed.push(entryOf(previous));
  }

  return {
    schemaVersion: 1,
    added: added.sort(byResourceId),
    removed: removed.sort(byResourceId),
    changed: changed.sort(byResourceId),
  };
}

export function diffHasChanges(diff: SnapshotDiff): boolean {
  return diff.added.length > 0 || diff.removed.length > 0 || diff.changed.length > 0;
}

/** The same service read as a private link target from the other snapshot, if it is there. */
function asTargetIn(inv: Inventory, other: AuditedResource): AuditedResource | undefined {
  if (fixedTypes.has(other.type)) return undefined;
  const raw = inv.resources.get(other.key);
  return raw && normalizeType(raw.type) === other.type ? auditedAsTarget(raw) : undefined;
}

function entryOf(resource: AuditedResource): ResourceEntry {
  return { resourceId: resource.id, type: resource.type, properties: flatten(resource.tree) };
}

function byResourceId(a: { resourceId: string }, b: { resourceId: string }): number {
  return compareText(a.resourceId.toLowerCase(), b.resourceId.toLowerCase()) || compareText(a.resourceId, b.resourceId);
}
