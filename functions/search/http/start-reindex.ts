// POST /search/reindex (admin): starts a reindex (409 while one runs) and hands it to the worker; shoppers
// read the old index until the new one is complete.
import { httpRoute } from '@commerce/lambda-kit/http';
import { handOver, reindexer } from '../reindex-runtime.ts';
import { searchRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...searchRoutes['POST /search/reindex'],
  handler: async ({ correlationId }) => {
    const job = await reindexer(correlationId).start();
    await handOver(job.id, correlationId);
    return { status: 202, body: job };
  },
});
