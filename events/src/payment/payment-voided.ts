import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { paymentRefShape } from './shared.ts';

export const PaymentVoided = defineEvent({
  producer: 'payment',
  detailType: 'payment.voided',
  version: 1,
  description:
    'The authorization was released without a capture (our void, or the gateway let an uncaptured hold ' +
    'expire); no money moved.',
  data: z.strictObject(paymentRefShape),
});
