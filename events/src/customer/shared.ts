// The customer profile as carried in customer.* events (addresses are not included: they are personal
// data other services fetch when they need them, at checkout).
import * as z from 'zod/mini';

export const customerSnapshot = z.object({
  id: z.string(),
  email: z.string(),
  givenName: z.optional(z.string()),
  familyName: z.optional(z.string()),
  phone: z.optional(z.string()),
  locale: z.optional(z.string()),
  preferredCurrency: z.optional(z.string()),
  marketingConsent: z.object({ email: z.boolean(), sms: z.boolean() }),
  segments: z.array(z.string()),
  version: z.number().check(z.int(), z.positive()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
