// PATCH /categories/{id} (staff): rename, re-slug, move or reorder; moving under a descendant is refused.
import { httpRoute } from '@commerce/lambda-kit/http';
import { catalogRoutes } from '../routes.ts';
import { catalog } from '../runtime.ts';

export const handler = httpRoute({
  ...catalogRoutes['PATCH /categories/{id}'],
  handler: async ({ params, body: { version, ...patch }, correlationId }) => ({
    status: 200,
    body: await catalog.updateCategory(params.id, version, patch, { correlationId }),
  }),
});
