// GET /orders/{id} (staff): any order with its status history.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { orders } from '../runtime.ts';

export const handler = httpRoute({
  ...ordersRoutes['GET /orders/{id}'],
  handler: async ({ params }) => ({ status: 200, body: await orders.getOrder(params.id) }),
});
