// The outermost policy: sees each request once, after its retries. It turns failures into
// AzureRequestError with Azure's code and message, counts pages and captures the raw bodies.

import { AsyncLocalStorage } from 'node:async_hooks';
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import type { CloudName, RawResource } from '../../snapshot/types.js';
import { tokenRejected } from '../credentials.js';
import { AzureRequestError, azureErrorOf } from '../errors.js';
import { bodyOf, contextOf, isList, parseJson, requestIdOf, resourcesIn } from './bodies.js';
import { PageLinks, pagingLoop } from './paging.js';
import { asRequestError } from './failures.js';
import { requestKind } from './request-kind.js';
import type { RequestKind } from './request-kind.js';
import type { CollectStats } from './stats.js';

interface Capture {
  sink: RawResource[];
  /** The pages the read has followed (one list per capture): a nextLink seen twice is a loop. */
  links: PageLinks;
}

const captureStore = new AsyncLocalStorage<Capture>();

/** Runs `read` and puts into `sink` the resources of every response page it receives. */
export async function captureResources(sink: RawResource[], read: () => Promise<unknown>): Promise<void> {
  await captureStore.run({ sink, links: new PageLinks() }, read);
}

export interface ResponsePolicyOptions {
  cloud: CloudName;
  stats: CollectStats;
  onPage: ((kind: RequestKind) => void) | undefined;
}

export function responsePolicy(options: ResponsePolicyOptions): PipelinePolicy {
  return {
    name: 'plauditResponsePolicy',
    async sendRequest(request, next) {
      const capture = captureStore.getStore();
      let response: PipelineResponse;
      try {
        response = await next(request);
      } catch (error) {
        throw asRequestError(error, request);
      }
      const kind = requestKind(request.method, request.url);
      if (response.status < 200 || response.status > 299) {
        throw failureOf(response, request, options.cloud);
      }
      const body = bodyOf(response, request);
      const invalid = invalidBody(body, kind, response, request);
      if (invalid) {
        throw invalid;
      }
      if (kind === 'graph') {
        options.stats.pages.graph += 1;
      } else if (isList(body)) {
        options.stats.pages.arm += 1;
      }
      options.onPage?.(kind);
      if (capture) {
        capture.sink.push(...resourcesIn(body));
        const nextLink = (body as { nextLink?: unknown }).nextLink;
        if (isList(body) && typeof nextLink === 'string' && nextLink !== '') {
          capture.links.seen(request.url);
          const loop = capture.links.seen(nextLink);
          if (loop) {
            throw pagingLoop(request.url, loop, capture.sink.length, request.method, requestIdOf(response));
          }
        }
      }
      return response;
    },
  };
}

/**
 * A 2xx whose body cannot be what was asked for: an Azure error object (some front ends answer 200
 * with one), a Resource Graph answer without rows, a list without items. Left alone, the SDK's
 * deserializer would fail on it with a TypeError instead of Azure's context.
 */
function invalidBody(
  body: unknown,
  kind: RequestKind,
  response: PipelineResponse,
  request: PipelineRequest,
): AzureRequestError | undefined {
  const fail = (code: string, message: string): AzureRequestError =>
    new AzureRequestError({
      status: response.status,
      code,
      message: `${message} ${contextOf(response, request)}`,
      method: request.method,
      url: request.url,
      requestId: requestIdOf(response),
    });
  if (response.status === 204) {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('InvalidResponse', 'the response body is not a JSON object');
  }
  const record = body as Record<string, unknown>;
  if (typeof record.error === 'object' && record.error !== null) {
    const { code, message } = azureErrorOf(body);
    return fail(code ?? 'ErrorInResponse', message ?? 'the response carries an error and no message');
  }
  if (kind === 'graph' && !Array.isArray(record.data)) {
    return fail('InvalidResponse', 'the Resource Graph response has no data array');
  }
  if ((kind === 'list' || kind === 'zoneGroups') && !Array.isArray(record.value)) {
    return fail('InvalidResponse', 'the list body has no value array');
  }
  return undefined;
}

function failureOf(response: PipelineResponse, request: PipelineRequest, cloud: CloudName): Error {
  const { code, message } = azureErrorOf(parseJson(response.bodyAsText));
  const failure = new AzureRequestError({
    status: response.status,
    code: code ?? `Http${response.status}`,
    message: message ?? `HTTP ${response.status} with no Azure error message`,
    method: request.method,
    url: request.url,
  });
  // A token for another tenant only fails that tenant's subscriptions; any other 401 fails all.
  if (response.status === 401 && code !== 'InvalidAuthenticationTokenTenant') {
    return tokenRejected(cloud, failure.reason);
  }
  return failure;
}
