// GET /search/suggest (public): as-you-type completion of product titles.
import { httpRoute } from '@commerce/lambda-kit/http';
import { searchRoutes } from '../routes.ts';
import { searcher } from '../runtime.ts';

export const handler = httpRoute({
  ...searchRoutes['GET /search/suggest'],
  handler: async ({ query }) => ({ status: 200, body: await searcher.suggest(query.q, query.limit) }),
});
