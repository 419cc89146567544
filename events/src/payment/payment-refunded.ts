import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { minorUnits, paymentRefShape } from './shared.ts';

export const PaymentRefunded = defineEvent({
  producer: 'payment',
  detailType: 'payment.refunded',
  version: 1,
  description:
    'The refunded total rose by `amount` (our refund `refundId`, or one the gateway reported by webhook). ' +
    'The amounts of all `payment.refunded` of a payment add up to its `refundedAmount`; `full` when ' +
    'everything captured is refunded.',
  data: z.strictObject({
    ...paymentRefShape,
    amount: minorUnits.check(z.describe('What this step added to the refunded total.')),
    refundedAmount: minorUnits.check(z.describe('All refunds so far, this one included.')),
    capturedAmount: minorUnits,
    full: z.boolean(),
    refundId: z
      .optional(z.string().check(z.minLength(1)))
      .check(z.describe('Our refund id, when the refund was ours.')),
  }),
});
