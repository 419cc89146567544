import * as z from 'zod';
import { defineEvent } from '../envelope.ts';
import { orderRefShape, orderShipmentSchema } from './shared.ts';

export const OrderFulfilmentStarted = defineEvent({
  producer: 'orders',
  detailType: 'order.fulfilment_started',
  version: 1,
  description:
    'The carrier issued the label (shipment.created): the warehouse is packing the order (status `fulfilling`).',
  data: z.object({ ...orderRefShape, shipment: orderShipmentSchema }).strict(),
});
