// POST /users/{id}/enable (admin): enables a disabled account again.
import { httpRoute } from '@commerce/lambda-kit/http';
import { userContract } from '../contract.ts';
import { administer, userView } from '../runtime.ts';

export const handler = httpRoute({
  ...userContract['POST /users/{id}/enable'],
  handler: async ({ params, principal, correlationId }) => {
    const account = await administer(principal, params.id, { kind: 'enable' }, correlationId);
    return { status: 200, body: userView(account) };
  },
});
