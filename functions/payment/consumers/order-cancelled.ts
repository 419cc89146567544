// Consumes order.cancelled: refunds what the order says is due, voids an authorization still open, or does
// nothing (Payments.settleCancelledOrder). A gateway failure is retried, then the message lands in the DLQ
// with its alarm; a payment that contradicts the order goes there at once (docs/payments.md,
// "order.cancelled").
import { eventConsumer, PoisonMessageError } from '@commerce/lambda-kit/consumer';
import { payments } from '../runtime.ts';
import { paymentSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(paymentSubscriptions['order-cancelled'], {
  'order.cancelled': async ({ orderId, paymentId, refundDue }, event) => {
    const outcome = await payments.settleCancelledOrder({ orderId, paymentId, refundDue }, event);
    if (outcome.kind === 'operator') throw new PoisonMessageError(`Order ${orderId}: ${outcome.why}`);
  },
});
