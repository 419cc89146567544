import {
  OrderCancelled,
  OrderCreated,
  OrderDelivered,
  OrderPaid,
  OrderRefunded,
  OrderShipped,
} from '@commerce/events';
import { DomainError, UnprocessableError, ValidationError } from '@commerce/lambda-kit/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { PostalAddress } from '../../../functions/orders/domain/address.ts';
import { newOrder, type NewOrder } from '../../../functions/orders/domain/new-order.ts';
import {
  ORDER_NUMBER_PATTERN,
  ORDER_STATUSES,
  orderNumber,
  type Order,
  type OrderStatus,
  type OrderTransition,
  type TransitionContext,
} from '../../../functions/orders/domain/order.ts';
import { cancel } from '../../../functions/orders/domain/order-cancellation.ts';
import { orderCreated } from '../../../functions/orders/domain/order-events.ts';
import {
  markDelivered,
  markShipped,
  startFulfilment,
} from '../../../functions/orders/domain/order-fulfilment.ts';
import {
  markPaid,
  recordAuthorization,
  recordPaymentFailure,
} from '../../../functions/orders/domain/order-payment.ts';
import { refund } from '../../../functions/orders/domain/order-refund.ts';
import {
  allowedTransitions,
  canTransition,
  fulfilmentStage,
  IllegalTransitionError,
} from '../../../functions/orders/domain/order-state.ts';
import { orderSchema } from '../../../functions/orders/views.ts';

const t0 = new Date('2026-03-01T10:00:00.000Z');
const ctx = (minutes = 1, extra: Omit<TransitionContext, 'at'> = {}): TransitionContext => ({
  at: new Date(t0.getTime() + minutes * 60_000),
  ...extra,
});

const address: PostalAddress = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};

function input(overrides: Partial<NewOrder> = {}): NewOrder {
  return {
    id: 'ord-1',
    number: 'CM-2026-000001',
    customerId: 'cust-1',
    email: 'ada@example.com',
    currency: 'EUR',
    lines: [
      {
        sku: 'SHIRT-M',
        productId: 'prod-shirt',
        title: 'Linen shirt M',
        quantity: 2,
        unitPrice: 2500,
        discount: 500,
        tax: 900,
      },
      { sku: 'SOCKS', productId: 'prod-socks', title: 'Socks', quantity: 3, unitPrice: 400, tax: 240 },
    ],
    shippingAddress: address,
    billingAddress: address,
    shipping: { amount: 495, tax: 99 },
    paymentProvider: 'sandbox',
    shippingMethod: 'standard',
    totalWeightGrams: 900,
    contact: { smsUpdates: false },
    ...overrides,
  };
}

// subtotal 5000 + 1200 = 6200, discount 500, shipping 495, tax 900 + 240 + 99 = 1239
const GRAND_TOTAL = 6200 - 500 + 495 + 1239;

const shipment = { id: 'shp-1', carrier: 'sandbox', trackingNumber: 'TRK123' };

/** What every order.* event carries for the order `input()` makes. */
const REF = {
  orderId: 'ord-1',
  number: 'CM-2026-000001',
  customerId: 'cust-1',
  currency: 'EUR',
  contact: { email: 'ada@example.com', name: 'Ada Lovelace', smsUpdates: false },
};

describe('newOrder with tax-inclusive prices', () => {
  it('keeps the tax inside the line totals and the grand total, and still reports it', () => {
    const { order } = newOrder(input({ taxIncluded: true }), ctx(0));
    expect(order.totals).toEqual({
      subtotal: 6200,
      discountTotal: 500,
      shipping: 495,
      taxTotal: 1239,
      grandTotal: 6200 - 500 + 495,
      taxIncluded: true,
    });
    expect(order.lines[0]!.lineTotal).toBe(5000 - 500);
  });
});

const pending = (): Order => newOrder(input(), ctx(0)).order;
const paid = (): Order =>
  markPaid(pending(), { capturedAmount: GRAND_TOTAL, intentId: 'pi_1' }, ctx(1)).order;
