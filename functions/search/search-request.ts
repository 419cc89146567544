// From a validated search query to the answer: the cursor (signed, bound to the query it came from) carries
// the last hit's sort values, and the next cursor is signed the same way.
import { createHash } from 'node:crypto';
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import type * as z from 'zod/mini';
import { searcher } from './runtime.ts';
import { parseAttributeFilter, type searchQuery } from './schemas.ts';

type SearchQuery = z.output<typeof searchQuery>;

export async function runSearch(query: SearchQuery, customerId?: string) {
  const { cursor, limit, ...filters } = query;
  const scope = `search:${createHash('sha256')
    .update(JSON.stringify({ ...filters, customer: customerId !== undefined }))
    .digest('base64url')
    .slice(0, 22)}`;
  const codec = await cursors();
  const start = codec.decode(cursor, scope);
  const after =
    start === undefined
      ? undefined
      : Object.keys(start)
          .sort((a, b) => Number(a) - Number(b))
          .map((k) => start[k]!);
  const answer = await searcher.search(
    {
      ...(filters.q === undefined ? {} : { q: filters.q }),
      ...(filters.category === undefined ? {} : { category: filters.category }),
      attributes: parseAttributeFilter(filters.attributes),
      currency: filters.currency,
      ...(filters.minPrice === undefined ? {} : { minPrice: filters.minPrice }),
      ...(filters.maxPrice === undefined ? {} : { maxPrice: filters.maxPrice }),
      ...(filters.inStock === undefined ? {} : { inStock: filters.inStock }),
      ...(filters.minRating === undefined ? {} : { minRating: filters.minRating }),
      sort: filters.sort,
      limit,
      ...(after === undefined ? {} : { after }),
    },
    customerId,
  );
  const { after: last, ...body } = answer;
  const nextCursor =
    last === undefined
      ? undefined
      : codec.encode(Object.fromEntries(last.map((v, i) => [String(i), v])), scope);
  return { ...body, ...(nextCursor === undefined ? {} : { nextCursor }) };
}
