// The notification kinds and the view model each template takes: already-decided facts (numbers, names,
// amounts as Money, links), no lookups and no formatting.
import type { Money } from './money-format.ts';

export const NOTIFICATION_KINDS = [
  /** No longer sent (order.created precedes the payment); kept so log entries written before stay valid. */
  'order_created',
  'order_paid',
  'payment_failed',
  'shipment_created',
  'shipment_delivered',
  'order_cancelled',
  'order_refunded',
  'review_request',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * The kinds sent by email only, whatever SMS the contact opted in to: a review request is no news of the
 * order, and the opt-in covers order and shipping updates. Their templates write no SMS text.
 */
export const EMAIL_ONLY_KINDS = ['review_request'] as const satisfies readonly NotificationKind[];
export type EmailOnlyKind = (typeof EMAIL_ONLY_KINDS)[number];

/**
 * The event (detail-type) each kind answers. Every order.* event carries the contact, so the service
 * subscribes to these alone (not payment.* or shipment.*); review.requested carries it too. Three exceptions
 * to a plain lookup: an order.cancelled whose payment was never authorized sends nothing, one whose reason is
 * `payment_failed` or `payment_timeout` answers `payment_failed` instead (one mail, not two), and
 * order.shipped sends nothing (the shopper already got `shipment_created` when the label was issued). See
 * domain/order-notification.ts and domain/review-request.ts.
 */
export const NOTIFICATION_KIND_BY_EVENT: Readonly<Record<string, NotificationKind>> = {
  'order.paid': 'order_paid',
  'order.fulfilment_started': 'shipment_created',
  'order.delivered': 'shipment_delivered',
  'order.cancelled': 'order_cancelled',
  'order.refunded': 'order_refunded',
  'review.requested': 'review_request',
};

export interface OrderLineView {
  readonly title: string;
  readonly quantity: number;
  /** What the line costs in all, as the order shows it. */
  readonly total: Money;
}

/** What every message knows. */
export interface BaseView {
  readonly shopName: string;
  readonly customerName: string;
  /** The order number the customer sees. */
  readonly orderNumber: string;
  /** The order's page in the storefront. */
  readonly orderUrl?: string;
}

export interface OrderCreatedView extends BaseView {
  readonly lines: readonly OrderLineView[];
  readonly shipping: Money;
  readonly total: Money;
}

export interface OrderPaidView extends BaseView {
  readonly total: Money;
}

export interface PaymentFailedView extends BaseView {
  /** What the customer tried to pay, when known (order.cancelled does not say). */
  readonly total?: Money;
  /** Where the customer can order again (the order itself is cancelled). */
  readonly retryUrl?: string;
}

export interface ShipmentView extends BaseView {
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly trackingUrl?: string;
}

export interface ShipmentDeliveredView extends BaseView {
  /** Absent when the delivery was recorded without a shipment (staff marked the order delivered). */
  readonly carrier?: string;
  readonly trackingNumber?: string;
  /** Where the buyer reviews what was delivered (domain/storefront-links.ts). */
  readonly reviewUrl?: string;
}

export interface OrderCancelledView extends BaseView {
  /** What goes back to the customer, when anything was paid. */
  readonly refund?: Money;
}

export interface OrderRefundedView extends BaseView {
  readonly amount: Money;
  /** True when only part of the order was refunded. */
  readonly partial: boolean;
}

export interface ReviewRequestView extends BaseView {
  /** The titles of the order's products the buyer has not reviewed yet, at least one. */
  readonly products: readonly string[];
  /** Where the buyer writes the reviews: their account's reviews, or a guest's signed review page. */
  readonly reviewUrl: string;
  /**
   * Where the buyer stops these emails: the account page (a customer's "Email me review requests"), or the
   * guest's review page (which has the switch for their order).
   */
  readonly optOut: { readonly page: 'account' | 'review-page'; readonly url: string };
}

export interface NotificationModels {
  readonly order_created: OrderCreatedView;
  readonly order_paid: OrderPaidView;
  readonly payment_failed: PaymentFailedView;
  readonly shipment_created: ShipmentView;
  readonly shipment_delivered: ShipmentDeliveredView;
  readonly order_cancelled: OrderCancelledView;
  readonly order_refunded: OrderRefundedView;
  readonly review_request: ReviewRequestView;
}
