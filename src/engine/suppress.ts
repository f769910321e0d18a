// Suppressions and ignores from configuration mark findings, never drop them: a suppressed
// finding still appears in JSON and SARIF with its reason, and leaves the exit code alone.
import { idPattern } from './id-pattern.js';
import type { Finding } from './types.js';

/** Findings of a check (or group) on matching resources are accepted until `expires` (YYYY-MM-DD). */
export interface SuppressionRule {
  readonly check: string;
  /** A resource id pattern (`*` matches anything). */
  readonly resource: string;
  readonly reason: string;
  readonly expires?: string;
}

/** Every finding on matching resources is accepted, whatever the check. */
export interface IgnoreRule {
  readonly resource: string;
  readonly reason: string;
}

export interface SuppressionRules {
  readonly suppressions?: readonly SuppressionRule[];
  readonly ignore?: readonly IgnoreRule[];
}

export interface SuppressionOutcome {
  readonly findings: Finding[];
  /** Things the user should know about the configuration itself (an expired suppression...). */
  readonly notices: string[];
}

/** `today` is injected (YYYY-MM-DD) so that expiry is testable and reports stay reproducible. */
export function applySuppressions(
  findings: readonly Finding[],
  rules: SuppressionRules,
  today: string,
): SuppressionOutcome {
  const notices: string[] = [];
  const active = (rules.suppressions ?? []).flatMap((entry) => {
    if (entry.expires !== undefined && entry.expires <= today) {
      notices.push(
        `Suppression of ${entry.check} for ${entry.resource} expired on ${entry.expires} ("${entry.reason}"); its findings are reported again.`,
      );
      return [];
    }
    return [{ ...entry, pattern: idPattern(entry.resource) }];
  });
  const ignored = (rules.ignore ?? []).map((entry) => ({ ...entry, pattern: idPattern(entry.resource) }));
  const marked = findings.map((finding) => {
    const id = finding.resourceId.toLowerCase();
    const suppression = active.find(
      (entry) =>
        (finding.checkId === entry.check || finding.checkId.startsWith(`${entry.check}/`)) && entry.pattern.test(id),
    );
    if (suppression) {
      return {
        ...finding,
        suppression: { reason: suppression.reason, ...(suppression.expires ? { expires: suppression.expires } : {}) },
      };
    }
    const ignore = ignored.find((entry) => entry.pattern.test(id));
    if (ignore) return { ...finding, suppression: { reason: `ignored: ${ignore.reason}` } };
    return finding;
  });
  return { findings: marked, notices };
}
