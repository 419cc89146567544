// PATCH /categories/{id} (staff): rename, re-slug, move or reorder; moving under a descendant is refused.
import { CategoryUpdated } from '@commerce/events';
import { NotFoundError, VersionConflictError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { applyCategoryPatch, assertMoveAllowed } from '../domain/category.ts';
import { store } from '../runtime.ts';
import { catalogRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...catalogRoutes['PATCH /categories/{id}'],
  handler: async ({ params, body, correlationId }) => {
    const { version, ...patch } = body;
    const categories = await store.listCategories();
    const current = categories.find((c) => c.id === params.id);
    if (!current) throw new NotFoundError(`No category ${params.id}.`);
    if (version !== current.version) throw new VersionConflictError();
    if (patch.parentId !== undefined) assertMoveAllowed(categories, current.id, patch.parentId);
    const change = applyCategoryPatch(current, patch);
    if (change.changedFields.length > 0) {
      await store.saveCategoryChange(change, outboxItem(CategoryUpdated, change.after, { correlationId }));
    }
    return { status: 200, body: change.after };
  },
});
