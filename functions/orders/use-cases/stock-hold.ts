// Checkout's two questions to inventory about the stock held for an order beyond reserving it: is it still
// held (a resumed checkout must not authorize a payment for stock that is gone), and keep it held now that
// the payment is authorized (so it cannot expire and be resold before the capture).
import { isInternalError } from '@commerce/contracts';
import { PeerUnavailableError } from '@commerce/lambda-kit/internal-client';
import { reservationHolds, type CheckoutOutcome } from '../domain/checkout.ts';
import type { Order } from '../domain/order.ts';
import type { Peers } from '../domain/ports.ts';

export class StockHold {
  readonly #peers: Pick<Peers, 'reserve' | 'extend'>;
  readonly #now: () => Date;

  constructor(peers: Pick<Peers, 'reserve' | 'extend'>, now: () => Date) {
    this.#peers = peers;
    this.#now = now;
  }

  /**
   * A resumed checkout's order, placed but not paid: whether its stock hold is gone (expired, released, or
   * past its time), answered as the outcome to finish with. Reserve answers the order's reservation as it
   * stands (idempotent per order id).
   */
  async gone(order: Order, correlationId: string): Promise<CheckoutOutcome | undefined> {
    if (order.status !== 'pending_payment' || order.payment.status === 'authorized') return undefined;
    const reserved = await this.#peers.reserve({
      orderId: order.id,
      lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      correlationId,
    });
    if (!isInternalError(reserved) && reservationHolds(reserved.reservation, this.#now())) return undefined;
    return { kind: 'reservation-expired', orderId: order.id, correlationId };
  }

  /**
   * Has inventory keep the order's stock held until the capture. False when the hold is gone (expired or
   * released: 404, 422); an inventory that does not answer or is busy is not a refusal: its
   * payment.authorized consumer extends the hold too.
   */
  async keep(orderId: string, correlationId: string): Promise<boolean> {
    try {
      const kept = await this.#peers.extend({ orderId, correlationId });
      // Only "no such reservation" and "not held any more" mean the hold is gone; stock-busy or a failure
      // does not (the consumer of payment.authorized tries again).
      return !isInternalError(kept) || (kept.error.status !== 404 && kept.error.status !== 422);
    } catch (error) {
      if (error instanceof PeerUnavailableError) return true;
      throw error;
    }
  }
}
