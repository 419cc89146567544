// PATCH /products/{id} (staff): changes a product read at `version`; a stale version gets 409.
import { eventContextOf, httpRoute } from '@commerce/lambda-kit/http';
import { catalogRoutes } from '../routes.ts';
import { catalog } from '../runtime.ts';

export const handler = httpRoute({
  ...catalogRoutes['PATCH /products/{id}'],
  handler: async ({ params, body: { version, ...patch }, ...request }) => {
    const product = await catalog.updateProduct(params.id, version, patch, eventContextOf(request));
    return { status: 200, body: product, headers: { etag: `"${product.version}"` } };
  },
});