const fulfilling = (): Order => startFulfilment(paid(), shipment, ctx(2)).order;
const shipped = (): Order => markShipped(fulfilling(), shipment, ctx(3)).order;
const delivered = (): Order => markDelivered(shipped(), undefined, ctx(4)).order;
const cancelled = (): Order => cancel(paid(), 'staff', ctx(2)).order;
const partiallyRefundedWhilePaid = (): Order => refund(paid(), 1000, ctx(2)).order;
const partiallyRefundedAfterShipping = (): Order => refund(shipped(), 1000, ctx(4)).order;
const refunded = (): Order => refund(paid(), GRAND_TOTAL, ctx(2)).order;

function problem(fn: () => unknown): { error: DomainError; slug: string; status: number } {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return { error, slug: error.problemType, status: error.status };
    throw error;
  }
  throw new Error('expected a domain error');
}

describe('orderNumber', () => {
  it('is CM-<UTC year>-<sequence padded to six digits>', () => {
    expect(orderNumber(123, new Date('2026-05-01T00:00:00Z'))).toBe('CM-2026-000123');
    expect(orderNumber(1, new Date('2027-01-01T00:00:00Z'))).toBe('CM-2027-000001');
  });

  it('grows past six digits instead of wrapping', () => {
    expect(orderNumber(1_234_567, t0)).toBe('CM-2026-1234567');
    expect(orderNumber(1_234_567, t0)).toMatch(ORDER_NUMBER_PATTERN);
  });

  it('takes the year in UTC, not in the local time zone', () => {
    expect(orderNumber(7, new Date('2026-12-31T23:30:00-05:00'))).toBe('CM-2027-000007');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the sequence %s', (seq) => {
    expect(() => orderNumber(seq, t0)).toThrow(RangeError);
  });
});

describe('newOrder', () => {
  it('freezes the lines and computes every total in minor units', () => {
    const { order, events } = newOrder(input(), ctx(0));
    expect(order.lines[0]).toEqual({
      sku: 'SHIRT-M',
      productId: 'prod-shirt',
      title: 'Linen shirt M',
      quantity: 2,
      unitPrice: 2500,
      lineSubtotal: 5000,
      discount: 500,
      tax: 900,
      lineTotal: 5400,
    });
    expect(order.lines[1]).toMatchObject({ discount: 0, lineSubtotal: 1200, lineTotal: 1440 });
    expect(order.totals).toEqual({
      subtotal: 6200,
      discountTotal: 500,
      shipping: 495,
      taxTotal: 1239,
      grandTotal: GRAND_TOTAL,
      taxIncluded: false,
    });
    expect(order.totals.grandTotal).toBe(
      order.lines.reduce((sum, l) => sum + l.lineTotal, 0) + order.totals.shipping + 99,
    );
    expect(events).toEqual([
      {
        event: OrderCreated,
        data: {
          ...REF,
          lines: [
            {
              sku: 'SHIRT-M',
              title: 'Linen shirt M',
              quantity: 2,
              unitPrice: 2500,
              lineTotal: 5400,
              productId: 'prod-shirt',
            },
            {
              sku: 'SOCKS',
              title: 'Socks',
              quantity: 3,
              unitPrice: 400,
              lineTotal: 1440,
              productId: 'prod-socks',
            },
          ],
          totals: order.totals,
          shippingMethod: 'standard',
          paymentProvider: 'sandbox',
        },
      },
    ]);
    expect(events[0]!.data).toMatchObject({ totals: { grandTotal: GRAND_TOTAL } });
  });

  it('starts pending payment at version 1 with one history entry and an empty payment record', () => {
    const order = newOrder(input({ customerId: null }), ctx(0, { actor: 'guest' })).order;
    expect(order).toMatchObject({
      status: 'pending_payment',
      customerId: null,
      version: 1,
      createdAt: ctx(0).at.toISOString(),
      updatedAt: ctx(0).at.toISOString(),
      payment: {
        provider: 'sandbox',
        status: 'pending',
        authorizedAmount: 0,
        capturedAmount: 0,
        refundedAmount: 0,
      },
    });
    expect(order.history).toEqual([
      { status: 'pending_payment', at: ctx(0).at.toISOString(), actor: 'guest' },
    ]);
    expect(order.shipment).toBeUndefined();
  });

  it('refuses what cannot be an order, naming each field', () => {
    const error = problem(() =>
      newOrder(
        input({
          currency: 'eur',
          lines: [
            { sku: 'A', title: 'A', quantity: 0, unitPrice: 100, tax: 0 },
            { sku: 'A', title: 'A again', quantity: 1, unitPrice: 100, discount: 101, tax: -1 },
            { sku: 'B', title: 'B', quantity: 1, unitPrice: 9.99, tax: 0 },
          ],
        }),
        ctx(0),
      ),
    ).error as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.errors.map((e) => e.pointer)).toEqual([
      '/currency',
      '/lines/0/quantity',
      '/lines/1/sku',
      '/lines/1/tax',
      '/lines/1/discount',
      '/lines/2/unitPrice',
    ]);
  });

  it('refuses an order without lines', () => {
    expect(() => newOrder(input({ lines: [] }), ctx(0))).toThrow(ValidationError);
  });
});

