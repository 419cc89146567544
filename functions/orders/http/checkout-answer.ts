// The HTTP answer to a checkout outcome: status, body and, for a failure, the problem. The first answer and
// every replay of a key are made here from the same stored outcome, so a replay answers what the first did.
// A guest (anonymous) learns which SKUs are short, never how many units are left: counts are for customers.
import { PROBLEM_CONTENT_TYPE, problem } from '@commerce/lambda-kit';
import type { HttpResult } from '@commerce/lambda-kit/http';
import type { CheckoutOutcome } from '../domain/checkout.ts';

/** Who asks: an anonymous guest sees less of a stock refusal. */
export type CheckoutAudience = 'guest' | 'customer';

export function checkoutAnswer(outcome: CheckoutOutcome, audience: CheckoutAudience = 'guest'): HttpResult {
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
    case 'cart-locked':
      return outcome.checkedOut
        ? problemAnswer(409, 'cart-checked-out', 'Cart checked out', outcome.correlationId, {
            detail: 'This cart’s order was placed already (orderId); nothing was done.',
            orderId: outcome.orderId,
          })
        : problemAnswer(
            409,
            'cart-checkout-in-progress',
            'Cart checkout in progress',
            outcome.correlationId,
            {
              detail:
                'Another checkout of this cart holds it (orderId); nothing was done. It frees the cart if its ' +
                'order is cancelled or never placed.',
              orderId: outcome.orderId,
            },
          );
    case 'reservation-expired':
      return problemAnswer(409, 'reservation-expired', 'Reservation expired', outcome.correlationId, {
        detail:
          'The stock held for this checkout ran out before the payment; nothing was charged and the order, ' +
          'if any, was cancelled. Check out again.',
        ...(outcome.orderId === null ? {} : { orderId: outcome.orderId }),
      });
    case 'promotion-refused':
    case 'reservation-refused': {
      // The refusal as inventory or promotions gave it (409 insufficient-stock with its shortages, 409
      // promotion-limit-reached); a guest gets the short SKUs without the counts.
      const { status, type, title, detail, ...extensions } = outcome.refusal;
      const shown =
        outcome.kind === 'reservation-refused' && audience === 'guest'
          ? withoutCounts(outcome.refusal)
          : { detail, ...extensions };
      return {
        status,
        body: { type, title, status, ...shown, correlationId: outcome.correlationId },
        headers: { 'content-type': PROBLEM_CONTENT_TYPE },
      };
    }
  }
}

/** A stock refusal without units: the SKUs short and what was asked, in `shortages` and the detail. */
function withoutCounts(refusal: Extract<CheckoutOutcome, { kind: 'reservation-refused' }>['refusal']) {
  const listed: unknown = (refusal as { shortages?: unknown }).shortages;
  if (!Array.isArray(listed)) return { detail: refusal.detail };
  // Inventory's shortages (contracts: shortageSchema), of which only the SKU and what was asked are shown.
  const shortages = listed as readonly { readonly sku: string; readonly requested: number }[];
  return {
    detail: `Not enough stock for ${shortages.map((s) => s.sku).join(', ')}.`,
    shortages: shortages.map(({ sku, requested }) => ({ sku, requested })),
  };
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
