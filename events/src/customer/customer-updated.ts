import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { customerSnapshot } from './shared.ts';

export const CustomerUpdated = defineEvent({
  producer: 'customer',
  detailType: 'customer.updated',
  version: 1,
  description:
    'A profile changed (by the customer, or segments by staff). Carries the names of the changed fields.',
  data: z.object({ customer: customerSnapshot, changedFields: z.array(z.string()).check(z.minLength(1)) }),
});
