// DELETE /categories/{id} (staff): only a category without subcategories and products can go.
import { httpRoute } from '@commerce/lambda-kit/http';
import { catalogRoutes } from '../routes.ts';
import { catalog } from '../runtime.ts';

export const handler = httpRoute({
  ...catalogRoutes['DELETE /categories/{id}'],
  handler: async ({ params, correlationId }) => {
    await catalog.deleteCategory(params.id, { correlationId });
    return { status: 204 };
  },
});
