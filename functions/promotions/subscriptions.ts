// The promotions service's bus subscriptions: the CDK app builds their rules and queues, the consumers read
// the same entries.
import { OrderCancelled, OrderPaid } from '@commerce/events';
import { defineSubscriptions } from '@commerce/lambda-kit/service';

export const promotionsSubscriptions = defineSubscriptions('promotions', {
  'order-events': {
    entry: 'consumers/order-events.ts',
    description: "commits an order's redemptions once it is paid, releases them when it is cancelled unpaid",
    events: [OrderPaid, OrderCancelled],
  },
});
