// Consumes order.paid (commits the order's reservation: the held units are sold) and order.cancelled
// (releases it: the units go back). Both steps are idempotent, so a redelivery changes nothing. No
// reservation for the order: nothing to do (logged, acknowledged). A reservation that can no longer take
// the step (order.paid for one already expired or released) needs a person: the message goes to the DLQ at
// once, whose alarm tells the operator (docs/inventory.md, "Consumed events").
import { OrderCancelled, OrderPaid } from '@commerce/events';
import { eventConsumer, PoisonMessageError } from '@commerce/lambda-kit/consumer';
import { loadEnv } from '@commerce/lambda-kit/env';
import { NotFoundError } from '@commerce/lambda-kit/errors';
import { logger } from '@commerce/lambda-kit/observability';
import * as z from 'zod';
import { releaseReasonFor } from '../domain/order-events.ts';
import { IllegalReservationTransitionError } from '../domain/reservation.ts';
import { inventory } from '../runtime.ts';

const { QUEUE_URL, TABLE_NAME } = loadEnv(
  z.object({ QUEUE_URL: z.string().url(), TABLE_NAME: z.string().min(1) }),
);

export const handler = eventConsumer({
  name: 'inventory-order-events',
  events: [OrderPaid, OrderCancelled],
  idempotencyTable: TABLE_NAME,
  queueUrl: QUEUE_URL,
  handler: async (detail) => {
    const { orderId } = detail.data;
    const context = { correlationId: detail.metadata.correlationId, causationId: detail.metadata.id };
    try {
      if ('reason' in detail.data) {
        const reason = releaseReasonFor(detail.data.reason);
        const reservation = await inventory.release(orderId, reason, context);
        logger.info('Reservation released', { orderId, reason, status: reservation.status });
      } else {
        const reservation = await inventory.commit(orderId, context);
        logger.info('Reservation committed', { orderId, status: reservation.status });
      }
    } catch (error) {
      if (error instanceof NotFoundError) {
        // The order never held stock here (e.g. its reservation failed at checkout): nothing to give back.
        logger.warn('No reservation for the order; nothing to do', { orderId });
        return;
      }
      if (error instanceof IllegalReservationTransitionError) {
        // Paid after the hold expired (the units may be sold to someone else) or after it was released:
        // retrying cannot help, a person must decide. Straight to the DLQ and its alarm.
        logger.error('The reservation cannot take this step; it needs an operator', {
          orderId,
          detail: error.message,
        });
        throw new PoisonMessageError(error.message);
      }
      throw error;
    }
  },
});
