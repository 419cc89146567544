// GET /products: published products, newest first, optionally in one category, cursor-paginated.
import { httpRoute } from '@commerce/lambda-kit/http';
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { store } from '../runtime.ts';
import { catalogContract } from '../contract.ts';

export const handler = httpRoute({
  ...catalogContract['GET /products'],
  handler: async ({ query }) => {
    const codec = await cursors();
    const scope = `products:${query.category ?? '*'}`;
    const startKey = codec.decode(query.cursor, scope);
    const page = await store.listPublishedProducts({
      limit: query.limit,
      ...(query.category ? { categoryId: query.category } : {}),
      ...(startKey ? { startKey } : {}),
    });
    const nextCursor = codec.encode(page.lastKey, scope);
    return { status: 200, body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
  },
});
