import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { orderRefShape, orderShipmentSchema } from './shared.ts';

export const OrderFulfilmentStarted = defineEvent({
  producer: 'orders',
  detailType: 'order.fulfilment_started',
  version: 1,
  description:
    'The carrier issued the label (shipment.created): the warehouse is packing the order (status `fulfilling`).',
  data: z.strictObject({ ...orderRefShape, shipment: orderShipmentSchema }),
});
