// GET /promotions (staff): promotions, newest first, optionally of one status, cursor-paginated.
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { httpRoute } from '@commerce/lambda-kit/http';
import { promotionsRoutes } from '../routes.ts';
import { promotions } from '../runtime.ts';

export const handler = httpRoute({
  ...promotionsRoutes['GET /promotions'],
  handler: async ({ query }) => ({ status: 200, body: await promotions.list(query, await cursors()) }),
});
