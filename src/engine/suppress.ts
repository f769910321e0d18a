// Suppressions and ignores from configuration mark findings, never drop them: a suppressed
// finding still appears in JSON and SARIF with its reason, and leaves the exit code alone.
import { idPattern, type PlauditConfig } from '../config/config.js';
import type { Finding } from './types.js';

export interface SuppressionOutcome {
  readonly findings: Finding[];
  /** Things the user should know about the configuration itself (an expired suppression...). */
  readonly notices: string[];
}

/** `today` is injected (YYYY-MM-DD) so that expiry is testable and reports stay reproducible. */
export function applySuppressions(
  findings: readonly Finding[],
  config: PlauditConfig,
  today: string,
): SuppressionOutcome {
  const notices: string[] = [];
  const active = (config.suppressions ?? []).flatMap((entry) => {
    if (entry.expires !== undefined && entry.expires <= today) {
      notices.push(
        `Suppression of ${entry.check} for ${entry.resource} expired on ${entry.expires} ("${entry.reason}"); its findings are reported again.`,
      );
      return [];
    }
    return [{ ...entry, pattern: idPattern(entry.resource) }];
  });
  const ignored = (config.ignore ?? []).map((entry) => ({ ...entry, pattern: idPattern(entry.resource) }));
  const used = new Set<object>();
  const marked = findings.map((finding) => {
    const id = finding.resourceId.toLowerCase();
    const suppression = active.find(
      (entry) =>
        (finding.checkId === entry.check || finding.checkId.startsWith(`${entry.check}/`)) && entry.pattern.test(id),
    );
    if (suppression) {
      used.add(suppression);
      return {
        ...finding,
        suppression: { reason: suppression.reason, ...(suppression.expires ? { expires: suppression.expires } : {}) },
      };
    }
    const ignore = ignored.find((entry) => entry.pattern.test(id));
    if (ignore) {
      used.add(ignore);
      return { ...finding, suppression: { reason: `ignored: ${ignore.reason}` } };
    }
    return finding;
  });
  return { findings: marked, notices };
}
