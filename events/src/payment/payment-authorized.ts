import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { minorUnits, paymentRefShape } from './shared.ts';

export const PaymentAuthorized = defineEvent({
  producer: 'payment',
  detailType: 'payment.authorized',
  version: 1,
  description:
    'The gateway holds `amount` on the customer’s payment method for a later capture (answered at once, or ' +
    'reported by webhook after the customer completed an action such as 3-D Secure).',
  data: z.strictObject({
    ...paymentRefShape,
    amount: minorUnits.check(z.describe('What is authorized and can be captured.')),
  }),
});
