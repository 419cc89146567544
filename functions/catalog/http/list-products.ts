// GET /products: published products, newest first, optionally in one category, cursor-paginated.
import { httpRoute } from '@commerce/lambda-kit/http';
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { paginate } from '@commerce/lambda-kit/pagination';
import { store } from '../runtime.ts';
import { catalogRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...catalogRoutes['GET /products'],
  handler: async ({ query }) => {
    const scope = `products:${query.category ?? '*'}`;
    const body = await paginate(await cursors(), scope, query.cursor, (startKey) =>
      store.listPublishedProducts({
        limit: query.limit,
        ...(query.category ? { categoryId: query.category } : {}),
        ...(startKey ? { startKey } : {}),
      }),
    );
    return { status: 200, body };
  },
});
