// GET /orders/{id} (staff): any order with its status history.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersContract } from '../contract.ts';
import { orders } from '../runtime.ts';

export const handler = httpRoute({
  ...ordersContract['GET /orders/{id}'],
  handler: async ({ params }) => ({ status: 200, body: await orders.getOrder(params.id) }),
});
