// Consumes payment.authorized, payment.captured, payment.failed and payment.refunded: the asynchronous half
// of checkout, and every refund recorded once on the order.
// Authorized (at checkout, or later by the gateway's webhook after a "requires action") → capture the
// order's total; captured → the order is paid (order.paid); failed → the order is cancelled (stock and
// authorization are given back by the consumers of order.cancelled). The shopper's browser plays no part.
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import { lifecycle } from '../runtime.ts';
import { ordersSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(ordersSubscriptions['payment-events'], {
  'payment.authorized': ({ orderId }, event) => lifecycle.onPaymentAuthorized(orderId, event),
  'payment.captured': ({ orderId, amount, providerRef }, event) =>
    lifecycle.onPaymentCaptured(orderId, amount, providerRef, event),
  'payment.failed': ({ orderId }, event) => lifecycle.onPaymentFailed(orderId, event),
  'payment.refunded': ({ orderId, refundId, amount }, event) =>
    lifecycle.onPaymentRefunded(orderId, { refundId, amount }, event),
});
