// The sandbox payment provider: a deterministic stand-in for a gateway, the default in the local stage and
// in tests. No network and no state: the outcome is a function of the test token, ids are derived from our
// ids (so a retried call gets the same answer, as with a gateway's idempotency keys), and the only thing it
// must remember, the authorized amount, travels inside its own providerRef. "Requires action" completes
// later through a signed webhook, built by `sandboxWebhook`, as with a real gateway. Tokens: docs/payments.md.
//
// Webhook signature: header `x-sandbox-signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`, the HMAC taken
// with the shared secret over `${t}.${rawBody}`. A delivery is accepted when one v1 matches (compared in
// constant time) and t lies within five minutes of the receiver's clock, either way.
import {
  headerValue,
  WEBHOOK_TOLERANCE_SECONDS,
  signedWebhook,
  webhookSignatureProblem,
  type SignatureProblem,
  type SignedWebhook,
} from '@commerce/lambda-kit/webhook-signature';
import { createHash, randomUUID } from 'node:crypto';
import {
  NotFoundError,
  UnauthorizedError,
  UnprocessableError,
  ValidationError,
} from '@commerce/lambda-kit/errors';
import * as z from 'zod/mini';
import { GatewayUnavailableError } from '../domain/errors.ts';
import { amountErrors } from '../domain/payment.ts';
import type {
  AuthorizeInput,
  AuthorizeResult,
  CaptureResult,
  PaymentWebhookEventType,
  RefundResult,
  VoidResult,
  WebhookEvent,
  WebhookHeaders,
} from '../domain/provider.ts';
import type { PaymentProvider } from '../domain/ports.ts';
import { settle } from './settle.ts';

export const SANDBOX_PROVIDER = 'sandbox';

/** The payment method tokens the sandbox knows, each with a fixed outcome. */
export const SANDBOX_TOKENS = {
  /** Authorized at once. */
  approve: 'tok_sandbox_approve',
  /** Declined, declineCode `card_declined`. */
  decline: 'tok_sandbox_decline',
  /** Declined, declineCode `insufficient_funds`. */
  insufficientFunds: 'tok_sandbox_insufficient_funds',
  /** requires_action (3-D Secure); a `payment.authorized` or `payment.failed` webhook finishes it. */
  requiresAction: 'tok_sandbox_requires_action',
  /** failed, declineCode `processing_error`: the gateway could not process it. */
  processingError: 'tok_sandbox_processing_error',
  /** Throws GatewayUnavailableError, as a gateway that is down would (503). */
  gatewayUnavailable: 'tok_sandbox_gateway_unavailable',
} as const;

export type SandboxToken = (typeof SANDBOX_TOKENS)[keyof typeof SANDBOX_TOKENS];

export const SANDBOX_SIGNATURE_HEADER = 'x-sandbox-signature';
export const SANDBOX_WEBHOOK_TOLERANCE_SECONDS = WEBHOOK_TOLERANCE_SECONDS;

const PAYMENT_SIGNATURE_PROBLEMS: Record<SignatureProblem, string> = {
  missing: `The ${SANDBOX_SIGNATURE_HEADER} header is missing.`,
  malformed: `The ${SANDBOX_SIGNATURE_HEADER} header is malformed.`,
  mismatch: 'The webhook signature does not match.',
  stale: 'The webhook timestamp is outside the five-minute tolerance.',
};

const PAYMENT_EVENT_TYPES = [
  'payment.authorized',
  'payment.captured',
  'payment.failed',
  'payment.refunded',
  'payment.voided',
] as const satisfies readonly PaymentWebhookEventType[];

/** `sbx_pi_<uuid>_<authorized amount>`: opaque to callers, read back by capture and refund. */
const PAYMENT_REF =
  /^sbx_pi_([0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})_(\d{1,16})$/;

