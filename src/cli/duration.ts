// Durations on the command line and in the environment (--timeout, PLAUDIT_TIMEOUT).
import { UsageError } from '../errors.js';

/**
 * A read never runs unbounded: past an hour (ample for a tenant read at Azure's own rate limits),
 * what is left is listed as incomplete rather than waited for.
 */
export const defaultReadLimitMs = 60 * 60 * 1000;

export function parseDuration(value: string, flag = '--timeout'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(value);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match?.[2] ?? 's').toLowerCase() as 'ms' | 's' | 'm' | 'h'];
  const ms = match ? Math.round(Number(match[1]) * unit) : NaN;
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new UsageError(`${flag} takes a duration such as 90s, 15m or 1h, not ${JSON.stringify(value)}`);
  }
  return ms;
}