describe('the transition table', () => {
  const next = (to: OrderStatus, order: Order): OrderTransition => {
    const c = ctx(10);
    switch (to) {
      case 'paid':
        return markPaid(order, { capturedAmount: order.totals.grandTotal }, c);
      case 'fulfilling':
        return startFulfilment(order, shipment, c);
      case 'shipped':
        return markShipped(order, shipment, c);
      case 'delivered':
        return markDelivered(order, undefined, c);
      case 'cancelled':
        return cancel(order, 'staff', c);
      case 'partially_refunded':
        return refund(order, 1, c);
      case 'refunded':
        return refund(order, Math.max(1, order.payment.capturedAmount - order.payment.refundedAmount), c);
      default:
        throw new Error(`no step to ${to}`);
    }
  };
  const targets = ORDER_STATUSES.filter((s) => s !== 'pending_payment');
  const table: [string, () => Order, OrderStatus[]][] = [
    ['pending_payment', pending, ['paid', 'cancelled']],
    ['paid', paid, ['fulfilling', 'cancelled', 'partially_refunded', 'refunded']],
    ['fulfilling', fulfilling, ['shipped', 'cancelled', 'partially_refunded', 'refunded']],
    ['shipped', shipped, ['delivered', 'partially_refunded', 'refunded']],
    ['delivered', delivered, ['partially_refunded', 'refunded']],
    ['cancelled', cancelled, []],
    [
      'partially_refunded before shipping',
      partiallyRefundedWhilePaid,
      ['fulfilling', 'cancelled', 'partially_refunded', 'refunded'],
    ],
    [
      'partially_refunded after shipping',
      partiallyRefundedAfterShipping,
      ['delivered', 'partially_refunded', 'refunded'],
    ],
    ['refunded', refunded, []],
  ];

  it.each(table)('from %s allows exactly the expected statuses', (_name, make, allowed) => {
    expect([...allowedTransitions(make())].sort()).toEqual([...allowed].sort());
  });

  const cases = table.flatMap(([name, make, allowed]) =>
    targets.map((to) => [name, to, allowed.includes(to), make] as const),
  );

  it.each(cases)('%s → %s: legal=%s', (_name, to, legal, make) => {
    const before = make();
    expect(canTransition(before, to)).toBe(legal);
    if (legal) {
      const { order, events } = next(to, before);
      expect(order.status).toBe(to);
      expect(order.version).toBe(before.version + 1);
      expect(order.history.at(-1)).toMatchObject({ status: to, at: ctx(10).at.toISOString() });
      expect(order.history).toHaveLength(before.history.length + 1);
      expect(events).toHaveLength(1);
    } else if (before.status === 'cancelled' && to.endsWith('refunded')) {
      // A refund of a cancelled order is recorded in the payment only (see the refund tests).
      const { order } = next(to, before);
      expect(order.status).toBe('cancelled');
      expect(order.history).toEqual(before.history);
    } else {
      const { error, slug, status } = problem(() => next(to, before));
      expect(error).toBeInstanceOf(IllegalTransitionError);
      expect(slug).toBe('illegal-transition');
      expect(status).toBe(422);
      expect((error as IllegalTransitionError).from).toBe(before.status);
      expect(error.message).toContain(`from ${before.status} to`);
    }
  });
});

