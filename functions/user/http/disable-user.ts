// POST /users/{id}/disable (admin): disables an account so it can no longer sign in. Not your own (422).
import { httpRoute } from '@commerce/lambda-kit/http';
import { userRoutes } from '../routes.ts';
import { administer, userView } from '../runtime.ts';

export const handler = httpRoute({
  ...userRoutes['POST /users/{id}/disable'],
  handler: async ({ params, principal, correlationId }) => {
    const account = await administer(principal, params.id, { kind: 'disable' }, correlationId);
    return { status: 200, body: userView(account) };
  },
});
