// The inventory is shared by every check of a scan: these make it impossible to change.

/**
 * Makes a map read-only in place: `Object.freeze` cannot stop a Map's methods, so its mutators are
 * replaced by ones that throw. Reads stay the native ones (checks make millions of them).
 */
export function readOnlyMap<K, V>(map: Map<K, V>): ReadonlyMap<K, V> {
  const refuse = () => {
    throw new TypeError('the inventory is read-only');
  };
  Object.defineProperties(map, { set: { value: refuse }, delete: { value: refuse }, clear: { value: refuse } });
  return Object.freeze(map);
}

// Freezing comes before the walk into an object, so a frozen object is one already walked: that
// ends cycles and shared references without a set of millions of visited objects.
export function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const entry of value instanceof Map ? value.values() : Object.values(value)) deepFreeze(entry);
}
