// PATCH /categories/{id} (staff): rename, re-slug, move or reorder; moving under a descendant is refused.
import { eventContextOf, httpRoute } from '@commerce/lambda-kit/http';
import { catalogRoutes } from '../routes.ts';
import { catalog } from '../runtime.ts';

export const handler = httpRoute({
  ...catalogRoutes['PATCH /categories/{id}'],
  handler: async ({ params, body: { version, ...patch }, ...request }) => ({
    status: 200,
    body: await catalog.updateCategory(params.id, version, patch, eventContextOf(request)),
  }),
});
