// POST /promotions (staff): creates a promotion; 409 when one of its codes belongs to another.
import { eventContextOf, httpRoute } from '@commerce/lambda-kit/http';
import { promotionsRoutes } from '../routes.ts';
import { promotions } from '../runtime.ts';

export const handler = httpRoute({
  ...promotionsRoutes['POST /promotions'],
  handler: async ({ body, ...request }) => {
    const promotion = await promotions.create(body, eventContextOf(request));
    return { status: 201, body: promotion, headers: { location: `/promotions/${promotion.id}` } };
  },
});