describe('payment', () => {
  it('records an authorisation without changing the status', () => {
    const before = pending();
    const { order, events } = recordAuthorization(before, { intentId: 'pi_9', amount: GRAND_TOTAL }, ctx(1));
    expect(order.status).toBe('pending_payment');
    expect(order.payment).toMatchObject({
      intentId: 'pi_9',
      status: 'authorized',
      authorizedAmount: GRAND_TOTAL,
    });
    expect(order.history).toEqual(before.history);
    expect(order.version).toBe(2);
    expect(events).toEqual([]);
  });

  it('refuses an authorisation below the order total', () => {
    expect(
      problem(() => recordAuthorization(pending(), { intentId: 'pi', amount: GRAND_TOTAL - 1 }, ctx(1))).slug,
    ).toBe('payment-amount-mismatch');
  });

  it('keeps waiting after a failed payment, and a later capture still pays the order', () => {
    const failed = recordPaymentFailure(pending(), ctx(1)).order;
    expect(failed.status).toBe('pending_payment');
    expect(failed.payment.status).toBe('failed');
    expect(markPaid(failed, { capturedAmount: GRAND_TOTAL }, ctx(2)).order.status).toBe('paid');
  });

  it('takes no payment news once paid', () => {
    expect(
      problem(() => recordAuthorization(paid(), { intentId: 'pi', amount: GRAND_TOTAL }, ctx(3))).slug,
    ).toBe('payment-not-pending');
    expect(problem(() => recordPaymentFailure(paid(), ctx(3))).slug).toBe('payment-not-pending');
  });

  it('marks paid only for a capture of exactly the order total', () => {
    const { slug, status } = problem(() => markPaid(pending(), { capturedAmount: GRAND_TOTAL - 1 }, ctx(1)));
    expect([slug, status]).toEqual(['payment-amount-mismatch', 422]);
  });

  it('records the capture and announces order.paid with the lines', () => {
    const authorized = recordAuthorization(
      pending(),
      { intentId: 'pi_1', amount: GRAND_TOTAL },
      ctx(1),
    ).order;
    const { order, events } = markPaid(
      authorized,
      { capturedAmount: GRAND_TOTAL },
      ctx(2, { actor: 'payment' }),
    );
    expect(order.payment).toEqual({
      provider: 'sandbox',
      intentId: 'pi_1',
      status: 'captured',
      authorizedAmount: GRAND_TOTAL,
      capturedAmount: GRAND_TOTAL,
      refundedAmount: 0,
    });
    expect(order.history.at(-1)).toEqual({ status: 'paid', at: ctx(2).at.toISOString(), actor: 'payment' });
    expect(events).toEqual([
      {
        event: OrderPaid,
        data: {
          ...REF,
          paymentId: 'pay_1',
          capturedAmount: GRAND_TOTAL,
          lines: [
            { sku: 'SHIRT-M', quantity: 2, productId: 'prod-shirt' },
            { sku: 'SOCKS', quantity: 3, productId: 'prod-socks' },
          ],
          shipTo: address,
          shippingMethod: 'standard',
          totalWeightGrams: 900,
        },
      },
    ]);
  });
});

describe('fulfilment', () => {
  it('ships with the carrier tracking and delivers', () => {
    const s = markShipped(fulfilling(), shipment, ctx(3));
    expect(s.order.shipment).toEqual({ ...shipment, status: 'in_transit' });
    expect(s.events).toEqual([
      {
        event: OrderShipped,
        data: {
          ...REF,
          shipment: { shipmentId: 'shp-1', carrier: 'sandbox', trackingNumber: 'TRK123' },
        },
      },
    ]);
    const d = markDelivered(s.order, undefined, ctx(4));
    expect(d.order.shipment?.status).toBe('delivered');
    expect(d.events[0]).toMatchObject({ event: OrderDelivered, data: { shipment: { shipmentId: 'shp-1' } } });
  });

  it('keeps the whole path in the history with reasons and actors', () => {
    const order = delivered();
    expect(order.history.map((h) => h.status)).toEqual([
      'pending_payment',
      'paid',
      'fulfilling',
      'shipped',
      'delivered',
    ]);
    expect(order.version).toBe(5);
    expect(order.updatedAt).toBe(ctx(4).at.toISOString());
    expect(order.createdAt).toBe(ctx(0).at.toISOString());
  });
});

