// GET /products/{id}: a published product (staff also see drafts and archived ones).
import { httpRoute } from '@commerce/lambda-kit/http';
import { catalogRoutes } from '../routes.ts';
import { catalog } from '../runtime.ts';

export const handler = httpRoute({
  ...catalogRoutes['GET /products/{id}'],
  handler: async ({ params, principal }) => {
    const product = await catalog.product(params.id, principal);
    return { status: 200, body: product, headers: { etag: `"${product.version}"` } };
  },
});
