// Payment's internal functions: `authorize` holds an order's amount at checkout, `capture` takes it,
// `void` lets an authorization go, `refund` gives back what was captured. Each answers the payment as it
// stands after the step. docs/payments.md has the rules.
import * as z from 'zod/mini';
import { correlationIdSchema, defineInternal, type InternalResult } from './define.ts';

/** The gateways a caller may name. */
export const PAYMENT_PROVIDERS = ['sandbox', 'stripe'] as const;
export const paymentProviderSchema = z.enum(PAYMENT_PROVIDERS);

const id = z
  .string()
  .check(z.regex(/^[A-Za-z0-9._:-]{1,128}$/, 'Letters, digits and . _ : - only, at most 128.'));
const minorUnits = z.number().check(z.int(), z.positive(), z.lte(Number.MAX_SAFE_INTEGER));

// ---------------------------------------------------------------------------------------------------------
// Requests

export const authorizeRequestSchema = z.strictObject({
  /** Our payment id, chosen by the caller; the idempotency key of the whole authorization. */
  paymentId: id,
  orderId: id,
  amount: minorUnits,
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as EUR.')),
  /** Which gateway; the function's default (PAYMENT_PROVIDER, `sandbox`) when omitted. */
  provider: z.optional(paymentProviderSchema),
  /** A token from the gateway's client library (`pm_…`, `tok_sandbox_…`); never card data. */
  paymentMethodToken: z.string().check(z.minLength(1), z.maxLength(255)),
  customerEmail: z.optional(z.email().check(z.maxLength(254))),
  returnUrl: z.optional(z.url().check(z.maxLength(2048))),
  correlationId: correlationIdSchema,
});

/** All that is authorized when `amount` is left out. */
export const captureRequestSchema = z.strictObject({
  paymentId: id,
  amount: z.optional(minorUnits),
  correlationId: correlationIdSchema,
});

export const voidRequestSchema = z.strictObject({ paymentId: id, correlationId: correlationIdSchema });

/** Idempotent per refund id. */
export const refundRequestSchema = z.strictObject({
  paymentId: id,
  amount: minorUnits,
  refundId: id,
  correlationId: correlationIdSchema,
});

// ---------------------------------------------------------------------------------------------------------
// The reply all four share

const amount = z.number().check(z.int(), z.gte(0));

/** The payment without the service's webhook bookkeeping. Amounts are integer minor units of `currency`. */
const paymentSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  /** The provider's name (`stripe`, `sandbox`). */
  provider: z.string(),
  /** The gateway's id of the payment, once it answered. */
  providerRef: z.optional(z.string()),
  /** What the order asked for. */
  amount,
  currency: z.string(),
  status: z.enum([
    'pending',
    'requires_action',
    'authorized',
    'captured',
    'partially_refunded',
    'refunded',
    'failed',
    'voided',
  ]),
  authorizedAmount: amount,
  capturedAmount: amount,
  refundedAmount: amount,
  /** The refunds we asked the gateway for. */
  refunds: z.readonly(
    z.array(
      z.object({
        id: z.string(),
        amount,
        providerRefundRef: z.optional(z.string()),
        at: z.iso.datetime(),
      }),
    ),
  ),
  /** The highest cumulative refunded amount a webhook reported. */
  gatewayRefundedAmount: amount,
  /** Decline or error code of the last failure, while `failed`. */
  failureCode: z.optional(z.string()),
  version: z.number().check(z.int(), z.gte(1)),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** What the customer must do before the gateway decides; the outcome then arrives by webhook. */
const nextActionSchema = z.discriminatedUnion('type', [
  /** Send the browser to `url` (a 3-D Secure page). */
  z.object({ type: z.literal('redirect'), url: z.string() }),
  /** Let the gateway's client library handle it with this secret (Stripe.js `handleNextAction`). */
  z.object({ type: z.literal('client_sdk'), clientSecret: z.string() }),
]);

export const paymentReplySchema = z.object({
  payment: paymentSchema,
  /** While `requires_action`: what the customer must do. */
  nextAction: z.optional(nextActionSchema),
  /** The gateway accepted a capture or refund but has not finished it; a webhook will. */
  pending: z.optional(z.literal(true)),
});

// ---------------------------------------------------------------------------------------------------------
// The functions

/**
 * Answers the payment authorized, requires_action (with nextAction), or failed with a failureCode for a
 * decline. Idempotent per payment id. Refusals: 400, 409 payment-idempotency-conflict, 422
 * payment-provider-not-allowed (a gateway the stage does not allow), payment-provider-unavailable, 503
 * payment-gateway-unavailable.
 */
export const paymentAuthorize = defineInternal({
  service: 'payment',
  name: 'authorize',
  description: "holds an order's amount on the customer's payment method (checkout)",
  request: authorizeRequestSchema,
  reply: paymentReplySchema,
});

/** Capturing again answers the stored capture. Refusals: 404, 422 illegal-transition or capture-amount-invalid, 503. */
export const paymentCapture = defineInternal({
  service: 'payment',
  name: 'capture',
  description: 'takes all or part of an authorized amount',
  request: captureRequestSchema,
  reply: paymentReplySchema,
});

/** Voiding again answers the voided payment. Refusals: 404, 422 illegal-transition, 503. */
export const paymentVoid = defineInternal({
  service: 'payment',
  name: 'void',
  description: 'releases an authorization that was not captured',
  request: voidRequestSchema,
  reply: paymentReplySchema,
});

/** Refusals: 404, 409 refund-id-reused, 422 refund-exceeds-captured or illegal-transition, 503. */
export const paymentRefund = defineInternal({
  service: 'payment',
  name: 'refund',
  description: 'gives back part or all of what was captured (idempotent per refund id)',
  request: refundRequestSchema,
  reply: paymentReplySchema,
});

export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];
export type AuthorizeRequest = z.infer<typeof authorizeRequestSchema>;
export type CaptureRequest = z.infer<typeof captureRequestSchema>;
export type VoidRequest = z.infer<typeof voidRequestSchema>;
export type RefundRequest = z.infer<typeof refundRequestSchema>;
/** What all four answer on success. */
export type PaymentReply = z.infer<typeof paymentReplySchema>;
export type PaymentResult = InternalResult<PaymentReply>;
