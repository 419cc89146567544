// GET /customers (staff): customers, newest first, cursor-paginated.
import { httpRoute } from '@commerce/lambda-kit/http';
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { profileView, store } from '../runtime.ts';
import { customerContract } from '../contract.ts';

export const handler = httpRoute({
  ...customerContract['GET /customers'],
  handler: async ({ query }) => {
    const codec = await cursors();
    const page = await store.list(query.limit, codec.decode(query.cursor, 'customers'));
    const nextCursor = codec.encode(page.lastKey, 'customers');
    return {
      status: 200,
      body: { items: page.items.map(profileView), ...(nextCursor ? { nextCursor } : {}) },
    };
  },
});
