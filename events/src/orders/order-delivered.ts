import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { orderRefShape, orderShipmentSchema } from './shared.ts';

export const OrderDelivered = defineEvent({
  producer: 'orders',
  detailType: 'order.delivered',
  version: 1,
  description: 'The carrier reported the parcel delivered: status `delivered`.',
  data: z.strictObject({ ...orderRefShape, shipment: z.optional(orderShipmentSchema) }),
});
