// GET /search (public): published products for a guest, with facets, highlights and guest prices.
import { httpRoute } from '@commerce/lambda-kit/http';
import { searchRoutes } from '../routes.ts';
import { runSearch } from '../search-request.ts';

export const handler = httpRoute({
  ...searchRoutes['GET /search'],
  handler: async ({ query }) => ({ status: 200, body: await runSearch(query) }),
});
