import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { reservationLineSchema } from './shared.ts';

export const InventoryReleased = defineEvent({
  producer: 'inventory',
  detailType: 'inventory.released',
  version: 1,
  description:
    "An order's reservation was released because the order was cancelled or its payment failed: held units " +
    'are available again; units of a committed (paid, not yet shipped) order go back on hand.',
  data: z.strictObject({
    orderId: z.string().check(z.minLength(1)),
    lines: z.array(reservationLineSchema).check(z.minLength(1)),
    reason: z.enum(['order_cancelled', 'payment_failed']),
    previousStatus: z.enum(['held', 'committed']),
  }),
});
