// The payment service's use cases: authorize, capture, void and refund (the internal functions), the
// gateway's webhooks and what a cancelled order asks of its payment (order.cancelled). Each step reads the
// payment, asks the gateway when it must, applies the state machine (domain/) and writes the payment with
// the events the transition returned in one transaction (the outbox). Idempotent: a repeated authorize,
// capture, void or refund answers what is stored without calling the gateway again once the step is
// recorded; a webhook event id is applied at most once. No AWS here: the store and the gateways are ports.
import type { AuthorizeRequest } from '@commerce/contracts';
import {
  ConflictError,
  NotFoundError,
  UnprocessableError,
  VersionConflictError,
} from '@commerce/lambda-kit/errors';
import { logger } from '@commerce/lambda-kit/observability';
import { retryOnConflict } from '@commerce/lambda-kit/retry';
import { toOutbox } from '@commerce/lambda-kit/outbox';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import { WebhookDeferredError } from './domain/errors.ts';
import { assertProviderAllowed } from './domain/provider-policy.ts';
import { cancellationStep, type OrderCancellation } from './domain/order-cancellation.ts';
import {
  assertCapturable,
  assertRefundable,
  assertVoidable,
  newPayment,
  recordAuthorization,
  recordCapture,
  recordRefund,
  recordVoid,
  type Payment,
  type PaymentTransition,
} from './domain/payment.ts';
import { applyWebhookEvent, type WebhookOutcome } from './domain/payment-webhook.ts';
import {
  WebhookAlreadyProcessedError,
  type PaymentProvider,
  type PaymentStore,
  type StoredPayment,
  type WebhookReceipt,
} from './domain/ports.ts';
import type { NextAction, WebhookHeaders } from './domain/provider.ts';
import type { ProviderName } from './schemas.ts';

/** What the internal functions answer: the payment (without its webhook bookkeeping). */
export type PaymentView = Omit<Payment, 'appliedEventIds'>;

export interface PaymentResult {
  readonly payment: PaymentView;
  /** While `requires_action`: what the customer must do (redirect, or the gateway's client SDK). */
  readonly nextAction?: NextAction;
  /** The gateway accepted a capture or refund but has not finished it; a webhook will. */
  readonly pending?: true;
}

export interface WebhookResult {
  readonly eventId: string;
  readonly outcome: WebhookOutcome | 'ignored' | 'unknown_payment';
  readonly paymentId?: string;
}

/**
 * What a cancelled order did to its payment: nothing, a void or a refund; `operator` when the payment and the
 * order disagree, which no retry can settle (a person must).
 */
export type CancellationOutcome =
  | { readonly kind: 'nothing' }
  | { readonly kind: 'voided' | 'refunded'; readonly payment: PaymentView }
  | { readonly kind: 'operator'; readonly why: string };

export interface PaymentsOptions {
  readonly store: PaymentStore;
  /** The gateway adapter of that name; rejects (typed) when it is not configured. */
  readonly provider: (name: ProviderName) => Promise<PaymentProvider>;
  /** The gateways this stage allows (PAYMENT_PROVIDERS); authorize and webhooks refuse any other. */
  readonly allowedProviders: readonly ProviderName[];
  /** The provider of an authorize that names none; one of `allowedProviders`. */
  readonly defaultProvider: ProviderName;
  readonly now?: () => Date;
}

/**
 * Runs a read-apply-write of one payment (our call, a webhook) again, after a jittered pause, while another writer changed it in
 * between; a change that keeps racing leaves as 409 payment-contention.
 */
async function concurrently<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await retryOnConflict(operation, { versionConflicts: true });
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error;
    throw new ConflictError('The payment changed concurrently; try again.', 'payment-contention');
  }
}
const CAPTURED_STATUSES: readonly string[] = ['captured', 'partially_refunded', 'refunded'];

export function viewOf(stored: StoredPayment): PaymentResult {
  const { appliedEventIds: _, ...payment } = stored.payment;
  return {
    payment,
    ...(payment.status === 'requires_action' && stored.nextAction ? { nextAction: stored.nextAction } : {}),
  };
}

