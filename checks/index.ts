// The catalogue: every check, sorted by id. Each group lists its checks explicitly in its own
// index; the catalogue test keeps these lists and the files under checks/ in agreement.
import type { Check } from './define.js';
import { dnsChecks } from './dns/index.js';
import { firewallChecks } from './firewall/index.js';
import { networkChecks } from './network/index.js';
import { paasChecks } from './paas/index.js';
import { routeChecks } from './route/index.js';

export const catalogue: readonly Check[] = Object.freeze(
  ([] as Check[])
    .concat(...dnsChecks, ...firewallChecks, ...networkChecks, ...paasChecks, ...routeChecks)
    .sort((a, b) => a.id.localeCompare(b.id)),
);

/** Checks selected by ids or group names (`dns`, `paas/connection-not-approved`). */
export function selectChecks(selectors: readonly string[]): { checks: readonly Check[]; unknown: readonly string[] } {
  if (selectors.length === 0) return { checks: catalogue, unknown: [] };
  const wanted = selectors.map((selector) => selector.trim().toLowerCase()).filter(Boolean);
  const unknown = wanted.filter(
    (selector) => !catalogue.some((check) => check.id === selector || check.id.startsWith(`${selector}/`)),
  );
  const checks = catalogue.filter((check) =>
    wanted.some((selector) => check.id === selector || check.id.startsWith(`${selector}/`)),
  );
  return { checks, unknown };
}
