// DELETE /products/{id} (staff): archives the product; it stays readable by staff for order history.
import { eventContextOf, httpRoute } from '@commerce/lambda-kit/http';
import { catalogRoutes } from '../routes.ts';
import { catalog } from '../runtime.ts';

export const handler = httpRoute({
  ...catalogRoutes['DELETE /products/{id}'],
  handler: async ({ params, ...request }) => ({
    status: 200,
    body: await catalog.archiveProduct(params.id, eventContextOf(request)),
  }),
});
