// Consumes order.cancelled: refunds what the order says is due (refund id derived from the order id, so a
// redelivery or a repeated event never refunds twice), voids an authorization still open, or does nothing
// (no payment, unknown payment, already voided, failed or refunded). The steps go through the same use cases
// as the internal functions. A gateway failure is retried, then the message lands in the DLQ with its
// alarm; a payment that contradicts the order goes there at once (docs/payments.md, "order.cancelled").
import { eventConsumer, PoisonMessageError } from '@commerce/lambda-kit/consumer';
import { logger } from '@commerce/lambda-kit/observability';
import { cancellationStep } from '../domain/order-cancellation.ts';
import { payments, store } from '../runtime.ts';
import { paymentSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(paymentSubscriptions['order-cancelled'], {
  'order.cancelled': async ({ orderId, paymentId, refundDue }, context) => {
    const stored = paymentId === null ? undefined : await store.get(paymentId);
    const step = cancellationStep({ orderId, paymentId, refundDue }, stored?.payment);
    switch (step.kind) {
      case 'nothing':
        logger.info('Nothing to do for the cancelled order', { orderId, paymentId, why: step.why });
        return;
      case 'operator':
        logger.error('The cancelled order and its payment disagree; it needs an operator', {
          orderId,
          paymentId,
          why: step.why,
        });
        throw new PoisonMessageError(`Order ${orderId}: ${step.why}`);
      case 'void': {
        const { payment } = await payments.void({ paymentId: step.paymentId }, context);
        logger.info('Authorization voided', { orderId, paymentId, status: payment.status });
        return;
      }
      case 'refund': {
        const { payment, pending } = await payments.refund(
          { paymentId: step.paymentId, amount: step.amount, refundId: step.refundId },
          context,
        );
        logger.info('Cancelled order refunded', {
          orderId,
          paymentId,
          refundId: step.refundId,
          amount: step.amount,
          status: payment.status,
          pending: pending === true,
        });
        return;
      }
    }
  },
});