describe('the products of the lines', () => {
  /** The order as stored before orders recorded the lines' products. */
  const withoutProducts = (order: Order): Order =>
    JSON.parse(
      JSON.stringify(order, (key, value: unknown) => (key === 'productId' ? undefined : value)),
    ) as Order;

  it('order.delivered carries the delivered lines with their products, for the review service', () => {
    const { events } = markDelivered(shipped(), undefined, ctx(4));
    expect(events).toEqual([
      {
        event: OrderDelivered,
        data: {
          ...REF,
          shipment: { shipmentId: 'shp-1', carrier: 'sandbox', trackingNumber: 'TRK123' },
          lines: [
            { sku: 'SHIRT-M', quantity: 2, title: 'Linen shirt M', productId: 'prod-shirt' },
            { sku: 'SOCKS', quantity: 3, title: 'Socks', productId: 'prod-socks' },
          ],
        },
      },
    ]);
    expect(z.safeParse(OrderDelivered.data, events[0]!.data).success).toBe(true);
    // An order.delivered published before the lines were added is still valid.
    expect(z.safeParse(OrderDelivered.data, { ...REF }).success).toBe(true);
  });

  it('an order stored before lines had products still announces valid events, its lines without one', () => {
    const old = withoutProducts(pending());
    const paidOld = markPaid(old, { capturedAmount: GRAND_TOTAL }, ctx(1));
    const fulfillingOld = startFulfilment(paidOld.order, shipment, ctx(2));
    const shippedOld = markShipped(fulfillingOld.order, shipment, ctx(3));
    const deliveredOld = markDelivered(shippedOld.order, undefined, ctx(4));
    const events = [
      orderCreated(old),
      ...paidOld.events,
      ...fulfillingOld.events,
      ...shippedOld.events,
      ...deliveredOld.events,
      ...cancel(paidOld.order, 'staff', ctx(2)).events,
      ...refund(deliveredOld.order, 1000, ctx(5)).events,
    ];
    expect(events.map((e) => e.event.detailType)).toEqual([
      'order.created',
      'order.paid',
      'order.fulfilment_started',
      'order.shipped',
      'order.delivered',
      'order.cancelled',
      'order.refunded',
    ]);
    for (const { event, data } of events) {
      expect(z.safeParse(event.data, data).success, event.detailType).toBe(true);
    }
    expect(deliveredOld.events[0]!.data).toStrictEqual({
      ...REF,
      shipment: { shipmentId: 'shp-1', carrier: 'sandbox', trackingNumber: 'TRK123' },
      lines: [
        { sku: 'SHIRT-M', quantity: 2, title: 'Linen shirt M' },
        { sku: 'SOCKS', quantity: 3, title: 'Socks' },
      ],
    });
    // The order answers show no product for such lines.
    expect(z.parse(orderSchema, deliveredOld.order).lines.map((l) => 'productId' in l)).toEqual([
      false,
      false,
    ]);
  });
});

describe('cancel', () => {
  it('announces what must be given back: nothing before payment', () => {
    const { order, events } = cancel(
      pending(),
      'customer_request',
      ctx(1, { reason: 'customer changed mind', actor: 'cust-1' }),
    );
    expect(order.history.at(-1)).toEqual({
      status: 'cancelled',
      at: ctx(1).at.toISOString(),
      reason: 'customer changed mind',
      actor: 'cust-1',
    });
    expect(events[0]).toMatchObject({
      event: OrderCancelled,
      data: { previousStatus: 'pending_payment', reason: 'customer_request', refundDue: 0 },
    });
  });

  it('announces the captured amount not yet refunded, and the lines for inventory to release', () => {
    expect(cancel(fulfilling(), 'staff', ctx(5)).events[0]).toMatchObject({
      event: OrderCancelled,
      data: {
        previousStatus: 'fulfilling',
        refundDue: GRAND_TOTAL,
        lines: [
          { sku: 'SHIRT-M', quantity: 2, productId: 'prod-shirt' },
          { sku: 'SOCKS', quantity: 3, productId: 'prod-socks' },
        ],
      },
    });
    expect(cancel(partiallyRefundedWhilePaid(), 'staff', ctx(5)).events[0]).toMatchObject({
      data: { previousStatus: 'partially_refunded', refundDue: GRAND_TOTAL - 1000 },
    });
  });

  it('is refused once the parcel has left, even after a partial refund', () => {
    expect(() => cancel(shipped(), 'staff', ctx(5))).toThrow(IllegalTransitionError);
    expect(() => cancel(delivered(), 'staff', ctx(5))).toThrow(IllegalTransitionError);
    expect(() => cancel(partiallyRefundedAfterShipping(), 'staff', ctx(5))).toThrow(IllegalTransitionError);
  });
});

