// What a payment's steps announce: one catalog event per kind of step, built from the payment after the step.
// Every payment event names the payment, its order, the gateway and (once it answered) the gateway's id.
// Pure; no AWS.
import {
  domainEvent,
  PaymentAuthorized,
  PaymentCaptured,
  PaymentFailed,
  PaymentRefunded,
  PaymentRequiresAction,
  PaymentVoided,
  type DomainEvent,
} from '@commerce/events';
import type { Payment } from './payment.ts';

/** Any event a payment step announces. */
export type PaymentEvent =
  | DomainEvent<typeof PaymentAuthorized>
  | DomainEvent<typeof PaymentRequiresAction>
  | DomainEvent<typeof PaymentFailed>
  | DomainEvent<typeof PaymentCaptured>
  | DomainEvent<typeof PaymentVoided>
  | DomainEvent<typeof PaymentRefunded>;

function ref(payment: Payment) {
  return {
    paymentId: payment.id,
    orderId: payment.orderId,
    provider: payment.provider,
    ...(payment.providerRef === undefined ? {} : { providerRef: payment.providerRef }),
    currency: payment.currency,
  };
}

/** `amount` is held for a later capture. */
export function paymentAuthorized(payment: Payment, amount: number): PaymentEvent {
  return domainEvent(PaymentAuthorized, { ...ref(payment), amount });
}

export function paymentRequiresAction(payment: Payment): PaymentEvent {
  return domainEvent(PaymentRequiresAction, ref(payment));
}

/** `declined`: the issuer or risk checks said no; otherwise it could not be processed. */
export function paymentFailed(payment: Payment, failureCode: string, declined: boolean): PaymentEvent {
  return domainEvent(PaymentFailed, { ...ref(payment), failureCode, declined });
}

/** `amount` is the total captured. */
export function paymentCaptured(payment: Payment, amount: number): PaymentEvent {
  return domainEvent(PaymentCaptured, { ...ref(payment), amount });
}

export function paymentVoided(payment: Payment): PaymentEvent {
  return domainEvent(PaymentVoided, ref(payment));
}

/**
 * The refunded total rose by `amount`; `refundId` is our refund's id when the step was our own refund (absent
 * for one the gateway reported).
 */
export function paymentRefunded(payment: Payment, amount: number, refundId?: string): PaymentEvent {
  return domainEvent(PaymentRefunded, {
    ...ref(payment),
    amount,
    refundedAmount: payment.refundedAmount,
    capturedAmount: payment.capturedAmount,
    full: payment.status === 'refunded',
    ...(refundId === undefined ? {} : { refundId }),
  });
}
