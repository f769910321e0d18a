import { pathOf } from '../errors.js';

const GRAPH_QUERY_PATH = '/providers/microsoft.resourcegraph/resources';

export type RequestKind = 'graph' | 'subscriptions' | 'zoneGroups' | 'list' | 'get';

/** Resource Graph query, or which kind of ARM read: how requests are gated and counted. */
export function requestKind(method: string, url: string): RequestKind {
  const path = pathOf(url).replace(/\/+$/, '');
  if (method === 'POST' && path.toLowerCase() === GRAPH_QUERY_PATH) {
    return 'graph';
  }
  if (/^\/subscriptions(\/[^/]+)?$/i.test(path)) {
    return 'subscriptions';
  }
  if (/\/privateDnsZoneGroups$/i.test(path)) {
    return 'zoneGroups';
  }
  const segments = path.split('/').filter(Boolean);
  const providers = segments.map((s) => s.toLowerCase()).lastIndexOf('providers');
  // After `providers`: namespace, then type/name pairs; an even count ends on a collection.
  return providers >= 0 && (segments.length - providers - 1) % 2 === 0 ? 'list' : 'get';
}
