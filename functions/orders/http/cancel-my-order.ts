// POST /me/orders/{id}/cancel (customer): cancels the customer's own order before it ships.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { orders } from '../runtime.ts';
import { customer } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /me/orders/{id}/cancel'],
  handler: async ({ principal, params, body, correlationId }) => {
    const { customerId } = customer(principal);
    const order = await orders.getOwnOrder(customerId, params.id);
    return {
      status: 200,
      body: await orders.cancelOrder(order, 'customer_request', customerId, { correlationId }, body.reason),
    };
  },
});
