// GET /customers (staff): customers, newest first, cursor-paginated.
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { httpRoute } from '@commerce/lambda-kit/http';
import { customerRoutes } from '../routes.ts';
import { customers } from '../runtime.ts';

export const handler = httpRoute({
  ...customerRoutes['GET /customers'],
  handler: async ({ query }) => ({ status: 200, body: await customers.list(query, await cursors()) }),
});
