// GET /review-invitations/{token} (public, the signed link is the credential): what the guest's delivered
// order lets them review.
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { httpRoute } from '@commerce/lambda-kit/http';
import { openInvitation } from '../invitations.ts';
import { reviewRoutes } from '../routes.ts';
import { queries, requests } from '../runtime.ts';

export const handler = httpRoute({
  ...reviewRoutes['GET /review-invitations/{token}'],
  handler: async ({ params }) => {
    const { orderId, expiresAt } = openInvitation(params.token, await cursors());
    const buyer = `guest:${orderId}`;
    const [reviewable, requestEmails] = await Promise.all([
      queries.reviewable(buyer),
      requests.requestEmails(buyer),
    ]);
    return {
      status: 200,
      body: {
        products: reviewable.items.map(({ productId, reviewId }) => ({
          productId,
          ...(reviewId ? { reviewId } : {}),
        })),
        expiresAt,
        requestEmails,
      },
    };
  },
});
