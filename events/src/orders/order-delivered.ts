import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { orderLineProductId, orderRefShape, orderShipmentSchema } from './shared.ts';

/**
 * A line of the delivered order, as bought: the review service reads `productId` to let the buyer review
 * each product the order delivered (a verified purchase).
 */
export const orderDeliveredLineSchema = z.strictObject({
  sku: z.string().check(z.minLength(1)),
  quantity: z.number().check(z.int(), z.positive()),
  /** The product title at purchase time. */
  title: z.string(),
  productId: orderLineProductId,
});

export const OrderDelivered = defineEvent({
  producer: 'orders',
  detailType: 'order.delivered',
  version: 1,
  description:
    'The carrier reported the parcel delivered: status `delivered`. `lines` are what the order delivered ' +
    '(the review service lets the buyer review each of their products).',
  data: z.strictObject({
    ...orderRefShape,
    shipment: z.optional(orderShipmentSchema),
    lines: z.optional(
      z
        .array(orderDeliveredLineSchema)
        .check(
          z.minLength(1),
          z.describe(
            'The delivered order’s lines; the review service reads their `productId`. Absent on events ' +
              'published before lines were added.',
          ),
        ),
    ),
  }),
});
