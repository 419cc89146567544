// The HTTP answer to a checkout outcome: status, body and, for a failure, the problem. The first answer and
// every replay of a key are made here from the same stored outcome, so a replay answers what the first did.
import { PROBLEM_CONTENT_TYPE, problem } from '@commerce/lambda-kit';
import type { HttpResult } from '@commerce/lambda-kit/http';
import type { CheckoutOutcome } from '../domain/checkout.ts';

export function checkoutAnswer(outcome: CheckoutOutcome): HttpResult {
  switch (outcome.kind) {
    case 'placed':
      return json(201, { order: outcome.order, payment: { status: outcome.paymentStatus } });
    case 'requires-action':
      return json(202, {
        order: outcome.order,
        payment: { status: outcome.paymentStatus, nextAction: outcome.nextAction },
      });
    case 'already-settled':
      return json(200, { order: outcome.order, payment: { status: outcome.order.payment.status } });
    case 'declined':
      return problemAnswer(402, 'payment-declined', 'Payment declined', outcome.correlationId, {
        detail: 'The payment was declined; the order was cancelled. Try another payment method.',
        orderId: outcome.orderId,
        failureCode: outcome.failureCode,
      });
    case 'payment-refused': {
      const { type, title, detail } = outcome.refusal;
      return problemAnswer(422, type.replace('urn:commerce:problem:', ''), title, outcome.correlationId, {
        detail,
        orderId: outcome.orderId,
      });
    }
    case 'gateway-unavailable':
      return problemAnswer(
        503,
        'payment-gateway-unavailable',
        'Payment gateway unavailable',
        outcome.correlationId,
        {
          detail: 'The payment could not be completed; the order was cancelled and nothing was charged.',
          orderId: outcome.orderId,
        },
      );
    case 'reservation-refused': {
      // Inventory's refusal as it gave it (409 insufficient-stock with its shortages).
      const { status, type, title, detail, ...extensions } = outcome.refusal;
      return {
        status,
        body: { type, title, status, detail, ...extensions, correlationId: outcome.correlationId },
        headers: { 'content-type': PROBLEM_CONTENT_TYPE },
      };
    }
  }
}

function json(status: number, body: unknown): HttpResult {
  return { status, body, headers: { 'content-type': 'application/json' } };
}

function problemAnswer(
  status: number,
  slug: string,
  title: string,
  correlationId: string,
  members: Record<string, unknown>,
): HttpResult {
  return {
    status,
    body: { ...problem({ slug, title, status }), ...members, correlationId },
    headers: { 'content-type': PROBLEM_CONTENT_TYPE },
  };
}
