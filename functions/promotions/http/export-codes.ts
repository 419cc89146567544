// GET /promotions/{id}/code-batches/{batchId}/codes (staff): a page of the batch's codes as CSV text inside
// JSON (the route machinery answers JSON), with the cursor of the next page; the console joins the pages.
import { cursors } from '@commerce/lambda-kit/cursor-secret';
import { httpRoute } from '@commerce/lambda-kit/http';
import { codeBatches } from '../code-runtime.ts';
import { promotionsRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...promotionsRoutes['GET /promotions/{id}/code-batches/{batchId}/codes'],
  handler: async ({ params, query }) => ({
    status: 200,
    body: await codeBatches.exportPage(params.id, params.batchId, query, await cursors()),
  }),
});
