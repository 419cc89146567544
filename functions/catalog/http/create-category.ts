// POST /categories (staff): a new category, at the root or under an existing parent.
import { httpRoute } from '@commerce/lambda-kit/http';
import { catalogRoutes } from '../routes.ts';
import { catalog } from '../runtime.ts';

export const handler = httpRoute({
  ...catalogRoutes['POST /categories'],
  handler: async ({ body, correlationId }) => {
    const category = await catalog.createCategory(body, { correlationId });
    return { status: 201, body: category, headers: { location: `/categories/${category.id}` } };
  },
});
