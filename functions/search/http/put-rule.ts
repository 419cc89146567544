// PUT /search/rules/{id} (staff): creates or replaces a merchandising rule.
import { httpRoute } from '@commerce/lambda-kit/http';
import { searchRoutes } from '../routes.ts';
import { searcher } from '../runtime.ts';

export const handler = httpRoute({
  ...searchRoutes['PUT /search/rules/{id}'],
  handler: async ({ params, body }) => ({
    status: 200,
    body: await searcher.saveRule({
      id: params.id,
      ...(body.query === undefined ? {} : { query: body.query }),
      ...(body.category === undefined ? {} : { category: body.category }),
      pin: body.pin,
      boost: body.boost,
      hide: body.hide,
    }),
  }),
});
