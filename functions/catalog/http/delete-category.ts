// DELETE /categories/{id} (staff): only a category without subcategories and products can go.
import { eventContextOf, httpRoute } from '@commerce/lambda-kit/http';
import { catalogRoutes } from '../routes.ts';
import { catalog } from '../runtime.ts';

export const handler = httpRoute({
  ...catalogRoutes['DELETE /categories/{id}'],
  handler: async ({ params, ...request }) => {
    await catalog.deleteCategory(params.id, eventContextOf(request));
    return { status: 204 };
  },
});
