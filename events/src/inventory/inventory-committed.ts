import * as z from 'zod';
import { defineEvent } from '../envelope.ts';
import { reservationLineSchema } from './shared.ts';

export const InventoryCommitted = defineEvent({
  producer: 'inventory',
  detailType: 'inventory.committed',
  version: 1,
  description:
    "An order's payment succeeded: its reserved units are sold and leave the warehouses' on-hand stock.",
  data: z
    .object({
      orderId: z.string().min(1),
      lines: z.array(reservationLineSchema).min(1),
    })
    .strict(),
});