/** A UUID (version 8: custom) that is a function of `seed` alone. */
function uuidFrom(seed: string): string {
  const hex = createHash('sha256').update(seed, 'utf8').digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The providerRef the sandbox gives a payment: the same for the same payment id and amount. */
export function sandboxPaymentRef(paymentId: string, amount: number): string {
  return `sbx_pi_${uuidFrom(`sandbox-payment:${paymentId}`)}_${amount}`;
}

function authorizedAmountOf(providerRef: string): number {
  const match = PAYMENT_REF.exec(providerRef);
  const amount = match ? Number(match[2]) : NaN;
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new NotFoundError(`The sandbox issued no payment ${providerRef}.`);
  }
  return amount;
}

function assertSecret(secret: string): void {
  if (secret.length === 0) throw new Error('The sandbox payment provider needs a non-empty webhook secret.');
}

// ---------------------------------------------------------------------------------------------------------
// Webhooks the sandbox sends

export interface SandboxWebhookEvent {
  readonly type: PaymentWebhookEventType;
  readonly providerRef: string;
  /** See PaymentWebhookEvent.amount: for refunds, the total refunded so far. */
  readonly amount?: number;
  readonly currency?: string;
  readonly failureCode?: string;
  readonly paymentId?: string;
  /** The event id; a fresh one unless given (give the same one to simulate a redelivery). */
  readonly id?: string;
}

/**
 * A webhook delivery as the sandbox gateway sends it: the JSON body and the headers, signed with `secret`
 * at `timestamp` (now unless given). POST it to the payment webhook route to finish a `requires_action`
 * payment (`payment.authorized`, or `payment.failed` for a failed challenge) or to report anything else.
 */
export function sandboxWebhook(
  event: SandboxWebhookEvent,
  secret: string,
  options: { readonly timestamp?: Date } = {},
): SignedWebhook {
  assertSecret(secret);
  const at = options.timestamp ?? new Date();
  const { id, type, ...data } = event;
  const created = Math.floor(at.getTime() / 1000);
  const body = JSON.stringify({ id: id ?? `sbx_evt_${randomUUID()}`, type, created, data });
  return signedWebhook(secret, SANDBOX_SIGNATURE_HEADER, body, at);
}

/** Checks the signature header of a delivery; UnauthorizedError saying what is wrong. */
export function verifySandboxSignature(
  rawBody: string,
  headers: WebhookHeaders,
  secret: string,
  now: Date,
): void {
  assertSecret(secret);
  const problem = webhookSignatureProblem(
    headerValue(headers, SANDBOX_SIGNATURE_HEADER),
    rawBody,
    secret,
    now,
    SANDBOX_WEBHOOK_TOLERANCE_SECONDS,
  );
  if (problem) throw new UnauthorizedError(PAYMENT_SIGNATURE_PROBLEMS[problem]);
}

const webhookBody = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  type: z.string().check(z.minLength(1), z.maxLength(100)),
  created: z.number().check(z.int(), z.nonnegative()),
  data: z.optional(z.unknown()),
});

const paymentEventData = z.object({
  providerRef: z.string().check(z.minLength(1), z.maxLength(200)),
  paymentId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  amount: z.optional(z.number().check(z.int(), z.nonnegative())),
  currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/))),
  failureCode: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});

function isPaymentEventType(type: string): type is PaymentWebhookEventType {
  return (PAYMENT_EVENT_TYPES as readonly string[]).includes(type);
}

function unreadable(detail: string): ValidationError {
  return new ValidationError(
    [{ in: 'body', pointer: '', detail }],
    'The webhook body is not a sandbox event.',
  );
}

// ---------------------------------------------------------------------------------------------------------
// The provider

export interface SandboxProviderOptions {
  /** The shared webhook secret (`sandboxWebhook` signs with the same). */
  readonly webhookSecret: string;
  /** The clock webhooks are checked against. */
  readonly now?: () => Date;
}

