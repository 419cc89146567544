// How the order's lifecycle maps onto its reservation: which release reason a cancellation carries.
import type { ReleaseReason } from './reservation.ts';

/** The reasons the orders service gives for a cancellation (order.cancelled `reason`). */
export type OrderCancelReason =
  'customer_request' | 'staff' | 'payment_failed' | 'payment_timeout' | 'reservation_expired';

/**
 * A cancellation because the money never came (declined, or the gateway did not answer) releases for
 * `payment_failed`; every other cancellation for `order_cancelled`, which also gives back the units of an
 * order that was paid (committed) and cancelled before it shipped.
 */
export function releaseReasonFor(reason: OrderCancelReason): ReleaseReason {
  return reason === 'payment_failed' || reason === 'payment_timeout' ? 'payment_failed' : 'order_cancelled';
}
