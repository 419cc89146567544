// POST /review-invitations/{token}/reviews (public, the signed link is the credential): the guest buyer's
// review of a product their order delivered, once; a verified purchase like a customer's (no photos).
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { eventContextOf, httpRoute } from '@commerce/lambda-kit/http';
import { openInvitation } from '../invitations.ts';
import { reviewRoutes } from '../routes.ts';
import { reviews } from '../runtime.ts';
import { ownView } from '../views.ts';

export const handler = httpRoute({
  ...reviewRoutes['POST /review-invitations/{token}/reviews'],
  handler: async ({ params, body: { productId, name, rating, ...input }, ...request }) => {
    const { orderId } = openInvitation(params.token, await cursors());
    const review = await reviews.write(
      { kind: 'guest', orderId, name: name ?? '' },
      productId,
      { ...input, rating: rating as 1 | 2 | 3 | 4 | 5, photos: [] },
      eventContextOf(request),
    );
    return { status: 201, body: ownView(review) };
  },
});
