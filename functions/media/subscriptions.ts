// Media's bus subscriptions: the CDK app builds their rules and queues, the consumers read the same entries.
import {
  ProductArchived,
  ProductCreated,
  ProductUpdated,
  ReviewErased,
  ReviewSubmitted,
} from '@commerce/events';
import { defineSubscriptions } from '@commerce/lambda-kit/service';

export const mediaSubscriptions = defineSubscriptions('media', {
  'product-media': {
    entry: 'consumers/product-media.ts',
    description:
      'follows which images each product shows (an image nothing shows is deleted after a grace period)',
    events: [ProductCreated, ProductUpdated, ProductArchived],
  },
  'review-media': {
    entry: 'consumers/review-media.ts',
    description: 'keeps the photos of each review and lets those of an erased author go',
    events: [ReviewSubmitted, ReviewErased],
  },
});
