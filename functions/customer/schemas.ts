// The customer service's HTTP contract. Bodies are strict: a customer cannot set email, segments, groups
// or anything else not listed (mass assignment is a 400).
import { cursorQuery, text } from '@commerce/lambda-kit/contract';
import * as z from 'zod/mini';
import { MAX_ADDRESSES } from './domain/customer.ts';

const phone = z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'An E.164 number such as +4915112345678.'));

export const updateProfileBody = z.strictObject({
  version: z.number().check(z.int(), z.positive()),
  givenName: z.optional(text(100)),
  familyName: z.optional(text(100)),
  phone: z.optional(phone),
  locale: z.optional(
    z.string().check(z.regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'A language tag such as en or en-GB.')),
  ),
  preferredCurrency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as EUR.'))),
  marketingConsent: z.optional(z.strictObject({ email: z.boolean(), sms: z.boolean() })),
});

export const addressBody = z.strictObject({
  name: text(200),
  company: z.optional(text(200)),
  line1: text(200),
  line2: z.optional(text(200)),
  city: text(100),
  region: z.optional(text(100)),
  postalCode: text(20),
  country: z.string().check(z.regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as DE.')),
  phone: z.optional(phone),
  defaultShipping: z.optional(z.boolean()),
  defaultBilling: z.optional(z.boolean()),
});

export const addressIdParams = z.strictObject({ id: z.uuid() });
export const customerIdParams = z.strictObject({ id: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/)) });
export const segmentsBody = z.strictObject({
  version: z.number().check(z.int(), z.positive()),
  segments: z
    .array(z.string().check(z.regex(/^[a-z][a-z0-9-]{0,39}$/, 'Lower-case words joined by hyphens.')))
    .check(z.maxLength(20)),
});
export const listCustomersQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
  cursor: cursorQuery(),
});

export { MAX_ADDRESSES };
