// GET /products/by-handle/{handle}: a published product by its storefront handle, in one read.
import { httpRoute } from '@commerce/lambda-kit/http';
import { catalogRoutes } from '../routes.ts';
import { catalog } from '../runtime.ts';

export const handler = httpRoute({
  ...catalogRoutes['GET /products/by-handle/{handle}'],
  handler: async ({ params, principal }) => {
    const product = await catalog.productByHandle(params.handle, principal);
    return { status: 200, body: product, headers: { etag: `"${product.version}"` } };
  },
});
