import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { orderRefShape, orderShipmentSchema } from './shared.ts';

export const OrderShipped = defineEvent({
  producer: 'orders',
  detailType: 'order.shipped',
  version: 1,
  description:
    'The parcel is with the carrier (the first scan, or staff marked it shipped): status `shipped`.',
  data: z.strictObject({ ...orderRefShape, shipment: orderShipmentSchema }),
});
