// GET /me/reviews (customer): the reviews I wrote, with their status.
import { httpRoute } from '@commerce/lambda-kit/http';
import { reviewRoutes } from '../routes.ts';
import { principalOf, queries } from '../runtime.ts';

export const handler = httpRoute({
  ...reviewRoutes['GET /me/reviews'],
  handler: async ({ principal }) => ({ status: 200, body: await queries.mine(principalOf(principal).sub) }),
});