function authorizeNow(input: AuthorizeInput): AuthorizeResult {
  const errors = amountErrors(input.amount, input.currency);
  if (input.paymentId.length === 0)
    errors.push({ in: 'body', pointer: '/paymentId', detail: 'Must not be empty.' });
  if (errors.length > 0) throw new ValidationError(errors);
  const providerRef = sandboxPaymentRef(input.paymentId, input.amount);
  switch (input.paymentMethodToken as SandboxToken) {
    case SANDBOX_TOKENS.approve:
      return { status: 'authorized', providerRef, authorizedAmount: input.amount };
    case SANDBOX_TOKENS.decline:
      return { status: 'declined', providerRef, declineCode: 'card_declined' };
    case SANDBOX_TOKENS.insufficientFunds:
      return { status: 'declined', providerRef, declineCode: 'insufficient_funds' };
    case SANDBOX_TOKENS.processingError:
      return { status: 'failed', providerRef, declineCode: 'processing_error' };
    case SANDBOX_TOKENS.requiresAction:
      return {
        status: 'requires_action',
        providerRef,
        // There is no such page: the "challenge" is completed by a sandbox webhook (see sandboxWebhook).
        nextAction: { type: 'redirect', url: `https://sandbox.payments.invalid/authenticate/${providerRef}` },
      };
    case SANDBOX_TOKENS.gatewayUnavailable:
      throw new GatewayUnavailableError(SANDBOX_PROVIDER, 'authorize', 'gateway_error');
    default:
      throw new ValidationError([
        {
          in: 'body',
          pointer: '/paymentMethodToken',
          detail: `Not a sandbox test token; use one of ${Object.values(SANDBOX_TOKENS).join(', ')}.`,
        },
      ]);
  }
}

export class SandboxProvider implements PaymentProvider {
  readonly name = SANDBOX_PROVIDER;
  private readonly webhookSecret: string;
  private readonly now: () => Date;

  constructor(options: SandboxProviderOptions) {
    assertSecret(options.webhookSecret);
    this.webhookSecret = options.webhookSecret;
    this.now = options.now ?? (() => new Date());
  }

  authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
    return settle(() => authorizeNow(input));
  }

  capture(providerRef: string, amount?: number): Promise<CaptureResult> {
    return settle((): CaptureResult => {
      const authorized = authorizedAmountOf(providerRef);
      const take = amount ?? authorized;
      if (!Number.isSafeInteger(take) || take <= 0 || take > authorized) {
        throw new UnprocessableError(
          `The sandbox can capture between 1 and ${authorized} of ${providerRef}, not ${take}.`,
          'capture-amount-invalid',
        );
      }
      return { status: 'captured', capturedAmount: take };
    });
  }

  void(providerRef: string): Promise<VoidResult> {
    return settle((): VoidResult => {
      authorizedAmountOf(providerRef);
      return { status: 'voided' };
    });
  }

  /** Refuses only what the sandbox can see: more than was authorized. The payment enforces the capture. */
  refund(providerRef: string, amount: number, refundId: string): Promise<RefundResult> {
    return settle((): RefundResult => {
      const authorized = authorizedAmountOf(providerRef);
      if (refundId.length === 0) throw new RangeError('A refund needs a refund id (its idempotency key).');
      if (!Number.isSafeInteger(amount) || amount <= 0 || amount > authorized) {
        throw new UnprocessableError(
          `The sandbox can refund between 1 and ${authorized} of ${providerRef}, not ${amount}.`,
          'refund-amount-invalid',
        );
      }
      return {
        status: 'succeeded',
        refundedAmount: amount,
        providerRefundRef: `sbx_re_${uuidFrom(`sandbox-refund:${providerRef}:${refundId}`)}`,
      };
    });
  }

  parseWebhook(rawBody: string, headers: WebhookHeaders): Promise<WebhookEvent> {
    return settle((): WebhookEvent => {
      verifySandboxSignature(rawBody, headers, this.webhookSecret, this.now());
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        throw unreadable('The body is not JSON.');
      }
      const body = webhookBody.safeParse(json);
      if (!body.success) throw unreadable('The body is not a sandbox event envelope.');
      const { id, type, created } = body.data;
      if (!isPaymentEventType(type)) return { id, type: 'ignored', providerType: type };
      const data = paymentEventData.safeParse(body.data.data);
      if (!data.success) throw unreadable(`The data of ${type} is not valid.`);
      return { id, type, ...data.data, occurredAt: new Date(created * 1000).toISOString() };
    });
  }
}
