// GET /orders/{id} (staff): any order with its status history.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { operations } from '../runtime.ts';

export const handler = httpRoute({
  ...ordersRoutes['GET /orders/{id}'],
  handler: async ({ params }) => ({ status: 200, body: await operations.getOrder(params.id) }),
});
