// Consumes order.paid (the order's reserved redemptions are committed: promotion.redeemed, and the buyer has
// had a paid order: no more `first-order` promotions) and
// order.cancelled (released when the order was never paid: promotion.released; an order cancelled after
// payment keeps them, and they are committed if order.paid has not arrived yet). Each step moves a
// redemption out of `reserved` under a condition, so a redelivery changes nothing.
import { eventConsumer } from '@commerce/lambda-kit/consumer';
import type { ReleaseReason } from '../promotions.ts';
import { promotions } from '../runtime.ts';
import { promotionsSubscriptions } from '../subscriptions.ts';

/** Statuses an order has only once paid. */
const PAID = new Set(['paid', 'fulfilling', 'shipped', 'delivered', 'partially_refunded', 'refunded']);

const RELEASE_REASONS: Record<string, ReleaseReason> = {
  payment_failed: 'payment_failed',
  payment_timeout: 'payment_timeout',
  reservation_expired: 'reservation_expired',
};

export const handler = eventConsumer(promotionsSubscriptions['order-events'], {
  'order.paid': async ({ orderId, customerId, contact }, event) => {
    await promotions.commitOrder(orderId, event);
    await promotions.recordPaidOrder(orderId, { customerId, email: contact.email });
  },
  'order.cancelled': async ({ orderId, previousStatus, reason }, event) => {
    if (PAID.has(previousStatus)) await promotions.commitOrder(orderId, event);
    else await promotions.releaseOrder(orderId, RELEASE_REASONS[reason] ?? 'cancelled', event);
  },
});
