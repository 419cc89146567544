// promotion.redeemed and promotion.released: one order's use of one promotion, counted once either way.
import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';

const redemption = z.strictObject({
  promotionId: z.string().check(z.minLength(1)),
  orderId: z.string().check(z.minLength(1)),
  /** The discount it gave the order, in minor units of `currency`. */
  amount: z.number().check(z.int(), z.nonnegative()),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
  code: z.optional(z.string()),
});

export const PromotionRedeemed = defineEvent({
  producer: 'promotions',
  detailType: 'promotion.redeemed',
  version: 1,
  description: 'An order that used the promotion was paid: its reserved redemption is committed.',
  data: redemption,
});

export const PromotionReleased = defineEvent({
  producer: 'promotions',
  detailType: 'promotion.released',
  version: 1,
  description:
    'An order that reserved the promotion was cancelled before it was paid (payment failed, hold expired, ' +
    'cancelled): the redemption, its budget and the customer’s use are given back.',
  data: z.extend(redemption, {
    reason: z.enum([
      'payment_failed',
      'payment_timeout',
      'reservation_expired',
      'cancelled',
      'checkout_failed',
    ]),
  }),
});
