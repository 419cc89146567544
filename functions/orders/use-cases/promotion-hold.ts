// Checkout's hold on the promotions a cart was priced with: reserved after the stock, with the amounts the
// order will carry, all or none (promotions checks each limit with a conditional write). Nothing is asked
// when no promotion applied. Held by a checkout that died before writing its order, they are released when
// its stock hold expires (OrderLifecycle.onReservationExpired finds no order).
import { isInternalError } from '@commerce/contracts';
import type { CheckoutOutcome } from '../domain/checkout.ts';
import type { Peers } from '../domain/ports.ts';
import type { PricedQuote } from './cart-pricing.ts';

/**
 * Reserves the promotions the quote applied for the order. A refusal (one ran out since the cart was priced,
 * or its single-use code was taken) is the outcome, and the stock just held goes back at once (if inventory
 * does not answer, the hold expires and that gives it back).
 */
export async function holdPromotions(
  peers: Pick<Peers, 'reservePromotions' | 'release'>,
  orderId: string,
  ready: {
    readonly record: { readonly cart: { readonly customerId: string | null } };
    readonly quote: PricedQuote;
    readonly email: string;
  },
  correlationId: string,
): Promise<CheckoutOutcome | undefined> {
  const { quote, email } = ready;
  const applied = quote.promotions?.applied ?? [];
  if (applied.length === 0) return undefined;
  const { customerId } = ready.record.cart;
  const reserved = await peers.reservePromotions({
    orderId,
    buyer: customerId === null ? { email } : { customerId },
    redemptions: applied.map((a) => ({
      promotionId: a.promotionId,
      amount: a.amount,
      currency: quote.currency,
      ...(a.code === undefined ? {} : { code: a.code }),
    })),
    correlationId,
  });
  if (!isInternalError(reserved)) return undefined;
  await peers
    // The order is given up before it exists: to inventory, a cancelled order.
    .release({ orderId, reason: 'order_cancelled', correlationId })
    .catch(() => undefined /* the hold expires instead */);
  return { kind: 'promotion-refused', refusal: reserved.error, correlationId };
}
