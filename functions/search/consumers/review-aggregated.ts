// Consumes review.aggregated: the product's rating (the rating filter, facet and sort), kept when its
// aggregate version is higher (or, for an event without one, when it is newer).
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { indexer } from '../runtime.ts';
import { searchSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(searchSubscriptions['review-aggregated'], {
  'review.aggregated': (r, event) =>
    indexer.ratingChanged(
      r.productId,
      { average: r.ratingAverage, count: r.reviewCount },
      { version: r.aggregateVersion, at: event.occurredAt },
    ),
});
