// GET /promotions/{id}/code-batches/{batchId} (staff): one batch of single-use codes and its progress.
import { httpRoute } from '@commerce/lambda-kit/http';
import { codeBatches } from '../code-runtime.ts';
import { promotionsRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...promotionsRoutes['GET /promotions/{id}/code-batches/{batchId}'],
  handler: async ({ params }) => ({ status: 200, body: await codeBatches.get(params.id, params.batchId) }),
});
