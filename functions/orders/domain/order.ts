// What an order is: the lines as bought (prices frozen at purchase), who and where, the money as the payment
// service reports it, the shipment, and every status it has had. The rules that change it sit beside this
// module, one concern each: new-order.ts, order-state.ts (the state machine), order-payment.ts,
// order-fulfilment.ts, order-cancellation.ts, order-refund.ts; order-events.ts says what each announces.
// Pure; no AWS.
import type { DomainEvent } from '@commerce/events';
import { randomUUID } from 'node:crypto';
import type { PostalAddress } from './address.ts';

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'fulfilling',
  'shipped',
  'delivered',
  'cancelled',
  'partially_refunded',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type PaymentStatus =
  'pending' | 'authorized' | 'captured' | 'failed' | 'partially_refunded' | 'refunded';

/** What the order knows about its money; the payment service is the source, the order keeps the record. */
export interface OrderPayment {
  /** Our payment id at the payment service (chosen by checkout, derived from the order id). */
  readonly id?: string;
  /** `stripe`, `sandbox`, ... */
  readonly provider: string;
  readonly intentId?: string;
  readonly status: PaymentStatus;
  readonly authorizedAmount: number;
  readonly capturedAmount: number;
  /** Sum of every refund so far; never above `capturedAmount`. */
  readonly refundedAmount: number;
}

export type ShipmentStatus = 'in_transit' | 'delivered';

export interface Shipment {
  readonly id: string;
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly status: ShipmentStatus;
}

/** A shipment as the shipping service announced it (shipment.created, in_transit, delivered). */
export interface ShipmentNotice {
  readonly id: string;
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly trackingUrl?: string | undefined;
}

/** A line as bought. Amounts are integer minor units of the order's currency, tax-exclusive unless named. */
export interface OrderLine {
  readonly sku: string;
  /** The catalog product of the SKU at checkout; absent on orders placed before orders recorded it. */
  readonly productId?: string;
  /** The product title at purchase time, so the order still reads right after the catalog changes. */
  readonly title: string;
  readonly quantity: number;
  readonly unitPrice: number;
  /** unitPrice × quantity. */
  readonly lineSubtotal: number;
  /** Every discount on this line, order-level promotions included (pricing spreads them over the lines). */
  readonly discount: number;
  readonly tax: number;
  /** lineSubtotal − discount, plus tax unless the order's prices include it. */
  readonly lineTotal: number;
}

/**
 * Integer minor units. grandTotal = subtotal − discountTotal + shipping (+ taxTotal unless `taxIncluded`:
 * where prices include tax, the tax is contained in them and only shown).
 */
export interface OrderTotals {
  readonly subtotal: number;
  readonly discountTotal: number;
  readonly shipping: number;
  /** Line taxes plus the tax on shipping. */
  readonly taxTotal: number;
  readonly grandTotal: number;
  readonly taxIncluded: boolean;
}

/** How to reach the customer about this order (the checkout's choices). */
export interface OrderContact {
  readonly email: string;
  readonly phone?: string;
  readonly locale?: string;
  /** Opted in to order updates by SMS at checkout. */
  readonly smsUpdates: boolean;
}

/**
 * A refund of the order, recorded before the gateway is asked (`requested`, under an id the gateway is
 * idempotent on) and settled by its answer or by payment.refunded (`succeeded`, `failed`). Refunds the
 * payment service made on its own (a cancelled order's) are recorded `succeeded` when payment.refunded
 * tells. See order-refund.ts.
 */
export interface OrderRefund {
  readonly id: string;
  /** Integer minor units. */
  readonly amount: number;
  readonly status: 'requested' | 'succeeded' | 'failed';
  /** ISO 8601. */
  readonly requestedAt: string;
  /** Who asked (a staff member's sub, or `payment` for a refund it announced). */
  readonly actor: string;
  readonly settledAt?: string;
  /** The payment service's problem type when it refused. */
  readonly failure?: string;
}

/**
 * A payment operation that holds the order while it runs: the capture claims the order (a conditional
 * write) before it asks the gateway, and a cancellation meeting the claim waits for the capture's outcome
 * instead of cancelling under it (docs/orders.md, "Capture and cancel").
 */
export interface PaymentOperation {
  readonly kind: 'capture';
  /** ISO 8601. */
  readonly startedAt: string;
}

export interface StatusChange {
  readonly status: OrderStatus;
  /** ISO 8601. */
  readonly at: string;
  readonly reason?: string;
  /** Who caused it: a user's sub, or the service whose event did (`payment`, `shipping`, `system`). */
  readonly actor?: string;
}

export interface Order {
  readonly id: string;
  /** Human readable, see `orderNumber`. */
  readonly number: string;
  /** Null for a guest checkout. */
  readonly customerId: string | null;
  readonly email: string;
  /** ISO 4217. */
  readonly currency: string;
  readonly lines: readonly OrderLine[];
  readonly shippingAddress: PostalAddress;
  readonly billingAddress: PostalAddress;
  readonly contact: OrderContact;
  /** The shipping method (its id at the shipping service). */
  readonly shippingMethod: string;
  /** The goods' weight, for the carrier. */
  readonly totalWeightGrams: number;
  readonly totals: OrderTotals;
  readonly payment: OrderPayment;
  readonly shipment?: Shipment;
  /** Every refund asked for or announced, oldest first (absent on orders from before refunds were kept). */
  readonly refunds?: readonly OrderRefund[];
  /** Set while a capture runs; see PaymentOperation. */
  readonly paymentOperation?: PaymentOperation;
  readonly status: OrderStatus;
  /** Every status the order has had, oldest first; the last entry is the current status. */
  readonly history: readonly StatusChange[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The order after a step, and what to announce in the same write (the outbox), as the catalog types it. */
export interface OrderTransition {
  readonly order: Order;
  readonly events: readonly DomainEvent[];
}

export interface TransitionContext {
  readonly at: Date;
  readonly actor?: string;
  /** Why, in the status history (a person's note, or the cause the service records). */
  readonly reason?: string;
}

/** A step that changes nothing: the order as it is, nothing to announce. */
export function unchanged(order: Order): OrderTransition {
  return { order, events: [] };
}

// ---------------------------------------------------------------------------------------------------------
// Identities

/** The order id's random part also names its payment and its shipment, so retries land on the same ones. */
export const newOrderId = (): string => `ord_${randomUUID().replaceAll('-', '')}`;

/** The order's payment id at the payment service (the idempotency key of its authorization). */
export const paymentIdOf = (orderId: string): string => `pay_${orderId.slice(4)}`;

/** The payment id an order uses: the one it recorded, else the one derived from its id. */
export const orderPaymentId = (order: Order): string => order.payment.id ?? paymentIdOf(order.id);

export const ORDER_NUMBER_PREFIX = 'CM';
export const ORDER_NUMBER_PATTERN = /^CM-\d{4}-\d{6,}$/;

/**
 * The number a customer quotes: `CM-<year>-<seq>`, e.g. `CM-2026-000123`. The year is the UTC year of `date`
 * and `seq` a positive counter, zero-padded to six digits and simply longer past 999999. The counter is
 * meant to be per year (an atomic counter item keyed by the same UTC year as `date`), so numbers restart each
 * January and stay unique because the year is part of them. Not a secret and not the key: orders are
 * stored and authorised by `id`; the number is for people (emails, support calls, packing slips).
 */
export function orderNumber(seq: number, date: Date): string {
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new RangeError(`Order sequence must be a positive integer.`);
  return `${ORDER_NUMBER_PREFIX}-${date.getUTCFullYear()}-${String(seq).padStart(6, '0')}`;
}
