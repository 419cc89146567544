// GET /promotions/{id}/code-batches (staff): the promotion's batches of single-use codes, newest first.
import { httpRoute } from '@commerce/lambda-kit/http';
import { codeBatches } from '../code-runtime.ts';
import { promotionsRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...promotionsRoutes['GET /promotions/{id}/code-batches'],
  handler: async ({ params }) => ({ status: 200, body: { items: await codeBatches.list(params.id) } }),
});
