// Response bodies, parsed once by whichever policy needs them first, and the raw resources in them.

import type { PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import type { RawResource } from '../../snapshot/types.js';
import { AzureRequestError, pathOf } from '../errors.js';

const parsedBodies = new WeakMap<PipelineResponse, unknown>();

export const MALFORMED = Symbol('malformed');

/** The parsed JSON body of a 2xx response (cached), or MALFORMED; throws when `strict`. */
export function bodyOf(response: PipelineResponse, request: PipelineRequest, strict = true): unknown {
  if (parsedBodies.has(response)) {
    return parsedBodies.get(response);
  }
  const text = response.bodyAsText ?? '';
  // A read always answers with a JSON body: an empty one is as unusable as a broken one.
  const empty = text.trim() === '';
  const parsed = empty ? (response.status === 204 ? null : MALFORMED) : parseJson(text, MALFORMED);
  if (parsed === MALFORMED) {
    if (strict) {
      throw new AzureRequestError({
        status: response.status,
        code: empty ? 'EmptyResponse' : 'MalformedResponse',
        message: `${empty ? 'the response body is empty' : 'the response body is not valid JSON'} ${contextOf(response, request)}`,
        method: request.method,
        url: request.url,
        requestId: requestIdOf(response),
      });
    }
    return MALFORMED;
  }
  parsedBodies.set(response, parsed);
  return parsed;
}

/** Azure's request id of a response (`x-ms-request-id`, else the correlation or client ids). */
export function requestIdOf(response: PipelineResponse): string | undefined {
  for (const name of ['x-ms-request-id', 'x-ms-correlation-request-id', 'x-ms-client-request-id']) {
    const value = response.headers.get(name);
    if (value) {
      return value;
    }
  }
  return undefined;
}

/** `(POST /path, request id …)`: where a bad answer came from, without the query (it may hold tokens). */
export function contextOf(response: PipelineResponse, request: PipelineRequest): string {
  const id = requestIdOf(response);
  return `(${request.method} ${pathOf(request.url)}${id ? `, request id ${id}` : ''})`;
}

export function parseJson(text: string | null | undefined, fallback: unknown = undefined): unknown {
  if (text === undefined || text === null) {
    return fallback;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}

export function isList(body: unknown): body is { value: unknown[] } {
  return typeof body === 'object' && body !== null && Array.isArray((body as { value?: unknown }).value);
}

/** The resources in an ARM body: a list page's `value`, or a single resource. */
export function resourcesIn(body: unknown): RawResource[] {
  const items = isList(body) ? body.value : [body];
  return items.filter(isResourceLike).map(withIdentity);
}

export function isResourceLike(item: unknown): item is Record<string, unknown> & { id: string } {
  return typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string';
}

/**
 * Some child resources come back without `type` (zone groups in the spec examples); a snapshot entry
 * needs id, type and name, so missing ones are derived from the id (in its own case).
 */
export function withIdentity(item: Record<string, unknown> & { id: string }): RawResource {
  if (typeof item.type === 'string' && typeof item.name === 'string') {
    return item as RawResource;
  }
  const segments = item.id.replace(/\/+$/, '').split('/');
  const providers = segments.map((s) => s.toLowerCase()).lastIndexOf('providers');
  const typeSegments = providers >= 0 ? segments.slice(providers + 2).filter((_, i) => i % 2 === 0) : [];
  const type = providers >= 0 ? [segments[providers + 1], ...typeSegments].join('/') : '';
  return {
    ...item,
    type: typeof item.type === 'string' ? item.type : type,
    name: typeof item.name === 'string' ? item.name : (segments[segments.length - 1] ?? ''),
  };
}
