// PUT /search/synonyms (staff): replaces the synonyms read at `version` (409 when someone saved meanwhile).
import { httpRoute } from '@commerce/lambda-kit/http';
import { searchRoutes } from '../routes.ts';
import { searcher } from '../runtime.ts';

export const handler = httpRoute({
  ...searchRoutes['PUT /search/synonyms'],
  handler: async ({ body }) => ({
    status: 200,
    body: await searcher.replaceSynonyms(body.synonyms, body.version),
  }),
});
