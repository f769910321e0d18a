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

/**
 * Freezes a typed entity and everything it holds, except that the raw ARM JSON it was read from
 * (`raw`) is frozen at its top level and its `properties` bag only: the raw JSON is most of a
 * snapshot's objects, and walking all of them cost more than reading them. Nothing reads raw JSON
 * after the inventory is built but the builders themselves.
 */
export function freezeEntity(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  // Indexed and keyed loops: an inventory holds millions of small objects, and Object.entries
  // would allocate two arrays for each.
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) freezeEntity(value[index]);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    if (key === 'raw') freezeRaw(record[key]);
    else freezeEntity(record[key]);
  }
}

export function freezeRaw(raw: unknown): void {
  if (raw === null || typeof raw !== 'object') return;
  Object.freeze(raw);
  const properties = (raw as { properties?: unknown }).properties;
  if (properties !== null && typeof properties === 'object') Object.freeze(properties);
}
