import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { paymentRefShape } from './shared.ts';

export const PaymentRequiresAction = defineEvent({
  producer: 'payment',
  detailType: 'payment.requires_action',
  version: 1,
  description:
    'The gateway needs the customer to do something (3-D Secure) before it decides; `payment.authorized` or ' +
    '`payment.failed` follows when its webhook arrives.',
  data: z.strictObject(paymentRefShape),
});
