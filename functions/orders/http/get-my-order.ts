// GET /me/orders/{id} (customer): one of the customer's own orders; anyone else's is a 404.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { operations } from '../runtime.ts';
import { customer } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['GET /me/orders/{id}'],
  handler: async ({ principal, params }) => ({
    status: 200,
    body: await operations.getOwnOrder(customer(principal).customerId, params.id),
  }),
});
