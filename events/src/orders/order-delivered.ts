import * as z from 'zod';
import { defineEvent } from '../envelope.ts';
import { orderRefShape, orderShipmentSchema } from './shared.ts';

export const OrderDelivered = defineEvent({
  producer: 'orders',
  detailType: 'order.delivered',
  version: 1,
  description: 'The carrier reported the parcel delivered: status `delivered`.',
  data: z.object({ ...orderRefShape, shipment: orderShipmentSchema.optional() }).strict(),
});