describe('refund', () => {
  it('accumulates partial refunds and becomes refunded when they reach the captured amount', () => {
    const first = refund(delivered(), 1000, ctx(5));
    expect(first.order.status).toBe('partially_refunded');
    expect(first.order.payment).toMatchObject({ refundedAmount: 1000, status: 'partially_refunded' });
    const second = refund(first.order, 2000, ctx(6));
    expect(second.order.status).toBe('partially_refunded');
    expect(second.order.payment.refundedAmount).toBe(3000);
    const last = refund(second.order, GRAND_TOTAL - 3000, ctx(7));
    expect(last.order.status).toBe('refunded');
    expect(last.order.payment).toMatchObject({ refundedAmount: GRAND_TOTAL, status: 'refunded' });
    expect(last.events).toEqual([
      {
        event: OrderRefunded,
        data: {
          ...REF,
          refundId: `rf_1_${second.order.version}`,
          amount: GRAND_TOTAL - 3000,
          refundedAmount: GRAND_TOTAL,
          capturedAmount: GRAND_TOTAL,
          full: true,
          goodsShipped: true,
        },
      },
    ]);
    expect(last.order.history.map((h) => h.status).slice(-3)).toEqual([
      'partially_refunded',
      'partially_refunded',
      'refunded',
    ]);
  });

  it('refuses a refund that would take refunds above the captured amount, by one unit', () => {
    const partly = refund(shipped(), 1000, ctx(5)).order;
    const { slug, status } = problem(() => refund(partly, GRAND_TOTAL - 1000 + 1, ctx(6)));
    expect([slug, status]).toEqual(['refund-exceeds-captured', 422]);
    expect(refund(partly, GRAND_TOTAL - 1000, ctx(6)).order.status).toBe('refunded');
  });

  it('refuses any refund once fully refunded, and before payment', () => {
    expect(() => refund(refunded(), 1, ctx(5))).toThrow(IllegalTransitionError);
    expect(() => refund(pending(), 1, ctx(5))).toThrow(IllegalTransitionError);
  });

  it.each([0, -5, 1.5, Number.NaN])('refuses the amount %s', (amount) => {
    expect(() => refund(paid(), amount, ctx(5))).toThrow(ValidationError);
  });

  it('says whether the goods had shipped, so inventory knows what a full refund leaves on the shelf', () => {
    expect(refund(paid(), GRAND_TOTAL, ctx(5)).events[0]).toMatchObject({
      data: { full: true, goodsShipped: false },
    });
    expect(refund(partiallyRefundedAfterShipping(), 1, ctx(5)).events[0]).toMatchObject({
      data: { full: false, goodsShipped: true },
    });
  });

  it('on a cancelled order records the money only, still within the captured amount', () => {
    const before = cancelled();
    const { order, events } = refund(before, GRAND_TOTAL, ctx(5, { actor: 'payment' }));
    expect(order.status).toBe('cancelled');
    expect(order.history).toEqual(before.history);
    expect(order.payment).toMatchObject({ refundedAmount: GRAND_TOTAL, status: 'refunded' });
    expect(order.version).toBe(before.version + 1);
    expect(events[0]).toMatchObject({ event: OrderRefunded, data: { full: true, goodsShipped: false } });
    expect(problem(() => refund(order, 1, ctx(6))).slug).toBe('refund-exceeds-captured');
  });

  it('on an order cancelled before payment there is nothing to refund', () => {
    expect(problem(() => refund(cancel(pending(), 'staff', ctx(1)).order, 1, ctx(2))).slug).toBe(
      'refund-exceeds-captured',
    );
  });

  it('does not stop fulfilment: a partially refunded order still ships and is delivered', () => {
    const partly = partiallyRefundedWhilePaid();
    expect(fulfilmentStage(partly)).toBe('paid');
    const f = startFulfilment(partly, shipment, ctx(3)).order;
    const s = markShipped(f, shipment, ctx(4)).order;
    const d = markDelivered(s, undefined, ctx(5)).order;
    expect(d.status).toBe('delivered');
    expect(d.payment.refundedAmount).toBe(1000);
    expect(() => markShipped(partly, shipment, ctx(3))).toThrow(IllegalTransitionError);
  });
});

