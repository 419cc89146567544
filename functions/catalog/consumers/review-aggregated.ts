// Consumes review.aggregated: records the product's rating aggregate (and announces product.updated).
import { ProductUpdated, ReviewAggregated } from '@commerce/events';
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { loadEnv } from '@commerce/lambda-kit/env';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import * as z from 'zod';
import { withRating } from '../domain/product.ts';
import { store } from '../runtime.ts';

const { QUEUE_URL, TABLE_NAME } = loadEnv(
  z.object({ QUEUE_URL: z.string().url(), TABLE_NAME: z.string().min(1) }),
);

export const handler = eventConsumer({
  name: 'catalog-review-aggregated',
  events: [ReviewAggregated],
  idempotencyTable: TABLE_NAME,
  queueUrl: QUEUE_URL,
  handler: async (detail) => {
    const product = await store.getProduct(detail.data.productId);
    // A rating for a product we do not know (deleted, or never ours) changes nothing.
    if (!product) return;
    const now = new Date();
    const change = withRating(
      product,
      { average: detail.data.ratingAverage, count: detail.data.reviewCount },
      now,
    );
    if (change.changedFields.length === 0) return;
    await store.saveProductChange(
      change,
      outboxItem(
        ProductUpdated,
        { product: change.after, changedFields: [...change.changedFields] },
        { correlationId: detail.metadata.correlationId, causationId: detail.metadata.id },
        now,
      ),
    );
  },
});
