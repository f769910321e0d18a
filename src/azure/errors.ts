import { UsageError } from '../errors.js';
import { redactSecrets } from './redact.js';

/**
 * A request to ARM or Resource Graph that failed for good (after retries). `reason` is what lands in a
 * snapshot's `incomplete` list, e.g. `403 AuthorizationFailed: The client ... does not have authorization`.
 */
export class AzureRequestError extends Error {
  override readonly name = 'AzureRequestError';
  /** HTTP status, or undefined when no response came back (connection reset, timeout). */
  readonly status: number | undefined;
  /** Azure's `error.code`, or the transport error code (ECONNRESET...). */
  readonly code: string;
  readonly method: string;
  /** URL path of the request, without the query. */
  readonly path: string;

  /** Azure's `x-ms-request-id` of the failed response, when one came back. */
  readonly requestId: string | undefined;

  /** The message is Azure's text, scrubbed of anything that looks like a credential. */
  constructor(init: {
    status: number | undefined;
    code: string;
    message: string;
    method: string;
    url: string;
    requestId?: string | undefined;
  }) {
    super(redactSecrets(init.message));
    this.status = init.status;
    this.code = redactSecrets(init.code);
    this.requestId = init.requestId;
    this.method = init.method;
    this.path = pathOf(init.url);
  }

  get reason(): string {
    return `${this.status ?? 'no response'} ${this.code}: ${this.message}`;
  }
}

/** plaudit only reads: any request other than a GET (or the Resource Graph query POST) is refused. */
export class ReadOnlyViolationError extends Error {
  override readonly name = 'ReadOnlyViolationError';
}

/** A collection option (scope, --arm-endpoint) is malformed: a usage error (exit code 2), said in one sentence. */
export class InvalidOptionError extends UsageError {
  override readonly name = 'InvalidOptionError';
}

export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}

/** Azure's error body: `{"error": {"code", "message"}}`; some services answer `{"code", "message"}`. */
export function azureErrorOf(body: unknown): { code?: string; message?: string } {
  if (typeof body !== 'object' || body === null) {
    return {};
  }
  const record = body as Record<string, unknown>;
  const inner =
    typeof record.error === 'object' && record.error !== null ? (record.error as Record<string, unknown>) : record;
  return {
    ...(typeof inner.code === 'string' ? { code: inner.code } : {}),
    ...(typeof inner.message === 'string' ? { message: inner.message } : {}),
  };
}
