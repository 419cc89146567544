import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { reservationLineSchema } from './shared.ts';

export const InventoryCommitted = defineEvent({
  producer: 'inventory',
  detailType: 'inventory.committed',
  version: 1,
  description:
    "An order's payment succeeded: its reserved units are sold and leave the warehouses' on-hand stock.",
  data: z.strictObject({
    orderId: z.string().check(z.minLength(1)),
    lines: z.array(reservationLineSchema).check(z.minLength(1)),
  }),
});
