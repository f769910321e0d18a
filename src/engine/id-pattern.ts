/** A resource id pattern as configuration writes them: `*` matches any run of characters; case-insensitive. */
export function idPattern(pattern: string): RegExp {
  const body = pattern
    .trim()
    .toLowerCase()
    .replace(/\/+$/, '')
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}
