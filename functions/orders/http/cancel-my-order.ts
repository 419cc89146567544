// POST /me/orders/{id}/cancel (customer): cancels the customer's own order before fulfilment starts.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { operations } from '../runtime.ts';
import { customer } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /me/orders/{id}/cancel'],
  handler: async ({ principal, params, body, correlationId }) => ({
    status: 200,
    body: await operations.cancelOwnOrder(customer(principal).customerId, params.id, body.reason, {
      correlationId,
    }),
  }),
});
