import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { minorUnits, paymentRefShape } from './shared.ts';

export const PaymentCaptured = defineEvent({
  producer: 'payment',
  detailType: 'payment.captured',
  version: 1,
  description:
    'The money moved: `amount` was captured (at most what was authorized; the rest of the hold is released).',
  data: z.strictObject({ ...paymentRefShape, amount: minorUnits.check(z.describe('The total captured.')) }),
});
