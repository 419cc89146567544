// GET /search/reindex (staff): the latest reindex job (404 before the first).
import { NotFoundError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { searchRoutes } from '../routes.ts';
import { settings } from '../runtime.ts';

export const handler = httpRoute({
  ...searchRoutes['GET /search/reindex'],
  handler: async () => {
    const job = await settings.reindexJob();
    if (!job) throw new NotFoundError('No reindex has run yet.');
    return { status: 200, body: job };
  },
});
