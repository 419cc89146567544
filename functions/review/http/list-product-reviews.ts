// GET /products/{id}/reviews (public): a product's published reviews, newest or most helpful first,
// optionally of one rating, cursor-paginated, with the product's rating aggregate.
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { httpRoute } from '@commerce/lambda-kit/http';
import { reviewRoutes } from '../routes.ts';
import { queries } from '../runtime.ts';

export const handler = httpRoute({
  ...reviewRoutes['GET /products/{id}/reviews'],
  handler: async ({ params, query: { cursor, ...query } }) => ({
    status: 200,
    body: await queries.published({ productId: params.id, ...query }, cursor, await cursors()),
  }),
});
