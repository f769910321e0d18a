// Resource Graph paging: after the first page, the rest by position ($skip/$top) all at once; by
// $skipToken when the first page gives no total; the pages checked against that total.
import { afterEach, describe, expect, it } from 'vitest';
import type { QueryRequest, QueryResponse } from '@azure/arm-resourcegraph';
import { readPages } from '../../src/azure/graph-pages.js';
import type { CollectContext } from '../../src/azure/context.js';
import { AzureRequestError } from '../../src/azure/errors.js';
import type { GraphChain } from '../../src/azure/pipeline/throttle/graph-quota.js';
import type { RawResource } from '../../src/snapshot/types.js';
import type { FakeAzure } from '../fake-azure/server.js';
import { byId, collectFrom, expectedResources, startFake } from './helpers.js';

let fake: FakeAzure | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const rows = (count: number): RawResource[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic-${String(i).padStart(5, '0')}`,
    type: 'microsoft.network/networkinterfaces',
    name: `nic-${i}`,
  }));

interface StubPage {
  skip?: number;
  top?: number;
  skipToken?: string;
}

/**
 * A Resource Graph that answers from `all` by position, 1000 rows a page at most (or `pageRows`),
 * with a $skipToken while rows remain. `answer` may change a page before it goes out.
 */
function stubGraph(
  all: RawResource[],
  options: {
    pageRows?: number;
    totals?: boolean;
    answer?: (page: QueryResponse, asked: StubPage, index: number) => QueryResponse;
  } = {},
): { ctx: CollectContext; asked: StubPage[] } {
  const asked: StubPage[] = [];
  const resources = (request: QueryRequest): Promise<QueryResponse> => {
    const options_ = request.options ?? {};
    const page: StubPage = {
      ...(options_.skip !== undefined ? { skip: options_.skip } : {}),
      ...(options_.top !== undefined ? { top: options_.top } : {}),
      ...(options_.skipToken !== undefined ? { skipToken: options_.skipToken } : {}),
    };
    asked.push(page);
    const offset = page.skip ?? (page.skipToken ? Number(page.skipToken) : 0);
    const size = Math.min(page.top ?? 1000, options.pageRows ?? 1000);
    const data = all.slice(offset, offset + size);
    const more = offset + data.length < all.length;
    const response: QueryResponse = {
      ...(options.totals === false ? {} : { totalRecords: all.length }),
      count: data.length,
      resultTruncated: 'false',
      ...(more ? { skipToken: String(offset + data.length) } : {}),
      data,
    } as QueryResponse;
    return Promise.resolve(options.answer ? options.answer(response, page, asked.length - 1) : response);
  };
  return { ctx: { graph: { resources } } as unknown as CollectContext, asked };
}

async function read(ctx: CollectContext): Promise<RawResource[]> {
  const got: RawResource[] = [];
  const chain: GraphChain = { priority: 1, pagesLeft: 0, pageMs: 0 };
  await readPages(ctx, 'resources | order by id asc', { subscriptions: ['s'] }, (page) => got.push(...page), chain);
  return got;
}

const sortedIds = (resources: RawResource[]): string[] => resources.map((r) => r.id).sort();

describe('Resource Graph pages by position', () => {
  it('asks for the first page, then for every other page at once by $skip and $top', async () => {
    const all = rows(4500);
    const { ctx, asked } = stubGraph(all);
    const got = await read(ctx);
    expect(sortedIds(got)).toEqual(sortedIds(all));
    expect(got).toHaveLength(4500);
    expect(asked).toEqual([
      { top: 1000 },
      { skip: 1000, top: 1000 },
      { skip: 2000, top: 1000 },
      { skip: 3000, top: 1000 },
      { skip: 4000, top: 500 },
    ]);
  });

  it('asks for no second page when the first holds every row', async () => {
    const { ctx, asked } = stubGraph(rows(1000));
    expect(await read(ctx)).toHaveLength(1000);
    expect(asked).toEqual([{ top: 1000 }]);
  });

  it('pages the size of the first when the service pages smaller than asked, and finishes a short page', async () => {
    const all = rows(25);
    // Pages of 10, except that the page from row 10 comes back with 4 rows only.
    const { ctx, asked } = stubGraph(all, {
      pageRows: 10,
      answer: (page, at) =>
        at.skip === 10 && at.top === 10 ? ({ ...page, data: page.data.slice(0, 4), count: 4 } as QueryResponse) : page,
    });
    const got = await read(ctx);
    expect(sortedIds(got)).toEqual(sortedIds(all));
    expect(got).toHaveLength(25);
    expect(asked).toEqual([{ top: 1000 }, { skip: 10, top: 10 }, { skip: 20, top: 5 }, { skip: 14, top: 6 }]);
  });

  it('follows $skipToken one page after another when the first page gives no total', async () => {
    const all = rows(2500);
    const { ctx, asked } = stubGraph(all, { totals: false });
    expect(sortedIds(await read(ctx))).toEqual(sortedIds(all));
    expect(asked).toEqual([{ top: 1000 }, { skipToken: '1000', top: 1000 }, { skipToken: '2000', top: 1000 }]);
  });

  it('fails the query when a later page announces another total: the resources changed under it', async () => {
    const { ctx } = stubGraph(rows(3000), {
      answer: (page, at) => (at.skip === 2000 ? ({ ...page, totalRecords: 2999 } as QueryResponse) : page),
    });
    const error = await read(ctx).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AzureRequestError);
    expect((error as AzureRequestError).reason).toMatch(
      /^200 IncompleteResult: Resource Graph announced 3000 rows \(totalRecords\) on the first page and 2999 on a later one/,
    );
  });

  it('fails the query when a page by position comes back empty before the announced total', async () => {
    const { ctx } = stubGraph(rows(3000), {
      answer: (page, at) => (at.skip === 1000 ? ({ ...page, data: [], count: 0 } as QueryResponse) : page),
    });
    await expect(read(ctx)).rejects.toThrow(/announced 3000 rows \(totalRecords\) but returned none from row 1000/);
  });
});

describe('Resource Graph pages by position, against the fake', () => {
  it('reads the estate with every page asked for once, by position after the first', async () => {
    fake = await startFake({ pageSize: 4 });
    const { snapshot } = await collectFrom(fake);
    expect(byId(snapshot.resources)).toEqual(expectedResources());
    const queries = new Map<string, Array<Record<string, unknown>>>();
    for (const request of fake.requests.filter((r) => r.method === 'POST')) {
      const body = request.body as { query: string; subscriptions?: string[]; options?: Record<string, unknown> };
      const key = JSON.stringify([body.query, body.subscriptions ?? []]);
      queries.set(key, [...(queries.get(key) ?? []), body.options ?? {}]);
    }
    expect(queries.size).toBeGreaterThan(3);
    let paged = 0;
    for (const pages of queries.values()) {
      // The first page is asked for without a position; the rest by position, none twice, no token.
      expect(pages[0]?.$skip).toBeUndefined();
      const skips = pages.slice(1).map((options) => options.$skip);
      expect(new Set(skips).size).toBe(skips.length);
      expect(pages.slice(1).every((options) => options.$skipToken === undefined)).toBe(true);
      expect(skips.every((skip) => typeof skip === 'number' && skip % 4 === 0)).toBe(true);
      paged += pages.length > 1 ? 1 : 0;
    }
    expect(paged).toBeGreaterThan(0);
  });
});
