// The catalog's bus subscriptions: the CDK app builds their rules and queues, the consumers read the same entries.
import { ReviewAggregated } from '@commerce/events';
import { defineSubscriptions } from '@commerce/lambda-kit/service';

export const catalogSubscriptions = defineSubscriptions('catalog', {
  'review-aggregated': {
    entry: 'consumers/review-aggregated.ts',
    description: "keeps each product's rating summary",
    events: [ReviewAggregated],
  },
});
