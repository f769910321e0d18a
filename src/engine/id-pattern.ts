// Resource id patterns as configuration writes them (suppressions, ignores, consumers): `*` matches
// any run of characters, everything else itself, ignoring letter case. Matching never backtracks
// over earlier stars: the first literal part anchors the start, the last the end, and each part in
// between is taken at its leftmost place, so a pattern with many stars stays fast on long ids.

/** A compiled pattern; `test` answers for one id, as a RegExp's `test` would. */
export interface IdPattern {
  test(id: string): boolean;
}

/** A resource id pattern as configuration writes them: `*` matches any run of characters; case-insensitive. */
export function idPattern(pattern: string): IdPattern {
  const parts = pattern.trim().toLowerCase().replace(/\/+$/, '').split('*');
  return { test: (id: string) => matchParts(parts, id.toLowerCase()) };
}

/** `parts` is the pattern split at its stars: one part means no star, an exact comparison. */
function matchParts(parts: readonly string[], id: string): boolean {
  const first = parts[0]!;
  if (parts.length === 1) return id === first;
  const last = parts[parts.length - 1]!;
  if (id.length < first.length + last.length) return false;
  if (!id.startsWith(first) || !id.endsWith(last)) return false;
  // Middle parts in order, each at its leftmost place between the prefix and the suffix: taking
  // the leftmost place leaves the most room for the parts after it, so no other choice can succeed
  // where this one fails.
  let position = first.length;
  const end = id.length - last.length;
  for (let index = 1; index < parts.length - 1; index++) {
    const part = parts[index]!;
    if (part === '') continue;
    const found = id.indexOf(part, position);
    if (found === -1 || found + part.length > end) return false;
    position = found + part.length;
  }
  return true;
}
