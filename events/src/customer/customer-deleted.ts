import * as z from 'zod';
import { defineEvent } from '../envelope.ts';

export const CustomerDeleted = defineEvent({
  producer: 'customer',
  detailType: 'customer.deleted',
  version: 1,
  description:
    'A customer deleted their account: the profile is anonymized and the sign-in disabled. Services holding ' +
    'personal data of this customer erase or anonymize it.',
  data: z.object({ id: z.string(), deletedAt: z.iso.datetime() }).strict(),
});
