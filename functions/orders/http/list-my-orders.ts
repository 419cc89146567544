// GET /me/orders (customer): the customer's orders, newest first (signed cursors).
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { paginate } from '@commerce/lambda-kit/pagination';
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { operations } from '../runtime.ts';
import { customer } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['GET /me/orders'],
  handler: async ({ principal, query }) => {
    const { customerId } = customer(principal);
    const body = await paginate(await cursors(), `my-orders:${customerId}`, query.cursor, (start) =>
      operations.listCustomerOrders(customerId, query.limit, start),
    );
    return { status: 200, body };
  },
});
