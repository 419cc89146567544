// Internal `cancelShipment` (contract: shippingCancelShipment in @commerce/contracts): staff cancel an order
// in fulfilment, so orders asks first whether its parcel can still be stopped. { orderId, reason?, actor?,
// correlationId? } → voids the label at the carrier and records the shipment cancelled (shipment.cancelled).
// Answers { outcome: cancelled | no_shipment, shipment? }, or { error } (400 malformed, 409
// shipment-too-late-to-cancel when the carrier has the parcel or it moved on).
import { shippingCancelShipment } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { shipmentView } from '../shipping.ts';
import { shipping } from '../runtime.ts';

export const handler = internalFunction(
  shippingCancelShipment,
  async ({ orderId, reason, actor }, { correlationId }) => {
    const { outcome, record } = await shipping.cancelOrderShipment(
      orderId,
      { reason, actor },
      { correlationId },
    );
    return { outcome, ...(record === undefined ? {} : { shipment: shipmentView(record) }) };
  },
);
