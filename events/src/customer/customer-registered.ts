import { defineEvent } from '../envelope.ts';
import { customerSnapshot } from './shared.ts';

export const CustomerRegistered = defineEvent({
  producer: 'customer',
  detailType: 'customer.registered',
  version: 1,
  description: 'A customer confirmed their account; their profile now exists.',
  data: customerSnapshot,
});
