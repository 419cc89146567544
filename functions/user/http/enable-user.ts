// POST /users/{id}/enable (admin): enables a disabled account again.
import { httpRoute } from '@commerce/lambda-kit/http';
import { userRoutes } from '../routes.ts';
import { administer, userView } from '../runtime.ts';

export const handler = httpRoute({
  ...userRoutes['POST /users/{id}/enable'],
  handler: async ({ params, principal, correlationId }) => {
    const account = await administer(principal, params.id, { kind: 'enable' }, correlationId);
    return { status: 200, body: userView(account) };
  },
});
