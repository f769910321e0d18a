// Paging guards. A list follows nextLink (ARM) or $skipToken (Resource Graph) until there is none; a
// service (or a proxy) that hands back a link or token it already gave, or one that never ends,
// would page forever. Each chain remembers what it followed and stops at a repeat or at a cap on
// pages: the part is then incomplete, with what was read before kept.

import { AzureRequestError, pathOf } from '../errors.js';

/** Pages a single list may have: 10,000 pages of up to 1000 items is far beyond any real estate. */
export const MAX_PAGES = 10_000;

export class PageLinks {
  private readonly links = new Set<string>();
  private readonly maxPages: number;

  constructor(maxPages = MAX_PAGES) {
    this.maxPages = maxPages;
  }

  /** Records the next page to read; says why not to read it (a repeat, too many pages), or undefined. */
  seen(link: string): string | undefined {
    const key = linkKey(link);
    if (this.links.has(key)) {
      return `the service returned a next page it had already returned (page ${this.links.size + 1})`;
    }
    this.links.add(key);
    if (this.links.size > this.maxPages) {
      return `the list did not end within ${this.maxPages} pages`;
    }
    return undefined;
  }
}

/** The failure recorded for a paging chain cut short; the rows read before it are kept. */
export function pagingLoop(
  url: string,
  why: string,
  read: number,
  method = 'GET',
  requestId?: string,
): AzureRequestError {
  return new AzureRequestError({
    status: 200,
    code: 'PagingLoop',
    message: `${why}; stopped there, after ${read} items${requestId ? ` (request id ${requestId})` : ''}`,
    method,
    url,
  });
}

/** A page's identity: path (case-insensitive) and query without api-version, which SDKs append. */
function linkKey(link: string): string {
  try {
    const url = new URL(link, 'https://link.invalid');
    const params = [...url.searchParams.entries()]
      .filter(([name]) => name.toLowerCase() !== 'api-version')
      .map(([name, value]) => `${name.toLowerCase()}=${value}`)
      .sort();
    return `${url.pathname.toLowerCase()}?${params.join('&')}`;
  } catch {
    return pathOf(link);
  }
}
