// Consumes review.aggregated: records the product's rating aggregate (and announces product.updated).
import { ProductUpdated } from '@commerce/events';
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { withRating } from '../domain/product.ts';
import { store } from '../runtime.ts';
import { catalogSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(catalogSubscriptions['review-aggregated'], {
  'review.aggregated': async (data, event) => {
    const product = await store.getProduct(data.productId);
    // A rating for a product we do not know (deleted, or never ours) changes nothing.
    if (!product) return;
    const now = new Date();
    const change = withRating(product, { average: data.ratingAverage, count: data.reviewCount }, now);
    if (change.changedFields.length === 0) return;
    await store.saveProductChange(
      change,
      outboxItem(
        ProductUpdated,
        { product: change.after, changedFields: [...change.changedFields] },
        event,
        now,
      ),
    );
  },
});
