// Consumes order.paid (commits the order's reservation: the held units are sold) and order.cancelled
// (releases it: the units go back). Both steps are idempotent, so a redelivery changes nothing. No
// reservation for the order: nothing to do (logged, acknowledged). A reservation that can no longer take
// the step (order.paid for one already expired or released) needs a person: the message goes to the DLQ at
// once, whose alarm tells the operator (docs/inventory.md, "Consumed events").
import { eventConsumer, PoisonMessageError } from '@commerce/lambda-kit/consumer';
import { NotFoundError } from '@commerce/lambda-kit/errors';
import { logger } from '@commerce/lambda-kit/observability';
import type { Reservation } from '../domain/reservation.ts';
import { releaseReasonFor } from '../domain/order-events.ts';
import { IllegalReservationTransitionError } from '../domain/reservation.ts';
import { inventory } from '../runtime.ts';
import { inventorySubscriptions } from '../subscriptions.ts';

/** Runs one reservation step; what cannot apply is logged or sent to the DLQ as the header says. */
async function reservationStep(orderId: string, step: () => Promise<Reservation>, done: string) {
  try {
    const reservation = await step();
    logger.info(done, { orderId, status: reservation.status });
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
}

export const handler = eventConsumer(inventorySubscriptions['order-events'], {
  'order.paid': ({ orderId }, event) =>
    reservationStep(orderId, () => inventory.commit(orderId, event), 'Reservation committed'),
  'order.cancelled': ({ orderId, reason }, event) =>
    reservationStep(
      orderId,
      () => inventory.release(orderId, releaseReasonFor(reason), event),
      'Reservation released',
    ),
});
