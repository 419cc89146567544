import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { minorUnits, orderAddressSchema, orderLineRefSchema, orderRefShape } from './shared.ts';

export const OrderPaid = defineEvent({
  producer: 'orders',
  detailType: 'order.paid',
  version: 1,
  description:
    'The payment was captured: the held stock is sold (inventory commits) and the parcel can go out ' +
    '(shipping creates the shipment to `shipTo` with `shippingMethod`).',
  data: z.strictObject({
    ...orderRefShape,
    paymentId: z.string().check(z.minLength(1)),
    capturedAmount: minorUnits,
    lines: z.array(orderLineRefSchema).check(z.minLength(1)),
    shipTo: orderAddressSchema,
    shippingMethod: z.string().check(z.minLength(1)),
    /** The weight of the goods, for the carrier's label. */
    totalWeightGrams: z.number().check(z.int(), z.positive()),
  }),
});
