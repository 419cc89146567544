// GET /search/zero-results (staff): the queries that found nothing, most frequent first.
import { httpRoute } from '@commerce/lambda-kit/http';
import { searchRoutes } from '../routes.ts';
import { searcher } from '../runtime.ts';

export const handler = httpRoute({
  ...searchRoutes['GET /search/zero-results'],
  handler: async ({ query }) => ({ status: 200, body: await searcher.zeroResults(query.limit) }),
});
