// Consumes review.aggregated: records the product's rating aggregate, with its histogram and the aggregate
// version that orders it (and announces product.updated).
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { catalog } from '../runtime.ts';
import { catalogSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(catalogSubscriptions['review-aggregated'], {
  'review.aggregated': (data, event) =>
    catalog.recordRating(
      data.productId,
      {
        average: data.ratingAverage,
        count: data.reviewCount,
        histogram: data.histogram,
        version: data.aggregateVersion,
      },
      event,
    ),
});
