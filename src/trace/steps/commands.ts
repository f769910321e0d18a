// The az commands in fixes name the resources they change by resource group and subscription, read
// from the resources' ids, so that a fix pastes and runs whatever subscription az has selected.

/** `--resource-group RG --subscription SUB` of the resource (or resource group) `id`. */
export function azTarget(id: string): string {
  const subscription = /^\/subscriptions\/([^/]+)/i.exec(id)?.[1] ?? '';
  const group = /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? '';
  return `--resource-group ${shellWord(group)} --subscription ${subscription}`;
}

/** A word the shell passes on as is; quoted when it holds anything else (resource group names may). */
export function shellWord(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
