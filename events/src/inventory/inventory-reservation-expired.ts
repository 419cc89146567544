import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { reservationLineSchema } from './shared.ts';

export const InventoryReservationExpired = defineEvent({
  producer: 'inventory',
  detailType: 'inventory.reservation_expired',
  version: 1,
  description:
    'An order was not paid before its hold ended (an abandoned checkout): the reservation expired and its ' +
    'units are available again. The order can no longer be paid without reserving anew.',
  data: z.strictObject({
    orderId: z.string().check(z.minLength(1)),
    lines: z.array(reservationLineSchema).check(z.minLength(1)),
    expiresAt: z.iso.datetime(),
  }),
});
