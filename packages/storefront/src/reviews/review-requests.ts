// Review requests as the shop reads them: a guest buyer's review link (GET /review-invitations/{token}, no
// sign-in), the choice of being emailed review requests (for the link's order, or the signed-in customer's
// own), what the customer's delivered orders let them review (GET /me/reviewable), and a product by its id
// (GET /products/{id}), which names what a link or a delivery is about.
import type { components } from '@commerce/api-client';
import { ApiProblem, must } from '@commerce/web-kit';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSession, useShop } from '../shop.tsx';

export type Invitation = components['schemas']['ReviewInvitation'];
export type InvitedProduct = Invitation['products'][number];
export type ReviewPreferences = components['schemas']['ReviewPreferences'];
export type ReviewableItem = components['schemas']['Reviewable']['items'][number];

/** The invitation of a link, to mark a product reviewed or save the emails choice once the API took them. */
export const invitationKey = (token: string) => ['review-invitation', token] as const;

export function useInvitation(token: string) {
  const { api } = useShop();
  return useQuery({
    queryKey: invitationKey(token),
    queryFn: async () => must(await api.GET('/review-invitations/{token}', { params: { path: { token } } })),
  });
}

/** Whether the link is not one the shop sent or has expired: 404, or 400 for a token cut short in copying. */
export function isInvalidLink(error: unknown): boolean {
  return error instanceof ApiProblem && (error.problem.status === 404 || error.problem.status === 400);
}

/**
 * Saves whether review requests are emailed for the link's order. Changes go one after the other (a quick
 * second click is not overtaken by the first), and the invitation holds the answer.
 */
export function useSaveInvitationPreferences(token: string) {
  const { api } = useShop();
  const queryClient = useQueryClient();
  return useMutation({
    scope: { id: `review-invitation-preferences:${token}` },
    mutationFn: async (body: ReviewPreferences) =>
      must(await api.PUT('/review-invitations/{token}/preferences', { params: { path: { token } }, body })),
    onSuccess: ({ requestEmails }) =>
      queryClient.setQueryData<Invitation>(invitationKey(token), (old) => old && { ...old, requestEmails }),
  });
}

/** Whether the signed-in customer is emailed review requests (on unless they turned it off). */
export function useReviewPreferences() {
  const { api } = useShop();
  const session = useSession();
  return useQuery({
    queryKey: ['review-preferences', session?.sub],
    enabled: session !== null,
    queryFn: async () => must(await api.GET('/me/review-preferences')),
  });
}

/** Saves the signed-in customer's choice, one change after the other, as the invitation's is. */
export function useSaveReviewPreferences() {
  const { api } = useShop();
  const session = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    scope: { id: 'review-preferences' },
    mutationFn: async (body: ReviewPreferences) => must(await api.PUT('/me/review-preferences', { body })),
    onSuccess: (saved) => queryClient.setQueryData(['review-preferences', session?.sub], saved),
  });
}

/**
 * Each product of the signed-in customer's delivered orders, with their review's id once written. The
 * cache entry is review-data.ts's (useMayReview), so writing a review refreshes both.
 */
export function useReviewable() {
  const { api } = useShop();
  const session = useSession();
  return useQuery({
    queryKey: ['reviewable', session?.sub],
    enabled: session !== null,
    queryFn: async () => must(await api.GET('/me/reviewable')).items,
  });
}

/**
 * The products the customer may still review, most recently delivered first, each once: a product bought
 * in two orders is reviewed once, and not at all once reviewed (as useMayReview decides).
 */
export function productsToReview(items: readonly ReviewableItem[]): ReviewableItem[] {
  const reviewed = new Set(items.filter((item) => item.reviewId !== undefined).map((item) => item.productId));
  const latest = new Map<string, ReviewableItem>();
  for (const item of items) {
    if (reviewed.has(item.productId)) continue;
    const seen = latest.get(item.productId);
    if (!seen || seen.deliveredAt < item.deliveredAt) latest.set(item.productId, item);
  }
  return [...latest.values()].sort((a, b) => b.deliveredAt.localeCompare(a.deliveredAt));
}

/** A published product by its id (404 once it is no longer published). */
export function useProductById(id: string) {
  const { api } = useShop();
  return useQuery({
    queryKey: ['product-by-id', id],
    queryFn: async () => must(await api.GET('/products/{id}', { params: { path: { id } } })),
  });
}
