// The review service: reviews from verified buyers (an order of theirs with the product was delivered), once
// per product; auto-publish rules or staff moderation with reason codes, never for the rating; replies;
// erasure that keeps the rating; and each product's rating aggregate, moved in the same transaction as the
// review that changes it, so it always equals a recomputation (docs/reviews.md).
import {
  ReviewAggregated,
  ReviewErased,
  ReviewPublished,
  ReviewRejected,
  ReviewSubmitted,
} from '@commerce/events';
import { defineService } from '@commerce/lambda-kit/service';
import { reviewRoutes } from './routes.ts';
import { reviewSubscriptions } from './subscriptions.ts';

export const reviewService = defineService({
  name: 'review',
  description: 'Reviews from verified buyers, their moderation and each product’s exact rating aggregate.',
  routes: reviewRoutes,
  subscriptions: reviewSubscriptions,
  publishes: [ReviewSubmitted, ReviewPublished, ReviewRejected, ReviewErased, ReviewAggregated],
});
