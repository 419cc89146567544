// GET /orders (staff): orders newest first; filter by status or email, or find one by number.
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { paginate } from '@commerce/lambda-kit/pagination';
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { orders, store } from '../runtime.ts';

export const handler = httpRoute({
  ...ordersRoutes['GET /orders'],
  handler: async ({ query }) => {
    if (query.number !== undefined) {
      const id = await store.findOrderIdByNumber(query.number);
      const order = id === undefined ? undefined : await orders.getOrder(id);
      const matches =
        order !== undefined &&
        (query.status === undefined || order.status === query.status) &&
        (query.email === undefined || order.email.toLowerCase() === query.email.toLowerCase());
      return { status: 200, body: { items: matches ? [order] : [] } };
    }
    const scope = `orders:${query.status ?? ''}:${query.email?.toLowerCase() ?? ''}`;
    const body = await paginate(await cursors(), scope, query.cursor, (start) =>
      store.listOrders({ status: query.status, email: query.email }, query.limit, start),
    );
    return { status: 200, body };
  },
});
