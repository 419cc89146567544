// POST /reviews/{id}/helpful (customer): one helpful vote per customer on a published review.
import { httpRoute } from '@commerce/lambda-kit/http';
import { reviewRoutes } from '../routes.ts';
import { principalOf, reviews } from '../runtime.ts';

export const handler = httpRoute({
  ...reviewRoutes['POST /reviews/{id}/helpful'],
  handler: async ({ params, principal }) => ({
    status: 200,
    body: await reviews.voteHelpful(params.id, principalOf(principal).sub),
  }),
});
