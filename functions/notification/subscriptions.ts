// The notification service's bus subscriptions: the CDK app builds their rules and queues, the consumers read
// the same entries.
import { reviewInvitation } from '@commerce/contracts';
import {
  OrderCancelled,
  OrderDelivered,
  OrderFulfilmentStarted,
  OrderPaid,
  OrderRefunded,
  OrderShipped,
  ReviewRequested,
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
    // The delivery email of a guest order links to the guest's signed review page.
    invokes: [reviewInvitation],
  },
  'review-requests': {
    entry: 'consumers/review-requests.ts',
    description: 'asks the buyer of a delivered order to review its products, by email',
    // Email only: a review request never goes out by SMS.
    permissions: ['sendEmail'],
    events: [ReviewRequested],
    // A guest's request links to their signed review page.
    invokes: [reviewInvitation],
  },
});
