import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { minorUnits, orderLineRefSchema, orderRefShape, orderStatusSchema } from './shared.ts';

export const orderCancelReasonSchema = z.enum([
  /** The customer cancelled (before shipping). */
  'customer_request',
  /** Staff cancelled. */
  'staff',
  /** The gateway declined the payment, or a "requires action" payment failed later. */
  'payment_failed',
  /** The gateway did not answer in time or was unavailable; the authorization was voided. */
  'payment_timeout',
  /** The stock hold ran out before the payment completed. */
  'reservation_expired',
]);

export const OrderCancelled = defineEvent({
  producer: 'orders',
  detailType: 'order.cancelled',
  version: 1,
  description:
    'The order is cancelled. Inventory releases its units (back to stock), payment voids an open ' +
    'authorization (`paymentStatus` `authorized` or `pending`) or refunds `refundDue` when money was captured.',
  data: z.strictObject({
    ...orderRefShape,
    previousStatus: orderStatusSchema,
    reason: orderCancelReasonSchema,
    /** Null when no payment was ever asked for. */
    paymentId: z.nullable(z.string().check(z.minLength(1))),
    paymentStatus: z.enum(['pending', 'authorized', 'captured', 'failed', 'partially_refunded', 'refunded']),
    /** Captured and not yet refunded: what goes back to the customer (0: a void, or nothing was paid). */
    refundDue: minorUnits,
    lines: z.array(orderLineRefSchema).check(z.minLength(1)),
  }),
});
