// Reviews as the shop reads them: a product's published reviews a page at a time with its rating aggregate
// (public), whether the signed-in customer may review a product (a delivered order of theirs holds it and
// they have not reviewed it yet), their own reviews with their status, and the helpful vote. docs/storefront.md.
import type { components } from '@commerce/api-client';
import { must } from '@commerce/web-kit';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useSession, useShop } from '../shop.tsx';

export type Review = components['schemas']['Review'];
export type OwnReview = components['schemas']['OwnReview'];
/** The RatingAggregate as the client answers it (its five-number histogram typed as an array). */
export interface RatingAggregate {
  readonly count: number;
  readonly average: number;
  /** Published reviews with 1, 2, 3, 4 and 5 stars. */
  readonly histogram: readonly number[];
}
export type ReviewPhoto = Review['photos'][number];

export type ReviewSort = 'newest' | 'helpful';

/** Which reviews are listed: the order, and only those of one rating when `rating` is set. */
export interface ReviewFilter {
  readonly sort: ReviewSort;
  readonly rating?: number | undefined;
}

/** The list as the product page opens it; its first page also answers the page's structured data. */
export const FIRST_FILTER: ReviewFilter = { sort: 'newest' };

const REVIEWS_PAGE_SIZE = 10;

/** Every cached answer about a product's reviews, to refresh them once a review of it is published. */
export const reviewsKey = (productId: string) => ['reviews', productId] as const;

/**
 * A product's published reviews for `filter`, with the aggregate on every page; `fetchNextPage` follows the
 * cursor. The shown list stays while another order or rating loads, so the choices keep their place.
 */
export function useProductReviews(productId: string, filter: ReviewFilter) {
  const { api } = useShop();
  const { sort, rating } = filter;
  return useInfiniteQuery({
    queryKey: [...reviewsKey(productId), sort, rating ?? 'all'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      must(
        await api.GET('/products/{id}/reviews', {
          params: {
            path: { id: productId },
            query: {
              sort,
              limit: REVIEWS_PAGE_SIZE,
              ...(rating ? { rating } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Whether the signed-in customer may write a review of the product (false for guests and while unknown). */
export function useMayReview(productId: string): boolean {
  const { api } = useShop();
  const session = useSession();
  const reviewable = useQuery({
    queryKey: ['reviewable', session?.sub],
    enabled: session !== null,
    queryFn: async () => must(await api.GET('/me/reviewable')).items,
  });
  const items = (reviewable.data ?? []).filter((item) => item.productId === productId);
  return session !== null && items.length > 0 && items.every((item) => item.reviewId === undefined);
}

/** The signed-in customer's reviews, newest first, with their status. */
export function useMyReviews() {
  const { api } = useShop();
  const session = useSession();
  return useQuery({
    queryKey: ['my-reviews', session?.sub],
    enabled: session !== null,
    queryFn: async () => must(await api.GET('/me/reviews')).items,
  });
}

/** The signed-in customer's helpful vote for a review: its count after the vote, and whether it counted. */
export function useHelpfulVote(reviewId: string) {
  const { api } = useShop();
  return useMutation({
    mutationFn: async () =>
      must(await api.POST('/reviews/{id}/helpful', { params: { path: { id: reviewId } } })),
  });
}
