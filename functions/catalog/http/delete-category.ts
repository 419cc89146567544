// DELETE /categories/{id} (staff): only a category without subcategories and products can go.
import { CategoryDeleted } from '@commerce/events';
import { NotFoundError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { store } from '../runtime.ts';
import { catalogRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...catalogRoutes['DELETE /categories/{id}'],
  handler: async ({ params, correlationId }) => {
    const category = await store.getCategory(params.id);
    if (!category) throw new NotFoundError(`No category ${params.id}.`);
    await store.deleteCategory(category, outboxItem(CategoryDeleted, category, { correlationId }));
    return { status: 204 };
  },
});
