import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { reservationLineSchema } from './shared.ts';

export const InventoryReserved = defineEvent({
  producer: 'inventory',
  detailType: 'inventory.reserved',
  version: 1,
  description:
    "Stock is held for an order until its payment succeeds (all of the order's lines, never some): the units " +
    'are reserved until `expiresAt`, then expire unless committed or released first.',
  data: z.strictObject({
    orderId: z.string().check(z.minLength(1)),
    lines: z.array(reservationLineSchema).check(z.minLength(1)),
    expiresAt: z.iso.datetime(),
  }),
});
