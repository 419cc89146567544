// PUT /reviews/{id}/reply (staff): the public reply under a review.
import { httpRoute } from '@commerce/lambda-kit/http';
import { reviewRoutes } from '../routes.ts';
import { principalOf, queries, reviews } from '../runtime.ts';

export const handler = httpRoute({
  ...reviewRoutes['PUT /reviews/{id}/reply'],
  handler: async ({ params, body, principal }) => {
    await reviews.reply(params.id, body.body, principalOf(principal).sub);
    return { status: 200, body: await queries.staffReview(params.id) };
  },
});
