import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { minorUnits, orderRefShape } from './shared.ts';

export const OrderRefunded = defineEvent({
  producer: 'orders',
  detailType: 'order.refunded',
  version: 1,
  description:
    'Money went back to the customer: `amount` now, `refundedAmount` in all. `full` when everything ' +
    'captured is refunded (status `refunded`), otherwise status `partially_refunded`.',
  data: z.strictObject({
    ...orderRefShape,
    refundId: z.string().check(z.minLength(1)),
    amount: minorUnits,
    refundedAmount: minorUnits,
    capturedAmount: minorUnits,
    full: z.boolean(),
    /** The goods had left: inventory must not put them back (returns come in as a stock adjustment). */
    goodsShipped: z.boolean(),
  }),
});
