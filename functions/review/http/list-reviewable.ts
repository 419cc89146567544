// GET /me/reviewable (customer): the products my delivered orders let me review.
import { httpRoute } from '@commerce/lambda-kit/http';
import { reviewRoutes } from '../routes.ts';
import { principalOf, queries } from '../runtime.ts';

export const handler = httpRoute({
  ...reviewRoutes['GET /me/reviewable'],
  handler: async ({ principal }) => ({
    status: 200,
    body: await queries.reviewable(principalOf(principal).sub),
  }),
});
