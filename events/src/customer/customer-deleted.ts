import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';

export const CustomerDeleted = defineEvent({
  producer: 'customer',
  detailType: 'customer.deleted',
  version: 1,
  description:
    'A customer deleted their account: the profile is anonymized and the sign-in account deleted. Services holding ' +
    'personal data of this customer erase or anonymize it.',
  data: z.strictObject({ id: z.string(), deletedAt: z.iso.datetime() }),
});
