import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { minorUnits, orderLineProductId, orderRefShape } from './shared.ts';

export const OrderCreated = defineEvent({
  producer: 'orders',
  detailType: 'order.created',
  version: 1,
  description:
    'A checkout created the order: stock is held and the payment is being authorized (status ' +
    '`pending_payment`). Prices are frozen as bought; amounts are integer minor units of `currency`.',
  data: z.strictObject({
    ...orderRefShape,
    lines: z.array(
      z.strictObject({
        sku: z.string().check(z.minLength(1)),
        title: z.string(),
        quantity: z.number().check(z.int(), z.positive()),
        unitPrice: minorUnits,
        /** What the line costs in all, as the order shows it (tax included where prices include it). */
        lineTotal: minorUnits,
        productId: orderLineProductId,
      }),
    ),
    totals: z.strictObject({
      subtotal: minorUnits,
      discountTotal: minorUnits,
      shipping: minorUnits,
      taxTotal: minorUnits,
      grandTotal: minorUnits,
      /** Prices and shipping include tax (the destination shows tax-inclusive prices). */
      taxIncluded: z.boolean(),
    }),
    shippingMethod: z.string().check(z.minLength(1)),
    paymentProvider: z.string().check(z.minLength(1)),
  }),
});
