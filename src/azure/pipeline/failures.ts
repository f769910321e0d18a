import { RestError } from '@azure/core-rest-pipeline';
import type { PipelineRequest } from '@azure/core-rest-pipeline';
import { AzureAuthError } from '../credentials.js';
import { AzureRequestError, ReadOnlyViolationError } from '../errors.js';

/** A failure to get a response, as an AzureRequestError; plaudit's own errors pass through. */
export function asRequestError(error: unknown, request: PipelineRequest): Error {
  if (
    error instanceof AzureRequestError ||
    error instanceof AzureAuthError ||
    error instanceof ReadOnlyViolationError
  ) {
    return error;
  }
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return new AzureRequestError({ status: undefined, code, message, method: request.method, url: request.url });
}

/** The transport's code for an error (ECONNRESET...), `Timeout` for our per-attempt timeout. */
export function errorCode(error: unknown): string {
  if (error instanceof RestError && error.code) {
    return error.code;
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return 'Timeout';
  }
  return error instanceof Error ? error.name : 'Error';
}
