// Request schemas of the payment service: the internal functions' payloads (Lambda Invoke under IAM) and
// the webhook route's path.
import * as z from 'zod';

/** The gateways the service can talk to. */
export const PROVIDER_NAMES = ['sandbox', 'stripe'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];
export const providerNameSchema = z.enum(PROVIDER_NAMES);

const id = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'Letters, digits and . _ : - only, at most 128.');
const minorUnits = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const correlationId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,128}$/)
  .optional()
  .describe("The caller's correlation id, carried into the events.");

export const authorizeInput = z
  .object({
    /** Our payment id, chosen by the caller; the idempotency key of the whole authorization. */
    paymentId: id,
    orderId: id,
    amount: minorUnits,
    currency: z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as EUR.'),
    /** Which gateway; the function's default (PAYMENT_PROVIDER, `sandbox`) when omitted. */
    provider: providerNameSchema.optional(),
    /** A token from the gateway's client library (`pm_…`, `tok_sandbox_…`); never card data. */
    paymentMethodToken: z.string().min(1).max(255),
    customerEmail: z.email().max(254).optional(),
    returnUrl: z.url().max(2048).optional(),
    correlationId,
  })
  .strict();

export const captureInput = z
  .object({ paymentId: id, amount: minorUnits.optional(), correlationId })
  .strict();

export const voidInput = z.object({ paymentId: id, correlationId }).strict();

export const refundInput = z
  .object({ paymentId: id, amount: minorUnits, refundId: id, correlationId })
  .strict();

export const webhookParams = z.object({ provider: providerNameSchema }).strict();

export type AuthorizeRequest = z.infer<typeof authorizeInput>;
