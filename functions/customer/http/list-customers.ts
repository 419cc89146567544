// GET /customers (staff): customers, newest first, cursor-paginated.
import { httpRoute } from '@commerce/lambda-kit/http';
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { paginate } from '@commerce/lambda-kit/pagination';
import { profileView, store } from '../runtime.ts';
import { customerRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...customerRoutes['GET /customers'],
  handler: async ({ query }) => {
    const page = await paginate(await cursors(), 'customers', query.cursor, (start) =>
      store.list(query.limit, start),
    );
    return { status: 200, body: { ...page, items: page.items.map(profileView) } };
  },
});
