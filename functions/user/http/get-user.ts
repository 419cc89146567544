// GET /users/{id} (admin): one account with its groups.
import { httpRoute } from '@commerce/lambda-kit/http';
import { userContract } from '../contract.ts';
import { directory, userView } from '../runtime.ts';

export const handler = httpRoute({
  ...userContract['GET /users/{id}'],
  handler: async ({ params }) => ({ status: 200, body: userView(await directory.get(params.id)) }),
});
