// Product search as the shop reads it: results with their facets in the chosen currency (a signed-in
// customer's at their own prices, GET /me/search), a category's products a page at a time, and as-you-type
// suggestions. docs/search.md.
import type { components, operations } from '@commerce/api-client';
import { must, type CommerceClient } from '@commerce/web-kit';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useCurrency } from './currency.ts';
import type { SearchParams } from './search-params.ts';
import { useSession, useShop } from './shop.tsx';

export type SearchAnswer = components['schemas']['SearchAnswer'];
export type SearchHit = components['schemas']['SearchHit'];
export type SearchFacets = components['schemas']['SearchFacets'];
export type TextPart = NonNullable<NonNullable<SearchHit['highlights']>['title']>[number];
type SearchQuery = operations['search']['parameters']['query'];

export const SEARCH_PAGE_SIZE = 24;
const CATEGORY_PAGE_SIZE = 12;
/** Suggestions are asked for from this many characters on: one letter matches too much to help. */
export const SUGGEST_MIN_LENGTH = 2;
const SUGGESTIONS = 6;

/** The search as the current shopper sees it: a customer's segment prices, else the guest prices. */
function useSearchReader() {
  const { api } = useShop();
  const session = useSession();
  const currency = useCurrency();
  const read = async (query: Omit<SearchQuery, 'currency'>): Promise<SearchAnswer> =>
    answerOf(api, session !== null, { ...query, currency });
  // Per customer: their segments decide their prices.
  return { read, key: ['search', session?.sub ?? 'guest', currency] as const };
}

async function answerOf(api: CommerceClient, signedIn: boolean, query: SearchQuery): Promise<SearchAnswer> {
  return signedIn
    ? must(await api.GET('/me/search', { params: { query } }))
    : must(await api.GET('/search', { params: { query } }));
}

/**
 * One page of results for `params`. The previous answer stays on screen while a changed filter loads, so
 * the facet a shopper just ticked keeps its place (and their focus) instead of giving way to "Loading".
 */
export function useProductSearch(params: SearchParams) {
  const search = useSearchReader();
  // Named one by one: the router's search object also holds whatever else the URL carried.
  const { q, category, attributes, minPrice, maxPrice, inStock, minRating, sort, cursor } = params;
  const query = {
    ...{ q, category, attributes, minPrice, maxPrice, minRating, sort, cursor },
    ...(inStock ? { inStock: 'true' as const } : {}),
    limit: SEARCH_PAGE_SIZE,
  };
  return useQuery({
    queryKey: [...search.key, query],
    queryFn: () => search.read(query),
    placeholderData: keepPreviousData,
  });
}

/** A category's products (its subcategories' too), newest first; `fetchNextPage` follows the cursor. */
export function useCategorySearch(categoryId: string) {
  const search = useSearchReader();
  return useInfiniteQuery({
    queryKey: [...search.key, 'category', categoryId],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      search.read({
        category: categoryId,
        sort: 'newest',
        limit: CATEGORY_PAGE_SIZE,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** Completions of `text` (debounced by the caller); none under SUGGEST_MIN_LENGTH characters. */
export function useSuggestions(text: string) {
  const { api } = useShop();
  const q = text.trim().slice(0, 100);
  const enabled = q.length >= SUGGEST_MIN_LENGTH;
  return useQuery({
    queryKey: ['suggest', q],
    enabled,
    queryFn: async () =>
      must(await api.GET('/search/suggest', { params: { query: { q, limit: SUGGESTIONS } } })).items,
    // The last list stays while the next word is asked for, rather than the listbox blinking shut.
    placeholderData: (previous) => (enabled ? previous : undefined),
    staleTime: 60_000,
  });
}
