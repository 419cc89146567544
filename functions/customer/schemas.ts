// The customer service's HTTP contract. Bodies are strict: a customer cannot set email, segments, groups
// or anything else not listed (mass assignment is a 400).
import * as z from 'zod';
import { MAX_ADDRESSES } from './domain/customer.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const phone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'An E.164 number such as +4915112345678.');

export const updateProfileBody = z
  .object({
    version: z.number().int().positive(),
    givenName: text(100).optional(),
    familyName: text(100).optional(),
    phone: phone.optional(),
    locale: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'A language tag such as en or en-GB.')
      .optional(),
    preferredCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as EUR.')
      .optional(),
    marketingConsent: z.object({ email: z.boolean(), sms: z.boolean() }).strict().optional(),
  })
  .strict();

export const addressBody = z
  .object({
    name: text(200),
    company: text(200).optional(),
    line1: text(200),
    line2: text(200).optional(),
    city: text(100),
    region: text(100).optional(),
    postalCode: text(20),
    country: z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as DE.'),
    phone: phone.optional(),
    defaultShipping: z.boolean().optional(),
    defaultBilling: z.boolean().optional(),
  })
  .strict();

export const addressIdParams = z.object({ id: z.uuid() }).strict();
export const customerIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }).strict();
export const segmentsBody = z
  .object({
    version: z.number().int().positive(),
    segments: z
      .array(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'Lower-case words joined by hyphens.'))
      .max(20),
  })
  .strict();
export const listCustomersQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(2048).optional(),
  })
  .strict();

export { MAX_ADDRESSES };
