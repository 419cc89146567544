// POST /categories (staff): a new category, at the root or under an existing parent.
import { eventContextOf, httpRoute } from '@commerce/lambda-kit/http';
import { catalogRoutes } from '../routes.ts';
import { catalog } from '../runtime.ts';

export const handler = httpRoute({
  ...catalogRoutes['POST /categories'],
  handler: async ({ body, ...request }) => {
    const category = await catalog.createCategory(body, eventContextOf(request));
    return { status: 201, body: category, headers: { location: `/categories/${category.id}` } };
  },
});
