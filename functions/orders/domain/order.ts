// Order rules: what an order holds (prices frozen at purchase), the state machine from payment to delivery,
// cancellation and refunds, and the events each step announces. Pure; no AWS.
import { UnprocessableError, ValidationError, type FieldError } from '@commerce/lambda-kit/errors';
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

/** The statuses on the way to the customer, in order; refunds and cancellation sit beside this line. */
export const FULFILMENT_STAGES = ['pending_payment', 'paid', 'fulfilling', 'shipped', 'delivered'] as const;
export type FulfilmentStage = (typeof FULFILMENT_STAGES)[number];

/** Statuses from which nothing moves: the order is over. */
export const TERMINAL_STATUSES: readonly OrderStatus[] = ['cancelled', 'refunded'];

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

/** A line as bought. Amounts are integer minor units of the order's currency, tax-exclusive unless named. */
export interface OrderLine {
  readonly sku: string;
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
  readonly status: OrderStatus;
  /** Every status the order has had, oldest first; the last entry is the current status. */
  readonly history: readonly StatusChange[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface LineRef {
  readonly sku: string;
  readonly quantity: number;
}

interface OrderRef {
  readonly orderId: string;
  readonly number: string;
  readonly customerId: string | null;
}

/** What a step announces, as plain data; the service maps each to its module in the event catalog. */
export type OrderEvent =
  | {
      readonly type: 'order.created';
      readonly data: OrderRef & {
        readonly currency: string;
        readonly grandTotal: number;
        readonly lines: readonly LineRef[];
      };
    }
  | {
      readonly type: 'order.paid';
      readonly data: OrderRef & {
        readonly currency: string;
        readonly capturedAmount: number;
        readonly paymentIntentId?: string;
        readonly lines: readonly LineRef[];
      };
    }
  | { readonly type: 'order.fulfilment_started'; readonly data: OrderRef }
  | { readonly type: 'order.shipped'; readonly data: OrderRef & { readonly shipment: Shipment } }
  | { readonly type: 'order.delivered'; readonly data: OrderRef & { readonly shipmentId?: string } }
  | {
      readonly type: 'order.cancelled';
      readonly data: OrderRef & {
        readonly previousStatus: OrderStatus;
        readonly reason?: string;
        readonly currency: string;
        /** Captured and not yet refunded: what the payment service must give back (0: void or nothing). */
        readonly refundDue: number;
        readonly lines: readonly LineRef[];
      };
    }
  | {
      readonly type: 'order.refunded';
      readonly data: OrderRef & {
        readonly currency: string;
        /** This refund. */
        readonly amount: number;
        /** All refunds so far, this one included. */
        readonly refundedAmount: number;
        readonly capturedAmount: number;
        /** Everything captured is now refunded. */
        readonly full: boolean;
        /** False when the goods never left: inventory can put them back after a full refund. */
        readonly goodsShipped: boolean;
      };
    };

export type OrderEventType = OrderEvent['type'];

/** The order after a step, and what to announce in the same write (the outbox). */
export interface OrderTransition {
  readonly order: Order;
  readonly events: readonly OrderEvent[];
}

export interface TransitionContext {
  readonly at: Date;
  readonly actor?: string;
  readonly reason?: string;
}

/** A move the state machine does not allow; `from` and `to` name the statuses. */
export class IllegalTransitionError extends UnprocessableError {
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  constructor(orderId: string, from: OrderStatus, to: OrderStatus) {
    super(`Order ${orderId} cannot go from ${from} to ${to}.`, 'illegal-transition');
    this.from = from;
    this.to = to;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Numbers and creation

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

export interface NewOrderLine {
  readonly sku: string;
  readonly title: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly discount?: number;
  readonly tax: number;
}

/** Everything checkout has settled: the priced lines (from the final pricing quote), who, where, how much. */
export interface NewOrder {
  readonly id: string;
  readonly number: string;
  readonly customerId: string | null;
  readonly email: string;
  readonly currency: string;
  readonly lines: readonly NewOrderLine[];
  readonly shippingAddress: PostalAddress;
  readonly billingAddress: PostalAddress;
  readonly shipping: { readonly amount: number; readonly tax?: number };
  readonly paymentProvider: string;
  readonly paymentId?: string;
  /** Prices and shipping include tax (the destination's tax mode, from the pricing quote). @default false */
  readonly taxIncluded?: boolean;
  readonly shippingMethod: string;
  readonly totalWeightGrams: number;
  readonly contact: Omit<OrderContact, 'email'>;
}

/** A new order waiting for payment, with its totals computed from the lines; announces `order.created`. */
export function newOrder(input: NewOrder, ctx: TransitionContext): OrderTransition {
  const errors: FieldError[] = [];
  const at = (pointer: string, detail: string) => errors.push({ in: 'body', pointer, detail });
  const money = (pointer: string, value: number) => {
    if (!Number.isSafeInteger(value) || value < 0)
      at(pointer, 'Must be a non-negative integer (minor units).');
  };

  if (!/^[A-Z]{3}$/.test(input.currency)) at('/currency', 'Must be an ISO 4217 code such as EUR.');
  if (input.lines.length === 0) at('/lines', 'An order needs at least one line.');
  const skus = new Set<string>();
  const lines: OrderLine[] = input.lines.map((line, i) => {
    if (skus.has(line.sku)) at(`/lines/${i}/sku`, `SKU "${line.sku}" appears twice; merge the lines.`);
    skus.add(line.sku);
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      at(`/lines/${i}/quantity`, 'Must be a positive integer.');
    }
    const discount = line.discount ?? 0;
    money(`/lines/${i}/unitPrice`, line.unitPrice);
    money(`/lines/${i}/discount`, discount);
    money(`/lines/${i}/tax`, line.tax);
    const lineSubtotal = line.unitPrice * line.quantity;
    if (discount > lineSubtotal) at(`/lines/${i}/discount`, 'A discount cannot exceed the line subtotal.');
    return {
      sku: line.sku,
      title: line.title,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      lineSubtotal,
      discount,
      tax: line.tax,
      lineTotal: lineSubtotal - discount + (input.taxIncluded === true ? 0 : line.tax),
    };
  });
  const shippingTax = input.shipping.tax ?? 0;
  money('/shipping/amount', input.shipping.amount);
  money('/shipping/tax', shippingTax);

  const sum = (pick: (l: OrderLine) => number) => lines.reduce((total, l) => total + pick(l), 0);
  const subtotal = sum((l) => l.lineSubtotal);
  const discountTotal = sum((l) => l.discount);
  const taxTotal = sum((l) => l.tax) + shippingTax;
  const taxIncluded = input.taxIncluded === true;
  const grandTotal = subtotal - discountTotal + input.shipping.amount + (taxIncluded ? 0 : taxTotal);
  if (errors.length === 0 && !Number.isSafeInteger(grandTotal)) at('/lines', 'The order total is too large.');
  if (errors.length > 0) throw new ValidationError(errors);

  const now = ctx.at.toISOString();
  const order: Order = {
    id: input.id,
    number: input.number,
    customerId: input.customerId,
    email: input.email,
    currency: input.currency,
    lines,
    shippingAddress: input.shippingAddress,
    billingAddress: input.billingAddress,
    contact: { ...input.contact, email: input.email },
    shippingMethod: input.shippingMethod,
    totalWeightGrams: input.totalWeightGrams,
    totals: { subtotal, discountTotal, shipping: input.shipping.amount, taxTotal, grandTotal, taxIncluded },
    payment: {
      ...(input.paymentId !== undefined ? { id: input.paymentId } : {}),
      provider: input.paymentProvider,
      status: 'pending',
      authorizedAmount: 0,
      capturedAmount: 0,
      refundedAmount: 0,
    },
    status: 'pending_payment',
    history: [historyEntry('pending_payment', ctx)],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  return {
    order,
    events: [
      {
        type: 'order.created',
        data: { ...ref(order), currency: order.currency, grandTotal, lines: lineRefs(order) },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// The state machine

const NEXT_STAGE: Readonly<Record<FulfilmentStage, FulfilmentStage | undefined>> = {
  pending_payment: 'paid',
  paid: 'fulfilling',
  fulfilling: 'shipped',
  shipped: 'delivered',
  delivered: undefined,
};

/**
 * Cancellation stops at `fulfilling`: once a parcel is handed to a carrier we can no longer keep the goods
 * from the customer, so the way back is a return and a refund, not a cancellation.
 */
const CANCELLABLE_STAGES: ReadonlySet<FulfilmentStage> = new Set(['pending_payment', 'paid', 'fulfilling']);

function isStage(status: OrderStatus): status is FulfilmentStage {
  return (FULFILMENT_STAGES as readonly string[]).includes(status);
}

/**
 * Where the goods are, whatever happened to the money: the current status when it is on the fulfilment
 * line, otherwise the last such status in the history. A partial refund (one line out of stock, a goodwill
 * gesture) does not stop the rest of the order: a `partially_refunded` order moves on from this stage.
 */
export function fulfilmentStage(order: Order): FulfilmentStage {
  if (isStage(order.status)) return order.status;
  for (let i = order.history.length - 1; i >= 0; i--) {
    const status = order.history[i]!.status;
    if (isStage(status)) return status;
  }
  return 'pending_payment';
}

/**
 * The statuses the order may move to next:
 * - along the line pending_payment → paid → fulfilling → shipped → delivered (from partially_refunded too,
 *   continuing from its fulfilment stage);
 * - to cancelled while the stage is pending_payment, paid or fulfilling (see CANCELLABLE_STAGES);
 * - to partially_refunded or refunded once paid (refunds accumulate; which of the two is decided by the
 *   amount, see `refund`);
 * - nothing from cancelled or refunded.
 */
export function allowedTransitions(order: Order): readonly OrderStatus[] {
  if (TERMINAL_STATUSES.includes(order.status)) return [];
  const stage = fulfilmentStage(order);
  const next = NEXT_STAGE[stage];
  return [
    ...(next ? [next] : []),
    ...(CANCELLABLE_STAGES.has(stage) ? (['cancelled'] as const) : []),
    ...(stage !== 'pending_payment' ? (['partially_refunded', 'refunded'] as const) : []),
  ];
}

export function canTransition(order: Order, to: OrderStatus): boolean {
  return allowedTransitions(order).includes(to);
}

export function assertTransition(order: Order, to: OrderStatus): void {
  if (!canTransition(order, to)) throw new IllegalTransitionError(order.id, order.status, to);
}

/** Records the payment authorisation while the order waits for capture; no status change. */
export function recordAuthorization(
  order: Order,
  payment: { readonly intentId: string; readonly amount: number },
  ctx: TransitionContext,
): OrderTransition {
  assertAwaitingPayment(order);
  if (payment.amount < order.totals.grandTotal) {
    throw new UnprocessableError(
      `Authorised ${payment.amount} does not cover the order total ${order.totals.grandTotal}.`,
      'payment-amount-mismatch',
    );
  }
  return {
    order: touch(order, ctx, {
      payment: {
        ...order.payment,
        intentId: payment.intentId,
        status: 'authorized',
        authorizedAmount: payment.amount,
      },
    }),
    events: [],
  };
}

/** Notes the gateway's reference while the payment waits for the customer's action; no status change. */
export function recordPaymentIntent(order: Order, intentId: string, ctx: TransitionContext): OrderTransition {
  assertAwaitingPayment(order);
  if (order.payment.intentId === intentId) return { order, events: [] };
  return { order: touch(order, ctx, { payment: { ...order.payment, intentId } }), events: [] };
}

/** A failed attempt; the order keeps waiting so the customer can pay again. No status change. */
export function recordPaymentFailure(order: Order, ctx: TransitionContext): OrderTransition {
  assertAwaitingPayment(order);
  return { order: touch(order, ctx, { payment: { ...order.payment, status: 'failed' } }), events: [] };
}

/** pending_payment → paid. The capture must be exactly the order total. */
export function markPaid(
  order: Order,
  payment: { readonly capturedAmount: number; readonly intentId?: string },
  ctx: TransitionContext,
): OrderTransition {
  assertTransition(order, 'paid');
  if (payment.capturedAmount !== order.totals.grandTotal) {
    throw new UnprocessableError(
      `Captured ${payment.capturedAmount} but the order total is ${order.totals.grandTotal}.`,
      'payment-amount-mismatch',
    );
  }
  const intentId = payment.intentId ?? order.payment.intentId;
  const after = moveTo(order, 'paid', ctx, {
    payment: {
      ...order.payment,
      ...(intentId !== undefined ? { intentId } : {}),
      status: 'captured',
      authorizedAmount: Math.max(order.payment.authorizedAmount, payment.capturedAmount),
      capturedAmount: payment.capturedAmount,
    },
  });
  return {
    order: after,
    events: [
      {
        type: 'order.paid',
        data: {
          ...ref(after),
          currency: after.currency,
          capturedAmount: payment.capturedAmount,
          ...(intentId !== undefined ? { paymentIntentId: intentId } : {}),
          lines: lineRefs(after),
        },
      },
    ],
  };
}

/** → fulfilling: the warehouse starts picking. */
export function startFulfilment(order: Order, ctx: TransitionContext): OrderTransition {
  const after = moveTo(order, 'fulfilling', ctx, {});
  return { order: after, events: [{ type: 'order.fulfilment_started', data: ref(after) }] };
}

/** → shipped, with the carrier's tracking. */
export function markShipped(
  order: Order,
  shipment: Pick<Shipment, 'id' | 'carrier' | 'trackingNumber'>,
  ctx: TransitionContext,
): OrderTransition {
  const recorded: Shipment = { ...shipment, status: 'in_transit' };
  const after = moveTo(order, 'shipped', ctx, { shipment: recorded });
  return { order: after, events: [{ type: 'order.shipped', data: { ...ref(after), shipment: recorded } }] };
}

/** → delivered. */
export function markDelivered(order: Order, ctx: TransitionContext): OrderTransition {
  const shipment = order.shipment ? { ...order.shipment, status: 'delivered' as const } : undefined;
  const after = moveTo(order, 'delivered', ctx, shipment ? { shipment } : {});
  return {
    order: after,
    events: [
      {
        type: 'order.delivered',
        data: { ...ref(after), ...(shipment ? { shipmentId: shipment.id } : {}) },
      },
    ],
  };
}

/**
 * → cancelled, from a stage before shipping. Money captured and not yet refunded is announced as
 * `refundDue`; the payment service gives it back and its refund is then recorded with `refund`, which on a
 * cancelled order only updates the payment record.
 */
export function cancel(order: Order, ctx: TransitionContext): OrderTransition {
  const after = moveTo(order, 'cancelled', ctx, {});
  return {
    order: after,
    events: [
      {
        type: 'order.cancelled',
        data: {
          ...ref(after),
          previousStatus: order.status,
          ...(ctx.reason !== undefined ? { reason: ctx.reason } : {}),
          currency: after.currency,
          refundDue: order.payment.capturedAmount - order.payment.refundedAmount,
          lines: lineRefs(after),
        },
      },
    ],
  };
}

/**
 * Records a refund of `amount` minor units. Refunds accumulate and their sum never exceeds what was captured
 * (422 `refund-exceeds-captured`). When the sum reaches the captured amount the order becomes `refunded`
 * (terminal), otherwise `partially_refunded`. On a cancelled order the refund is recorded in the payment
 * only: cancelled stays the status, since it already says why the money goes back.
 */
export function refund(order: Order, amount: number, ctx: TransitionContext): OrderTransition {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new ValidationError([
      { in: 'body', pointer: '/amount', detail: 'Must be a positive integer (minor units).' },
    ]);
  }
  const { capturedAmount } = order.payment;
  const refundedAmount = order.payment.refundedAmount + amount;
  const full = refundedAmount === capturedAmount;
  const cancelled = order.status === 'cancelled';
  if (!cancelled) assertTransition(order, full ? 'refunded' : 'partially_refunded');
  if (refundedAmount > capturedAmount) {
    throw new UnprocessableError(
      `Refunding ${amount} would bring refunds to ${refundedAmount}, above the ${capturedAmount} captured.`,
      'refund-exceeds-captured',
    );
  }
  const payment: OrderPayment = {
    ...order.payment,
    refundedAmount,
    status: full ? 'refunded' : 'partially_refunded',
  };
  const after = cancelled
    ? touch(order, ctx, { payment })
    : moveTo(order, full ? 'refunded' : 'partially_refunded', ctx, { payment });
  const stage = fulfilmentStage(order);
  return {
    order: after,
    events: [
      {
        type: 'order.refunded',
        data: {
          ...ref(after),
          currency: after.currency,
          amount,
          refundedAmount,
          capturedAmount,
          full,
          goodsShipped: !cancelled && (stage === 'shipped' || stage === 'delivered'),
        },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------

function assertAwaitingPayment(order: Order): void {
  if (order.status !== 'pending_payment') {
    throw new UnprocessableError(
      `Order ${order.id} is ${order.status}; it no longer takes payments.`,
      'payment-not-pending',
    );
  }
}

function historyEntry(status: OrderStatus, ctx: TransitionContext): StatusChange {
  return {
    status,
    at: ctx.at.toISOString(),
    ...(ctx.reason !== undefined ? { reason: ctx.reason } : {}),
    ...(ctx.actor !== undefined ? { actor: ctx.actor } : {}),
  };
}

function touch(order: Order, ctx: TransitionContext, patch: Partial<Order>): Order {
  return { ...order, ...patch, version: order.version + 1, updatedAt: ctx.at.toISOString() };
}

function moveTo(order: Order, to: OrderStatus, ctx: TransitionContext, patch: Partial<Order>): Order {
  assertTransition(order, to);
  return touch(order, ctx, { ...patch, status: to, history: [...order.history, historyEntry(to, ctx)] });
}

function ref(order: Order): OrderRef {
  return { orderId: order.id, number: order.number, customerId: order.customerId };
}

function lineRefs(order: Order): LineRef[] {
  return order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }));
}
