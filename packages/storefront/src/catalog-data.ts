// The catalog as the shop reads it (all public routes): the category tree, product pages with cursors,
// a product by handle, its display prices in the chosen currency (and so its market's tax mode) and its
// variants' availability.
import type { components } from '@commerce/api-client';
import { must } from '@commerce/web-kit';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { displayCountry, useCurrency } from './currency.ts';
import { useShop } from './shop.tsx';

export type Category = components['schemas']['CategoryNode'];
export type Product = components['schemas']['Product'];
export type ProductPrice = components['schemas']['ProductPrice'];
export type DisplayPrice = ProductPrice['items'][number];
export type Availability = components['schemas']['SkuAvailability']['availability'];

/** The categories (and a market's tax mode) change rarely; a visit reads them once. */
const RARELY_CHANGED_STALE_MS = 5 * 60_000;
const PAGE_SIZE = 12;

export function useCategories() {
  const { api } = useShop();
  return useQuery({
    queryKey: ['categories'],
    queryFn: async () => must(await api.GET('/categories')).items,
    staleTime: RARELY_CHANGED_STALE_MS,
  });
}

export function findCategory(tree: readonly Category[], slug: string): Category | undefined {
  for (const node of tree) {
    if (node.slug === slug) return node;
    const found = findCategory(node.children, slug);
    if (found) return found;
  }
  return undefined;
}

/** Published products, newest first, in one category or all; `fetchNextPage` follows the API's cursor. */
export function useProductPages(categoryId?: string) {
  const { api } = useShop();
  return useInfiniteQuery({
    queryKey: ['products', categoryId ?? 'all'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      must(
        await api.GET('/products', {
          params: {
            query: {
              limit: PAGE_SIZE,
              ...(categoryId ? { category: categoryId } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useProductByHandle(handle: string) {
  const { api } = useShop();
  return useQuery({
    queryKey: ['product', handle],
    queryFn: async () =>
      must(await api.GET('/products/by-handle/{handle}', { params: { path: { handle } } })),
  });
}

/** The product's display prices in the chosen currency, as its home market shows them. */
export function useDisplayPrices(productId: string) {
  const { api } = useShop();
  const currency = useCurrency();
  const country = displayCountry(currency);
  return useQuery({
    queryKey: ['display-prices', productId, currency],
    queryFn: async () =>
      must(
        await api.GET('/product-prices/{id}', {
          params: { path: { id: productId }, query: { currency, country } },
        }),
      ),
  });
}

/**
 * How shelf prices read in the chosen currency's market (VAT included or tax added), for lists whose prices
 * come from search, which does not say. The mode belongs to the market, not the product, so any one
 * product's display prices tell it, and one answer per currency serves every list.
 */
export function useShelfTaxMode(sampleProductId: string | undefined) {
  const { api } = useShop();
  const currency = useCurrency();
  const country = displayCountry(currency);
  return useQuery({
    queryKey: ['shelf-tax-mode', currency],
    enabled: sampleProductId !== undefined,
    queryFn: async () =>
      must(
        await api.GET('/product-prices/{id}', {
          params: { path: { id: sampleProductId ?? '' }, query: { currency, country } },
        }),
      ).taxMode,
    staleTime: RARELY_CHANGED_STALE_MS,
  }).data;
}

export function useAvailability(sku: string | undefined) {
  const { api } = useShop();
  return useQuery({
    queryKey: ['availability', sku],
    enabled: sku !== undefined,
    queryFn: async () =>
      must(await api.GET('/availability/{sku}', { params: { path: { sku: sku ?? '' } } })).availability,
  });
}

export const AVAILABILITY_TEXT: Record<Availability, string> = {
  in_stock: 'In stock',
  low_stock: 'Only a few left',
  out_of_stock: 'Out of stock',
};