export class Payments {
  readonly #store: PaymentStore;
  readonly #provider: PaymentsOptions['provider'];
  readonly #allowedProviders: readonly ProviderName[];
  readonly #defaultProvider: ProviderName;
  readonly #now: () => Date;

  constructor(options: PaymentsOptions) {
    if (!options.allowedProviders.includes(options.defaultProvider)) {
      throw new Error(`The default provider ${options.defaultProvider} is not an allowed provider.`);
    }
    this.#store = options.store;
    this.#provider = options.provider;
    this.#allowedProviders = options.allowedProviders;
    this.#defaultProvider = options.defaultProvider;
    this.#now = options.now ?? (() => new Date());
  }

  // -------------------------------------------------------------------------------------------------------
  // Our calls to the gateway

  /**
   * Authorizes the amount for a later capture. The payment id is the idempotency key: once the gateway's
   * answer is recorded, the same request answers the stored result and the gateway is not called again;
   * the same id with other details is a 409 `payment-idempotency-conflict`. A payment left `pending` (the
   * gateway did not answer) is asked again, safely: the gateway replays on the same payment id.
   */
  async authorize(input: AuthorizeRequest, context: EventContext): Promise<PaymentResult> {
    const providerName = input.provider ?? this.#defaultProvider;
    assertProviderAllowed(providerName, this.#allowedProviders, { in: 'body', pointer: '/provider' });
    let stored = await this.#store.get(input.paymentId);
    if (stored) {
      assertSameAuthorization(stored.payment, input, providerName);
      if (stored.payment.status !== 'pending') return viewOf(stored);
    }
    const provider = await this.#provider(providerName);
    if (!stored) {
      const payment = newPayment(
        {
          id: input.paymentId,
          orderId: input.orderId,
          provider: providerName,
          amount: input.amount,
          currency: input.currency,
        },
        { at: this.#now() },
      );
      try {
        await this.#store.write({ payment, expected: 'none', events: [] });
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        // A concurrent authorize of the same payment created it first.
        stored = await this.#get(input.paymentId);
        assertSameAuthorization(stored.payment, input, providerName);
        if (stored.payment.status !== 'pending') return viewOf(stored);
      }
    }
    const answer = await provider.authorize({
      paymentId: input.paymentId,
      amount: input.amount,
      currency: input.currency,
      paymentMethodToken: input.paymentMethodToken,
      ...(input.customerEmail === undefined ? {} : { customerEmail: input.customerEmail }),
      ...(input.returnUrl === undefined ? {} : { returnUrl: input.returnUrl }),
      metadata: { orderId: input.orderId },
    });
    const nextAction = answer.status === 'requires_action' ? answer.nextAction : undefined;
    return this.#step(input.paymentId, context, (p, at) => recordAuthorization(p, answer, { at }), {
      ...(nextAction === undefined ? {} : { nextAction }),
    });
  }

  /** Captures `amount` (all that is authorized when omitted). Capturing again answers the stored capture. */
  async capture(
    input: { readonly paymentId: string; readonly amount?: number | undefined },
    context: EventContext,
  ): Promise<PaymentResult> {
    const stored = await this.#get(input.paymentId);
    const payment = stored.payment;
    if (
      CAPTURED_STATUSES.includes(payment.status) &&
      (input.amount === undefined || input.amount === payment.capturedAmount)
    ) {
      return viewOf(stored);
    }
    assertCapturable(payment, input.amount);
    const provider = await this.#provider(payment.provider as ProviderName);
    const answer = await provider.capture(providerRefOf(payment), input.amount);
    if (answer.status === 'failed') {
      throw new UnprocessableError(`The gateway did not capture payment ${payment.id}.`, 'capture-failed');
    }
    if (answer.status === 'pending') return { ...viewOf(stored), pending: true };
    return this.#step(input.paymentId, context, (p, at) => recordCapture(p, answer.capturedAmount, { at }));
  }

