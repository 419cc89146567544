// Consumes order.paid: creates the order's shipment (buys the label from the method's carrier and announces
// shipment.created), as the internal createShipment does, under the shipment id `shp_<orderId>`; a
// redelivery or a repeated order.paid finds that shipment and changes nothing. Every failure throws: SQS
// retries, then the message lands in the DLQ and its alarm fires while the order stays paid. An order whose
// address or method shipping can never accept goes there at once (docs/shipping.md, "order.paid").
import { createShipmentRequestSchema } from '@commerce/contracts';
import { eventConsumer, PoisonMessageError } from '@commerce/lambda-kit/consumer';
import { logger } from '@commerce/lambda-kit/observability';
import { shipmentRequestFor } from '../domain/order-shipment.ts';
import { shipping } from '../runtime.ts';
import { shippingSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(shippingSubscriptions['order-paid'], {
  'order.paid': async (order, event) => {
    const parsed = createShipmentRequestSchema.safeParse(shipmentRequestFor(order));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `/${i.path.join('/')} ${i.message}`).join('; ');
      logger.error('order.paid cannot become a shipment', { orderId: order.orderId, issues });
      throw new PoisonMessageError(`Order ${order.orderId} cannot be shipped as paid: ${issues}`);
    }
    const { correlationId: _c, ...request } = parsed.data;
    const { record, created } = await shipping.createShipment(request, event);
    logger.info(created ? 'Shipment created' : 'Shipment existed already', {
      orderId: record.shipment.orderId,
      shipmentId: record.shipment.id,
    });
  },
});
