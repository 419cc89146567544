// GET /reviews/{id} (staff): a review with its moderation log.
import { httpRoute } from '@commerce/lambda-kit/http';
import { reviewRoutes } from '../routes.ts';
import { queries } from '../runtime.ts';

export const handler = httpRoute({
  ...reviewRoutes['GET /reviews/{id}'],
  handler: async ({ params }) => ({ status: 200, body: await queries.staffReview(params.id) }),
});
