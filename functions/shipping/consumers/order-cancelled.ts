// Consumes order.cancelled: stops the order's shipment if one is still open (Shipping.cancelOrderShipment:
// the carrier voids the label, shipment.cancelled is announced); a shipment cancelled before (staff cancel
// asked shipping first) or none at all changes nothing. A parcel the carrier already has cannot be stopped:
// that message goes to the DLQ at once, so that its alarm brings an operator to intercept it
// (docs/shipping.md, "order.cancelled").
import { ConflictError } from '@commerce/lambda-kit/errors';
import { eventConsumer, PoisonMessageError } from '@commerce/lambda-kit/consumer';
import { shipping } from '../runtime.ts';
import { shippingSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(shippingSubscriptions['order-cancelled'], {
  'order.cancelled': async ({ orderId }, event) => {
    try {
      await shipping.cancelOrderShipment(orderId, { reason: 'Order cancelled' }, event);
    } catch (error) {
      if (error instanceof ConflictError && error.problemType === 'shipment-too-late-to-cancel') {
        throw new PoisonMessageError(`Order ${orderId} is cancelled but its parcel moves: ${error.message}`);
      }
      throw error;
    }
  },
});
