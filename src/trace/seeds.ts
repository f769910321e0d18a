// Where a partial read of an indexed snapshot starts for one trace: the keys of the source the user
// named (an address, an id, a name, CLUSTER/POOL) and of the destination (an address, or a name:
// the NICs that list it, and the record sets that could answer it, by its first label, which its
// privatelink form shares). What those resources lead to is read after them (src/snapshot/lookup).
import { addressKey, fqdnKey, idKey, labelKey, nameKey } from '../snapshot/lookup/keys.js';

export function traceKeys(from: string, to: { readonly fqdn?: string; readonly address?: string }): string[] {
  const keys = new Set<string>();
  const text = from.trim();
  const address = addressKey(text);
  if (address) keys.add(address);
  if (text.startsWith('/')) keys.add(idKey(text));
  keys.add(nameKey(text));
  for (const part of text.split('/')) if (part !== '') keys.add(nameKey(part));
  if (to.address !== undefined) {
    const key = addressKey(to.address);
    if (key) keys.add(key);
  }
  if (to.fqdn !== undefined) {
    const name = to.fqdn.toLowerCase().replace(/\.$/, '');
    keys.add(fqdnKey(name));
    keys.add(labelKey(name));
    keys.add(labelKey('@'));
  }
  return [...keys];
}
