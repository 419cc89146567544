// Consumes order.paid: creates the order's shipment (buys the label from the method's carrier and announces
// shipment.created) through Shipping.shipPaidOrder, under the shipment id `shp_<orderId>`; a redelivery or a
// repeated order.paid finds that shipment and changes nothing. Every failure throws: SQS retries, then the
// message lands in the DLQ and its alarm fires while the order stays paid. An order whose address or method
// shipping can never accept goes there at once (docs/shipping.md, "order.paid").
import { eventConsumer, PoisonMessageError } from '@commerce/lambda-kit/consumer';
import { shipping } from '../runtime.ts';
import { shippingSubscriptions } from '../subscriptions.ts';

export const handler = eventConsumer(shippingSubscriptions['order-paid'], {
  'order.paid': async (order, event) => {
    const outcome = await shipping.shipPaidOrder(order, event);
    if (outcome.kind === 'unshippable') throw new PoisonMessageError(outcome.why);
  },
});