  /** Releases an authorization that was not captured. Voiding again answers the voided payment. */
  async void(input: { readonly paymentId: string }, context: EventContext): Promise<PaymentResult> {
    const stored = await this.#get(input.paymentId);
    const payment = stored.payment;
    if (payment.status === 'voided') return viewOf(stored);
    assertVoidable(payment);
    const provider = await this.#provider(payment.provider as ProviderName);
    const answer = await provider.void(providerRefOf(payment));
    if (answer.status === 'failed') {
      throw new UnprocessableError(`The gateway did not void payment ${payment.id}.`, 'void-failed');
    }
    return this.#step(input.paymentId, context, (p, at) => recordVoid(p, { at }));
  }

  /**
   * Refunds `amount` of what was captured. Idempotent on the refund id: the same refund again answers the
   * stored payment without a gateway call; the same id with another amount is a 409 `refund-id-reused`.
   */
  async refund(
    input: { readonly paymentId: string; readonly amount: number; readonly refundId: string },
    context: EventContext,
  ): Promise<PaymentResult> {
    const stored = await this.#get(input.paymentId);
    const payment = stored.payment;
    if (payment.refunds.some((r) => r.id === input.refundId)) {
      // Unchanged for the same amount; refund-id-reused for another.
      recordRefund(payment, { id: input.refundId, amount: input.amount }, { at: this.#now() });
      return viewOf(stored);
    }
    assertRefundable(payment, input.amount);
    const provider = await this.#provider(payment.provider as ProviderName);
    const answer = await provider.refund(providerRefOf(payment), input.amount, input.refundId);
    if (answer.status === 'failed') {
      throw new UnprocessableError(`The gateway refused refund ${input.refundId}.`, 'refund-failed');
    }
    const result = await this.#step(input.paymentId, context, (p, at) =>
      recordRefund(
        p,
        { id: input.refundId, amount: input.amount, providerRefundRef: answer.providerRefundRef },
        { at },
      ),
    );
    return answer.status === 'pending' ? { ...result, pending: true } : result;
  }

  // -------------------------------------------------------------------------------------------------------
  // The gateway's webhooks

  /**
   * Verifies a delivery with the provider's own check (401 not provably from the gateway, 400 unreadable),
   * then applies it once: `applied`, `duplicate` (seen before), `stale` (the payment is past it),
   * `ignored` (not an event we act on) or `unknown_payment`. A refund reported before its capture throws
   * WebhookDeferredError (503) so that the gateway delivers it again later.
   */
  async handleWebhook(
    providerName: ProviderName,
    rawBody: string,
    headers: WebhookHeaders,
    correlationId: string,
  ): Promise<WebhookResult> {
    assertProviderAllowed(providerName, this.#allowedProviders, { in: 'path', pointer: '/provider' });
    const provider = await this.#provider(providerName);
    const event = await provider.parseWebhook(rawBody, headers);
    if (event.type === 'ignored') {
      logger.info('Webhook ignored', { eventId: event.id, providerType: event.providerType });
      return { eventId: event.id, outcome: 'ignored' };
    }
    if (await this.#store.webhookProcessed(providerName, event.id)) {
      return { eventId: event.id, outcome: 'duplicate' };
    }
    const context: EventContext = {
      correlationId,
      ...(event.id.length <= 128 ? { causationId: event.id } : {}),
    };
    // A concurrent change to the payment makes it read and apply again, after a jittered pause.
    return concurrently(async () => {
      const stored =
        (event.paymentId === undefined ? undefined : await this.#store.get(event.paymentId)) ??
        (await this.#store.findByProviderRef(providerName, event.providerRef));
      if (!stored || stored.payment.provider !== providerName) {
        // Not one of ours (another integration on the same gateway account): acknowledge and drop it.
        logger.warn('Webhook for an unknown payment', { eventId: event.id, type: event.type });
        return { eventId: event.id, outcome: 'unknown_payment' };
      }
      const now = this.#now();
      const applied = applyWebhookEvent(stored.payment, event, { at: now });
      const receipt: WebhookReceipt = {
        provider: providerName,
        eventId: event.id,
        outcome: applied.outcome,
        paymentId: stored.payment.id,
        at: now.toISOString(),
      };
      const result = { eventId: event.id, outcome: applied.outcome, paymentId: stored.payment.id };
      if (applied.outcome === 'deferred') {
        throw new WebhookDeferredError(
          `Payment ${stored.payment.id} cannot take ${event.type} yet; deliver it again later.`,
        );
      }
      if (applied.outcome !== 'applied') {
        await this.#store.recordWebhook(receipt);
        return result;
      }
      try {
        await this.#store.write({
          payment: applied.payment,
          expected: { version: stored.payment.version },
          ...(stored.nextAction === undefined ? {} : { nextAction: stored.nextAction }),
          events: toOutbox(applied.events, context, now),
          webhook: receipt,
        });
        return result;
      } catch (error) {
        if (!(error instanceof WebhookAlreadyProcessedError)) throw error;
        return { ...result, outcome: 'duplicate' as const };
      }
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // A cancelled order

  /**
   * Refunds what the cancelled order says is due (the refund id derived from the order id, so a redelivery or
   * a repeated order.cancelled never refunds twice), voids an authorization still open, or does nothing (no
   * payment, unknown payment, already voided, failed or refunded), through the same steps as the internal
   * functions. A payment that contradicts the order answers `operator`.
   */
  async settleCancelledOrder(order: OrderCancellation, context: EventContext): Promise<CancellationOutcome> {
    const { orderId, paymentId } = order;
    const stored = paymentId === null ? undefined : await this.#store.get(paymentId);
    const step = cancellationStep(order, stored?.payment);
    switch (step.kind) {
      case 'nothing':
        logger.info('Nothing to do for the cancelled order', { orderId, paymentId, why: step.why });
        return { kind: 'nothing' };
      case 'operator':
        logger.error('The cancelled order and its payment disagree; it needs an operator', {
          orderId,
          paymentId,
          why: step.why,
        });
        return { kind: 'operator', why: step.why };
      case 'void': {
        const { payment } = await this.void({ paymentId: step.paymentId }, context);
        logger.info('Authorization voided', { orderId, paymentId, status: payment.status });
        return { kind: 'voided', payment };
      }
      case 'refund': {
        const { payment, pending } = await this.refund(
          { paymentId: step.paymentId, amount: step.amount, refundId: step.refundId },
          context,
        );
        logger.info('Cancelled order refunded', {
          orderId,
          paymentId,
          refundId: step.refundId,
          amount: step.amount,
          status: payment.status,
          pending: pending === true,
        });
        return { kind: 'refunded', payment };
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------

  async #get(paymentId: string): Promise<StoredPayment> {
    const stored = await this.#store.get(paymentId);
    if (!stored) throw new NotFoundError(`No payment ${paymentId}.`);
    return stored;
  }

  /** Reads, applies `step` and writes at the version read; on a concurrent change, reads and applies again. */
  async #step(
    paymentId: string,
    context: EventContext,
    step: (payment: Payment, at: Date) => PaymentTransition,
    options: { readonly nextAction?: NextAction } = {},
  ): Promise<PaymentResult> {
    return concurrently(async () => {
      const stored = await this.#get(paymentId);
      const now = this.#now();
      const transition = step(stored.payment, now);
      if (!transition.changed) return viewOf(stored);
      const nextAction = options.nextAction ?? stored.nextAction;
      await this.#store.write({
        payment: transition.payment,
        expected: { version: stored.payment.version },
        ...(nextAction === undefined ? {} : { nextAction }),
        events: toOutbox(transition.events, context, now),
      });
      return viewOf({ payment: transition.payment, ...(nextAction === undefined ? {} : { nextAction }) });
    });
  }
}

function providerRefOf(payment: Payment): string {
  if (payment.providerRef === undefined) {
    throw new UnprocessableError(`Payment ${payment.id} has no gateway reference yet.`, 'illegal-transition');
  }
  return payment.providerRef;
}

function assertSameAuthorization(payment: Payment, input: AuthorizeRequest, provider: ProviderName): void {
  if (
    payment.orderId !== input.orderId ||
    payment.amount !== input.amount ||
    payment.currency !== input.currency ||
    payment.provider !== provider
  ) {
    throw new ConflictError(
      `Payment ${payment.id} was authorized before with other details (order, amount, currency or provider).`,
      'payment-idempotency-conflict',
    );
  }
}
