// GET /promotions/{id}/usage (staff): redemptions and budget used, and what is left of each limit.
import { httpRoute } from '@commerce/lambda-kit/http';
import { promotionsRoutes } from '../routes.ts';
import { promotions } from '../runtime.ts';

export const handler = httpRoute({
  ...promotionsRoutes['GET /promotions/{id}/usage'],
  handler: async ({ params }) => ({ status: 200, body: await promotions.usage(params.id) }),
});
