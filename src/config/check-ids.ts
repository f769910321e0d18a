// Check ids and groups as users write them (`--checks`, `levels:`, `suppressions:`): a name that
// matches no check is refused, with the closest id or group as a suggestion, so a typo never
// silently selects, overrides or suppresses nothing.
import { distance } from 'fastest-levenshtein';
import { catalogue } from '../../checks/index.js';

export const checkIds: readonly string[] = catalogue.map((check) => check.id);
export const checkGroups: readonly string[] = [...new Set(checkIds.map((id) => id.split('/')[0]!))];

const longestName = Math.max(...checkIds.map((id) => id.length));

export function isCheckId(name: string): boolean {
  return checkIds.includes(name.trim().toLowerCase());
}

export function isCheckIdOrGroup(name: string): boolean {
  const wanted = name.trim().toLowerCase();
  return checkIds.includes(wanted) || checkGroups.includes(wanted);
}

/**
 * The id (or group, where groups are allowed) the user most likely meant: the check whose slug is
 * the name, else the closest by edit distance, when close enough to be a typo.
 */
export function closestCheck(name: string, options: { groups: boolean }): string | undefined {
  const wanted = name.trim().toLowerCase();
  // Edit distance costs the product of the lengths; a name over twice the longest id is further
  // from every id than a typo can be, so a huge value in the file is answered at once.
  if (wanted.length > 2 * longestName) return undefined;
  const bySlug = checkIds.find((id) => id.split('/')[1] === wanted);
  if (bySlug) return bySlug;
  const candidates = options.groups ? [...checkGroups, ...checkIds] : checkIds;
  let best: { id: string; distance: number } | undefined;
  for (const id of candidates) {
    const d = distance(wanted, id);
    if (!best || d < best.distance) best = { id, distance: d };
  }
  // A typo changes a few characters; beyond that the suggestion would be a guess.
  return best && best.distance <= Math.max(2, Math.floor(wanted.length / 3)) ? best.id : undefined;
}

/** `; did you mean dns/record-missing?`, or nothing when no id is close. */
export function didYouMean(name: string, options: { groups: boolean }): string {
  const suggestion = closestCheck(name, options);
  return suggestion ? `; did you mean ${suggestion}?` : '';
}
