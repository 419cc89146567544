// GET /orders (staff): orders newest first (signed cursors); filter by status or email, or find one by number.
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { paginate } from '@commerce/lambda-kit/pagination';
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { operations } from '../runtime.ts';

export const handler = httpRoute({
  ...ordersRoutes['GET /orders'],
  handler: async ({ query }) => {
    const filter = { status: query.status, email: query.email };
    if (query.number !== undefined) {
      return { status: 200, body: { items: await operations.findByNumber(query.number, filter) } };
    }
    const scope = `orders:${query.status ?? ''}:${query.email?.toLowerCase() ?? ''}`;
    const body = await paginate(await cursors(), scope, query.cursor, (start) =>
      operations.listOrders(filter, query.limit, start),
    );
    return { status: 200, body };
  },
});
