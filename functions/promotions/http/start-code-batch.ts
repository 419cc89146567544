// POST /promotions/{id}/code-batches (staff): stores a batch of single-use codes of a code promotion and
// hands it to the generator (202: it is written in the background; GET the batch for its progress).
import { httpRoute } from '@commerce/lambda-kit/http';
import { codeBatches } from '../code-runtime.ts';
import { promotionsRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...promotionsRoutes['POST /promotions/{id}/code-batches'],
  handler: async ({ params, body, correlationId }) => {
    const batch = await codeBatches.start(params.id, body, correlationId);
    return {
      status: 202,
      body: batch,
      headers: { location: `/promotions/${params.id}/code-batches/${batch.id}` },
    };
  },
});
