import type { HttpHeaders } from '@azure/core-rest-pipeline';

/** Retry-After (seconds or an HTTP date), retry-after-ms and x-ms-retry-after-ms. */
export function retryAfterMs(headers: HttpHeaders): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = Number(headers.get(name));
    if (headers.has(name) && Number.isFinite(value) && value >= 0) {
      return value;
    }
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter === undefined) {
    return undefined;
  }
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds * 1000);
  }
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
