// DELETE /products/{id} (staff): archives the product; it stays readable by staff for order history.
import { ProductArchived } from '@commerce/events';
import { NotFoundError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { archive } from '../domain/product.ts';
import { store } from '../runtime.ts';
import { catalogRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...catalogRoutes['DELETE /products/{id}'],
  handler: async ({ params, correlationId }) => {
    const current = await store.getProduct(params.id);
    if (!current) throw new NotFoundError(`No product ${params.id}.`);
    const now = new Date();
    const change = archive(current, now);
    if (change.changedFields.length > 0) {
      await store.saveProductChange(
        change,
        outboxItem(ProductArchived, change.after, { correlationId }, now),
      );
    }
    return { status: 200, body: change.after };
  },
});
