// Azure resource ids and types are case-insensitive: ARM references often differ in case from the
// resource's own id, and Resource Graph lower-cases types. Every comparison goes through these.

export function normalizeId(id: string): string {
  const trimmed = id.trim();
  // Hot: called for every reference of every resource; most ids have no trailing slash.
  return (trimmed.endsWith('/') ? trimmed.replace(/\/+$/, '') : trimmed).toLowerCase();
}

export function normalizeType(type: string): string {
  return type.trim().toLowerCase();
}

/** The last path segment of an id, in the case it was written. */
export function nameFromId(id: string): string {
  const parts = id.replace(/\/+$/, '').split('/');
  return parts[parts.length - 1] ?? id;
}

/** The id of the parent resource (drops the last `/type/name` pair). */
export function parentId(id: string): string {
  const parts = id.replace(/\/+$/, '').split('/');
  return parts.slice(0, -2).join('/');
}

/** The resource type an id names, e.g. `microsoft.network/privatednszones/a` (lower case). */
export function typeFromId(id: string): string | undefined {
  const parts = id.replace(/\/+$/, '').split('/');
  const providerIndex = parts.map((p) => p.toLowerCase()).lastIndexOf('providers');
  if (providerIndex < 0 || providerIndex + 2 >= parts.length) {
    return undefined;
  }
  const namespace = parts[providerIndex + 1];
  const typeSegments: string[] = [];
  for (let i = providerIndex + 2; i < parts.length; i += 2) {
    typeSegments.push(parts[i] ?? '');
  }
  return `${namespace}/${typeSegments.join('/')}`.toLowerCase();
}

/** `/subscriptions/<id>` for any id under a subscription, normalized. */
export function subscriptionOf(id: string): string | undefined {
  const match = /^\/subscriptions\/([^/]+)/i.exec(id.trim());
  return match ? `/subscriptions/${match[1]!.toLowerCase()}` : undefined;
}

export function sameId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && normalizeId(a) === normalizeId(b);
}
