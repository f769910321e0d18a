// Answers worked out once per inventory. An inventory does not change once built (checks run over
// a frozen one), so whatever is derived from it can be kept for as long as the inventory lives.
import type { Inventory } from './inventory.js';

/** `build(inv)`, computed on the first call for each inventory and remembered after that. */
export function memoByInventory<T>(build: (inv: Inventory) => T): (inv: Inventory) => T {
  const cache = new WeakMap<Inventory, T>();
  return (inv) => {
    const known = cache.get(inv);
    if (known !== undefined || cache.has(inv)) return known as T;
    const value = build(inv);
    cache.set(inv, value);
    return value;
  };
}

/**
 * `build(inv, arg)`, computed once per inventory and key: `keyOf(arg)`, or `arg` itself. Object
 * keys (a check context) are held weakly; strings and numbers (resource keys, IPs) are not.
 */
export function memoByInventoryKey<A, T>(
  build: (inv: Inventory, arg: A) => T,
  keyOf: (arg: A) => unknown = (arg) => arg,
): (inv: Inventory, arg: A) => T {
  const caches = new WeakMap<Inventory, KeyedCache<T>>();
  return (inv, arg) => {
    let cache = caches.get(inv);
    if (!cache) caches.set(inv, (cache = new KeyedCache()));
    const key = keyOf(arg);
    const known = cache.get(key);
    if (known !== undefined || cache.has(key)) return known as T;
    const value = build(inv, arg);
    cache.set(key, value);
    return value;
  };
}

class KeyedCache<T> {
  readonly #objects = new WeakMap<object, T>();
  readonly #values = new Map<unknown, T>();

  has(key: unknown): boolean {
    return isObject(key) ? this.#objects.has(key) : this.#values.has(key);
  }

  get(key: unknown): T | undefined {
    return isObject(key) ? this.#objects.get(key) : this.#values.get(key);
  }

  set(key: unknown, value: T): void {
    if (isObject(key)) this.#objects.set(key, value);
    else this.#values.set(key, value);
  }
}

function isObject(key: unknown): key is object {
  return (typeof key === 'object' && key !== null) || typeof key === 'function';
}
