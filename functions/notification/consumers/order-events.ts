// Consumes the order events the shopper hears about (paid, label issued, delivered, cancelled after an
// authorized payment, refunded; order.shipped is received and sends nothing; order.created is not taken):
// renders the message for the order's contact and sends it by email (SES) and, for a contact who opted in,
// by SMS (SNS), once per event and channel. The delivery email links to where the buyer reviews (a guest's
// signed page from the review service's internal `invitation`).
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { orderNotifier } from '../runtime.ts';
import { notificationSubscriptions } from '../subscriptions.ts';

const notifier = orderNotifier();

export const handler = eventConsumer(notificationSubscriptions['order-events'], {
  'order.paid': (data, event) => notifier.notifyOrder({ detailType: 'order.paid', data }, event),
  'order.fulfilment_started': (data, event) =>
    notifier.notifyOrder({ detailType: 'order.fulfilment_started', data }, event),
  'order.shipped': (data, event) => notifier.notifyOrder({ detailType: 'order.shipped', data }, event),
  'order.delivered': (data, event) => notifier.notifyOrder({ detailType: 'order.delivered', data }, event),
  'order.cancelled': (data, event) => notifier.notifyOrder({ detailType: 'order.cancelled', data }, event),
  'order.refunded': (data, event) => notifier.notifyOrder({ detailType: 'order.refunded', data }, event),
});
