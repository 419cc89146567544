import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { paymentRefShape } from './shared.ts';

export const PaymentFailed = defineEvent({
  producer: 'payment',
  detailType: 'payment.failed',
  version: 1,
  description:
    'The payment was declined (`declined: true`: the issuer or the gateway’s risk checks said no) or could ' +
    'not be processed; `failureCode` (`card_declined`, `insufficient_funds`, …) is safe to show the customer.',
  data: z.strictObject({
    ...paymentRefShape,
    failureCode: z.string().check(z.minLength(1)),
    declined: z.boolean(),
  }),
});
