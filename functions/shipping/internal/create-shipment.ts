// Internal `createShipment` (contract: shippingCreateShipment in @commerce/contracts): an order is paid, its
// parcels go out. { orderId, shipmentId, to, parcels, methodId, correlationId? } → buys the label from the
// method's carrier (the carrier is idempotent on the shipment id), stores the shipment and announces
// shipment.created. Answers { shipment, created } (a repeat with the same shipment id answers the stored
// one, created: false, and announces nothing), or { error } (400 malformed, 409 shipment-id-taken by
// another order, 422 unknown-shipping-method, shipping-method-not-available for the address,
// carrier-not-connected).
import { shippingCreateShipment } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { shipmentView, type ShipmentView } from '../shipping.ts';
import { shipping } from '../runtime.ts';

export const handler = internalFunction(
  shippingCreateShipment,
  async ({ correlationId: _c, ...request }, { correlationId }) => {
    const { record, created } = await shipping.createShipment(request, { correlationId });
    const shipment: ShipmentView = shipmentView(record);
    return { shipment, created };
  },
);
