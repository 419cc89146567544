// The review service's bus subscriptions: the CDK app builds their rules and queues, the consumers read the
// same entries.
import { CustomerDeleted, OrderDelivered } from '@commerce/events';
import { defineSubscriptions } from '@commerce/lambda-kit/service';

export const reviewSubscriptions = defineSubscriptions('review', {
  'order-delivered': {
    entry: 'consumers/order-delivered.ts',
    description:
      'lets the buyer of a delivered order review each of its products (a verified purchase) and schedules ' +
      'the review request',
    events: [OrderDelivered],
    permissions: ['schedules'],
  },
  'customer-deleted': {
    entry: 'consumers/customer-deleted.ts',
    description: 'erases the author of a deleted customer’s reviews (their ratings stay in the aggregate)',
    events: [CustomerDeleted],
  },
});
