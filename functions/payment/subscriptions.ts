// The payment service's bus subscriptions: the CDK app builds their rules and queues, the consumers read the
// same entries.
import { OrderCancelled } from '@commerce/events';
import { defineSubscriptions } from '@commerce/lambda-kit/service';

export const paymentSubscriptions = defineSubscriptions('payment', {
  'order-cancelled': {
    entry: 'consumers/order-cancelled.ts',
    description: "voids or refunds a cancelled order's payment",
    events: [OrderCancelled],
    permissions: ['gatewaySecret'],
  },
});
