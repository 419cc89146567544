// The notification service's bus subscriptions: the CDK app builds their rules and queues, the consumer reads
// the same entries.
import {
  OrderCancelled,
  OrderDelivered,
  OrderFulfilmentStarted,
  OrderPaid,
  OrderRefunded,
  OrderShipped,
} from '@commerce/events';
import { defineSubscriptions } from '@commerce/lambda-kit/service';

export const notificationSubscriptions = defineSubscriptions('notification', {
  'order-events': {
    entry: 'consumers/order-events.ts',
    description: 'tells the shopper about their order by email and SMS',
    permissions: ['sendEmail', 'sendSms'],
    // order.shipped is taken too and sends nothing (shipment_created went out with the label), so the
    // consumer is the one place that decides what each order event says. order.created is not taken: the
    // order is not paid yet, and an unpaid checkout must send nothing (order.paid confirms the order).
    events: [OrderPaid, OrderFulfilmentStarted, OrderShipped, OrderDelivered, OrderCancelled, OrderRefunded],
  },
});
