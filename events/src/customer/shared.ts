// The customer profile as carried in customer.* events (addresses are not included: they are personal
// data other services fetch when they need them, at checkout).
import * as z from 'zod';

export const customerSnapshot = z.object({
  id: z.string(),
  email: z.string(),
  givenName: z.string().optional(),
  familyName: z.string().optional(),
  phone: z.string().optional(),
  locale: z.string().optional(),
  preferredCurrency: z.string().optional(),
  marketingConsent: z.object({ email: z.boolean(), sms: z.boolean() }),
  segments: z.array(z.string()),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
