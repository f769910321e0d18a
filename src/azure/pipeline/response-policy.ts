// The outermost policy: sees each request once, after its retries. It turns failures into
// AzureRequestError with Azure's code and message, counts pages and captures the raw bodies.

import { AsyncLocalStorage } from 'node:async_hooks';
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import type { CloudName, RawResource } from '../../snapshot/types.js';
import { tokenRejected } from '../credentials.js';
import { AzureRequestError, azureErrorOf } from '../errors.js';
import { bodyOf, isList, parseJson, resourcesIn } from './bodies.js';
import { asRequestError } from './failures.js';
import { requestKind } from './request-kind.js';
import type { RequestKind } from './request-kind.js';
import type { CollectStats } from './stats.js';

const captureStore = new AsyncLocalStorage<RawResource[]>();

/** Runs `read` and puts into `sink` the resources of every response page it receives. */
export async function captureResources(sink: RawResource[], read: () => Promise<unknown>): Promise<void> {
  await captureStore.run(sink, read);
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
      const sink = captureStore.getStore();
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
      if (kind === 'graph') {
        options.stats.pages.graph += 1;
      } else if (isList(body)) {
        options.stats.pages.arm += 1;
      }
      options.onPage?.(kind);
      if (sink) {
        sink.push(...resourcesIn(body));
      }
      return response;
    },
  };
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
