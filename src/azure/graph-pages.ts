// Paging one Resource Graph query. The first page says how many rows match (totalRecords); the rest
// are then asked for all at once by position ($skip and $top), rather than one $skipToken after
// another, so that a query's pages share a quota window instead of following each other through it.
// Every query sorts by id (unique), which is what makes pages by position line up (Learn: "Guidance
// for pagination"). Without a total, or when the first page's $skipToken contradicts it, the pages
// follow $skipToken as before.

import type { QueryResponse } from '@azure/arm-resourcegraph';
import type { RawResource } from '../snapshot/types.js';
import type { CollectContext } from './context.js';
import { AzureRequestError } from './errors.js';
import { MAX_PAGES, PageLinks, pagingLoop } from './pipeline/paging.js';
import type { GraphChain } from './pipeline/throttle/graph-quota.js';

export const GRAPH_URL = '/providers/Microsoft.ResourceGraph/resources';

/** Rows per page: Resource Graph's maximum for $top. */
export const PAGE_ROWS = 1000;

export interface GraphScope {
  subscriptions?: string[];
  managementGroups?: string[];
}

interface PageRequest {
  skipToken?: string;
  skip?: number;
  top: number;
}

/** Reads every row of `query`, handing each page's rows to `onRows` as it arrives (in any order). */
export async function readPages(
  ctx: CollectContext,
  query: string,
  scope: GraphScope,
  onRows: (rows: RawResource[]) => void,
  chain: GraphChain,
): Promise<void> {
  const page = async (request: PageRequest): Promise<{ response: QueryResponse; data: unknown[] }> => {
    const sent = performance.now();
    const response = await ctx.graph.resources({
      query,
      ...scope,
      options: {
        top: request.top,
        resultFormat: 'objectArray',
        ...(request.skipToken ? { skipToken: request.skipToken } : {}),
        ...(request.skip ? { skip: request.skip } : {}),
      },
    });
    if (!Array.isArray(response.data)) {
      throw graphError('InvalidResponse', 'the Resource Graph response has no data array');
    }
    if (request.skip === undefined) {
      // How long a page of a chain takes, for the quota to keep room for its later ones (pages by
      // position go side by side and keep no time between them).
      chain.pageMs = performance.now() - sent;
    }
    return { response, data: response.data as unknown[] };
  };

  // The first page is one round trip on its own: no quota is kept for pages not yet known.
  chain.pagesLeft = 0;
  chain.awaitingFirstPage = true;
  let first: Awaited<ReturnType<typeof page>>;
  try {
    first = await page({ top: PAGE_ROWS });
  } finally {
    chain.awaitingFirstPage = false;
  }
  const total = typeof first.response.totalRecords === 'number' ? first.response.totalRecords : undefined;
  onRows(first.data.filter(isRow));
  const skipToken = tokenOf(first.response);
  if (skipToken && total !== undefined && first.data.length > 0 && total > first.data.length) {
    await pagesByPosition(page, onRows, chain, first.data.length, total);
    return;
  }
  await pagesByToken(page, onRows, chain, first, total);
}

/**
 * The rows from `from` to `total`, in pages the size of the first, all asked for at once. A page may
 * come back shorter than asked (the service pages smaller): the rest of its range is then asked for
 * next. Every page must announce the same total, and every range must fill: otherwise the estate
 * changed while it was read, and the query fails as a $skipToken chain that came up short would.
 */
async function pagesByPosition(
  page: (request: PageRequest) => Promise<{ response: QueryResponse; data: unknown[] }>,
  onRows: (rows: RawResource[]) => void,
  chain: GraphChain,
  from: number,
  total: number,
): Promise<void> {
  const size = Math.min(PAGE_ROWS, from);
  const ranges: Array<[number, number]> = [];
  for (let start = from; start < total; start += size) {
    ranges.push([start, Math.min(total, start + size)]);
  }
  if (ranges.length > MAX_PAGES) {
    throw pagingLoop(GRAPH_URL, `the query announced ${total} rows, more than ${MAX_PAGES} pages`, from, 'POST');
  }
  // They go side by side: the quota keeps no time between them, only their number.
  chain.pageMs = 0;
  chain.pagesLeft = ranges.length;
  // All settle before a failure is raised: no page lands after its query has been given up.
  const settled = await Promise.allSettled(
    ranges.map(async ([start, end]) => {
      for (let at = start; at < end;) {
        const { response, data } = await page({ skip: at, top: end - at });
        if (typeof response.totalRecords === 'number' && response.totalRecords !== total) {
          throw graphError(
            'IncompleteResult',
            `Resource Graph announced ${total} rows (totalRecords) on the first page and ${response.totalRecords} on a later one: the resources changed while they were read`,
          );
        }
        if (data.length === 0) {
          throw graphError(
            'IncompleteResult',
            `Resource Graph announced ${total} rows (totalRecords) but returned none from row ${at}`,
          );
        }
        onRows(data.slice(0, end - at).filter(isRow));
        at += Math.min(data.length, end - at);
        if (at < end) {
          chain.pagesLeft += 1;
        }
      }
    }),
  );
  const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) {
    throw failed.reason;
  }
}

/** Follows $skipToken from the first page, one page after another. */
async function pagesByToken(
  page: (request: PageRequest) => Promise<{ response: QueryResponse; data: unknown[] }>,
  onRows: (rows: RawResource[]) => void,
  chain: GraphChain,
  first: { response: QueryResponse; data: unknown[] },
  total: number | undefined,
): Promise<void> {
  const tokens = new PageLinks();
  let received = 0;
  let current = first;
  for (;;) {
    const { response, data } = current;
    received += data.length;
    const skipToken = tokenOf(response);
    // What the quota keeps for this chain: the pages still to come, each about as long as this one.
    chain.pagesLeft = !skipToken
      ? 0
      : total !== undefined && data.length > 0
        ? Math.max(1, Math.ceil((total - received) / data.length))
        : 1;
    // Truncation without a token means rows were dropped and cannot be paged to.
    if (response.resultTruncated === 'true' && !skipToken) {
      throw graphError('ResultTruncated', 'Resource Graph truncated the result and offered no $skipToken');
    }
    if (!skipToken) {
      break;
    }
    const loop = tokens.seen(`?$skipToken=${encodeURIComponent(skipToken)}`);
    if (loop) {
      throw pagingLoop(GRAPH_URL, loop.replace('next page', '$skipToken'), received, 'POST');
    }
    current = await page({ skipToken, top: PAGE_ROWS });
    onRows(current.data.filter(isRow));
  }
  // The last page came without a token: every row the first page announced must have arrived.
  if (total !== undefined && received < total) {
    throw graphError(
      'IncompleteResult',
      `Resource Graph announced ${total} rows (totalRecords) but returned ${received} and no $skipToken for the rest`,
    );
  }
}

function tokenOf(response: QueryResponse): string | undefined {
  return response.skipToken ? response.skipToken : undefined;
}

function isRow(row: unknown): row is RawResource {
  return (
    typeof row === 'object' &&
    row !== null &&
    typeof (row as { id?: unknown }).id === 'string' &&
    typeof (row as { type?: unknown }).type === 'string'
  );
}

export function graphError(code: string, message: string): AzureRequestError {
  return new AzureRequestError({
    status: 200,
    code,
    message,
    method: 'POST',
    url: GRAPH_URL,
  });
}