describe('random sequences of steps (property)', () => {
  type Step =
    | {
        kind:
          'authorize' | 'fail' | 'pay' | 'payWrong' | 'fulfil' | 'ship' | 'deliver' | 'cancel' | 'refundRest';
      }
    | { kind: 'refund'; amount: number };

  // Forward steps weigh more, so sequences often get far down the line before something ends them.
  const step: fc.Arbitrary<Step> = fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .constantFrom(...(['pay', 'fulfil', 'ship', 'deliver'] as const))
        .map((kind) => ({ kind })),
    },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(...(['authorize', 'fail', 'payWrong', 'cancel', 'refundRest'] as const))
        .map((kind) => ({ kind })),
    },
    {
      weight: 3,
      arbitrary: fc
        .integer({ min: 1, max: GRAND_TOTAL + 100 })
        .map((amount) => ({ kind: 'refund' as const, amount })),
    },
  );

  const apply = (order: Order, s: Step, c: TransitionContext): OrderTransition => {
    switch (s.kind) {
      case 'authorize':
        return recordAuthorization(order, { intentId: 'pi', amount: order.totals.grandTotal }, c);
      case 'fail':
        return recordPaymentFailure(order, c);
      case 'pay':
        return markPaid(order, { capturedAmount: order.totals.grandTotal }, c);
      case 'payWrong':
        return markPaid(order, { capturedAmount: order.totals.grandTotal + 1 }, c);
      case 'fulfil':
        return startFulfilment(order, shipment, c);
      case 'ship':
        return markShipped(order, shipment, c);
      case 'deliver':
        return markDelivered(order, undefined, c);
      case 'cancel':
        return cancel(order, 'staff', c);
      case 'refundRest':
        return refund(order, order.payment.capturedAmount - order.payment.refundedAmount, c);
      case 'refund':
        return refund(order, s.amount, c);
    }
  };

  function assertLegal(order: Order): void {
    const { capturedAmount, refundedAmount } = order.payment;
    const statuses = order.history.map((h) => h.status);
    expect(ORDER_STATUSES).toContain(order.status);
    expect(statuses[0]).toBe('pending_payment');
    expect(statuses.at(-1)).toBe(order.status);
    expect(refundedAmount).toBeGreaterThanOrEqual(0);
    expect(refundedAmount).toBeLessThanOrEqual(capturedAmount);
    expect([0, order.totals.grandTotal]).toContain(capturedAmount);
    expect(capturedAmount > 0).toBe(statuses.includes('paid'));
    if (order.status === 'refunded') expect(refundedAmount).toBe(capturedAmount);
    if (order.status === 'partially_refunded') {
      expect(refundedAmount).toBeGreaterThan(0);
      expect(refundedAmount).toBeLessThan(capturedAmount);
    }
    if (statuses.includes('shipped')) expect(statuses).not.toContain('cancelled');
    for (const terminal of ['cancelled', 'refunded'] as const) {
      const i = statuses.indexOf(terminal);
      if (i >= 0) expect(i).toBe(statuses.length - 1);
    }
  }

  it('never leave an illegal state, and refunds never exceed the capture', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let order = pending();
        let version = order.version;
        steps.forEach((s, i) => {
          const before = order;
          try {
            const result = apply(before, s, ctx(i + 1));
            order = result.order;
            version += 1;
            if (order.history.length > before.history.length) {
              expect(canTransition(before, order.status)).toBe(true);
            } else {
              expect(order.status).toBe(before.status);
            }
          } catch (error) {
            if (!(error instanceof UnprocessableError || error instanceof ValidationError)) throw error;
          }
          expect(order.version).toBe(version);
          assertLegal(order);
        });
      }),
      { numRuns: 300 },
    );
  });
});
