// GET /users (admin): accounts page by page, by email prefix or group. The cursor wraps Cognito's own
// pagination token, signed and bound to the search it came from.
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { httpRoute } from '@commerce/lambda-kit/http';
import { userRoutes } from '../routes.ts';
import { users } from '../runtime.ts';

export const handler = httpRoute({
  ...userRoutes['GET /users'],
  handler: async ({ query }) => ({ status: 200, body: await users.list(query, await cursors()) }),
});
