// PATCH /products/{id} (staff): changes a product read at `version`; a stale version gets 409.
import { ProductUpdated } from '@commerce/events';
import { NotFoundError, VersionConflictError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { applyPatch } from '../domain/product.ts';
import { store } from '../runtime.ts';
import { catalogRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...catalogRoutes['PATCH /products/{id}'],
  handler: async ({ params, body, correlationId }) => {
    const current = await store.getProduct(params.id);
    if (!current) throw new NotFoundError(`No product ${params.id}.`);
    const { version, ...patch } = body;
    if (version !== current.version) throw new VersionConflictError();
    const now = new Date();
    const change = applyPatch(current, patch, now);
    if (change.changedFields.length > 0) {
      await store.saveProductChange(
        change,
        outboxItem(
          ProductUpdated,
          { product: change.after, changedFields: [...change.changedFields] },
          { correlationId },
          now,
        ),
      );
    }
    return { status: 200, body: change.after, headers: { etag: `"${change.after.version}"` } };
  },
});
