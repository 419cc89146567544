// Checkout on in-memory ports: the saga's outcomes (approve, decline, gateway down, a refused reservation,
// requires action), its compensations, and the Idempotency-Key (replay, another body, a retry while the
// first runs, a resume after the lease). No AWS: the ports are in ./support.
import { ConflictError, UnprocessableError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { CheckoutKey } from '../../../functions/orders/domain/checkout.ts';
import { idempotencyState } from '../../../functions/orders/domain/idempotency.ts';
import type { Order } from '../../../functions/orders/domain/order.ts';
import { checkoutAnswer } from '../../../functions/orders/http/checkout-answer.ts';
import { orderSchema } from '../../../functions/orders/views.ts';
import {
  APPROVE,
  context,
  refusal,
  grandTotalOf,
  HOLD_SECONDS,
  LEASE_MS,
  ordersWorld,
  PRODUCT_ID,
  SKU,
} from './support/world.ts';

const guestKey = (cartId: string, idempotencyKey: string): CheckoutKey => ({
  scope: `cart:${cartId}`,
  idempotencyKey,
});

describe('checkout, approved', () => {
  it('answers 201 with the order authorized, deletes the cart and announces order.created once', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart(2);
    w.table.calls.length = 0;

    const outcome = await w.checkout.checkout(cart.access, 'key-1', APPROVE, context);

    const answer = checkoutAnswer(outcome);
    expect(answer.status).toBe(201);
    expect(answer.headers).toEqual({ 'content-type': 'application/json' });
    const { order } = answer.body as { order: Order };
    expect(answer.body).toEqual({ order, payment: { status: 'authorized' } });
    expect(order.totals.grandTotal).toBe(grandTotalOf(2));
    expect(w.table.order(order.id)).toEqual(order);
    expect(order).toMatchObject({
      status: 'pending_payment',
      number: 'CM-2026-000001',
      customerId: null,
      email: 'ada@example.com',
      lines: [{ sku: SKU, productId: PRODUCT_ID, title: 'Checkout tee — M', quantity: 2 }],
      payment: {
        id: `pay_${order.id.slice(4)}`,
        status: 'authorized',
        authorizedAmount: grandTotalOf(2),
        capturedAmount: 0,
        intentId: `sbx_pi_pay_${order.id.slice(4)}`,
      },
    });
    // The documented Order names the line's product (an object schema drops what it does not name).
    expect(z.parse(orderSchema, order).lines[0]?.productId).toBe(PRODUCT_ID);
    expect(w.table.cart(cart.cartId)).toBeUndefined();
    expect(w.table.events()).toEqual([
      {
        detailType: 'order.created',
        data: {
          orderId: order.id,
          number: order.number,
          customerId: null,
          currency: 'EUR',
          contact: { email: 'ada@example.com', name: 'Ada Lovelace', smsUpdates: false },
          lines: [
            {
              sku: SKU,
              title: 'Checkout tee — M',
              quantity: 2,
              unitPrice: 2000,
              lineTotal: order.lines[0]!.lineTotal,
              productId: PRODUCT_ID,
            },
          ],
          totals: order.totals,
          shippingMethod: 'standard',
          paymentProvider: 'sandbox',
        },
      },
    ]);
    expect(w.peers.callsOf('reserve')).toEqual([
      {
        orderId: order.id,
        lines: [{ sku: SKU, quantity: 2 }],
        holdForSeconds: HOLD_SECONDS,
        correlationId: context.correlationId,
      },
    ]);
    expect(w.peers.callsOf('authorize')).toEqual([
      expect.objectContaining({
        paymentId: order.payment.id,
        orderId: order.id,
        amount: grandTotalOf(2),
        currency: 'EUR',
        provider: 'sandbox',
        paymentMethodToken: 'tok_sandbox_approve',
        customerEmail: 'ada@example.com',
      }),
    ]);
  });

  it('makes eight calls to the table, one DynamoDB call each in the adapter; the cart comes first', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    w.table.calls.length = 0;
    await w.checkout.checkout(cart.access, 'key-1', APPROVE, context);
    expect(w.table.calls).toEqual([
      'carts.getCartForCheckout',
      'checkouts.getCheckout',
      'checkouts.claimCheckout',
      'carts.lockCart',
      'referenceData.loadForPricing',
      'orders.nextSequence',
      'orders.createOrder',
      'orders.saveOrder',
    ]);
  });

  it('finishes the key with its outcome and replays the same answer to the same key and body', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    const first = checkoutAnswer(await w.checkout.checkout(cart.access, 'key-1', APPROVE, context));
    const record = w.table.checkout(guestKey(cart.cartId, 'key-1'))!;
    expect(idempotencyState(record, w.clock.now())).toBe('finished');
    const peerCalls = w.peers.calls.length;

    w.clock.advance(LEASE_MS * 10);
    const again = checkoutAnswer(
      await w.checkout.checkout(cart.access, 'key-1', APPROVE, { correlationId: 'corr-retry' }),
    );

    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(w.peers.calls).toHaveLength(peerCalls);
    expect(w.table.allOrders()).toHaveLength(1);
    expect(w.table.events().filter((e) => e.detailType === 'order.created')).toHaveLength(1);
  });

  it('checks out a customer’s cart under a key scoped to the customer, with the account’s email', async () => {
    const w = ordersWorld();
    const access = { kind: 'customer', customerId: 'cust-1', email: 'grace@example.com' } as const;
    await w.carts.addLine(access, SKU, 1, context.correlationId);
    await w.carts.updateCart(access, { shippingAddress: ADDRESS_OF_GRACE, shippingMethod: 'standard' }, 'c');

    const outcome = await w.checkout.checkout(access, 'key-1', { ...APPROVE, locale: 'de' }, context);

    const { order } = checkoutAnswer(outcome).body as { order: Order };
    expect(order).toMatchObject({
      customerId: 'cust-1',
      email: 'grace@example.com',
      contact: { locale: 'de' },
    });
    expect(w.table.cart('c-cust-1')).toBeUndefined();
    expect(w.table.checkout({ scope: 'customer:cust-1', idempotencyKey: 'key-1' })?.status).toBe('completed');
  });
});

const ADDRESS_OF_GRACE = {
  name: 'Grace Hopper',
  line1: 'Alexanderplatz 1',
  city: 'Berlin',
  postalCode: '10178',
  country: 'DE',
  phone: '+4930123456',
};

describe('checkout, payment requires action', () => {
  it('answers 202 with the next action, records the gateway reference and deletes the cart', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    w.peers.gateway = 'requires_action';

    const answer = checkoutAnswer(await w.checkout.checkout(cart.access, 'key-1', APPROVE, context));

    expect(answer.status).toBe(202);
    const { order, payment } = answer.body as { order: Order; payment: unknown };
    expect(payment).toEqual({
      status: 'requires_action',
      nextAction: { type: 'redirect', url: 'https://gateway.example/3ds' },
    });
    expect(w.table.order(order.id)).toMatchObject({
      status: 'pending_payment',
      payment: { status: 'pending', intentId: `sbx_pi_pay_${order.id.slice(4)}` },
    });
    expect(w.table.cart(cart.cartId)).toBeUndefined();
  });

  it('replays the 202 while the shopper acts, and the order as it stands (200) once the webhook paid it', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    w.peers.gateway = 'requires_action';
    const first = checkoutAnswer(await w.checkout.checkout(cart.access, 'key-1', APPROVE, context));
    const { order } = first.body as { order: Order };

    const waiting = checkoutAnswer(await w.checkout.checkout(cart.access, 'key-1', APPROVE, context));
    expect(waiting).toEqual(first);

    await w.lifecycle.onPaymentAuthorized(order.id, context);
    const settled = checkoutAnswer(await w.checkout.checkout(cart.access, 'key-1', APPROVE, context));
    expect(settled.status).toBe(200);
    expect((settled.body as { order: Order }).order).toMatchObject({ id: order.id, status: 'paid' });
  });
});

describe('checkout, declined', () => {
  it('answers 402, cancels the order (payment_failed) and keeps the cart for another try', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart(2);
    w.peers.gateway = 'decline';

    const answer = checkoutAnswer(await w.checkout.checkout(cart.access, 'key-1', APPROVE, context));

    expect(answer.status).toBe(402);
    expect(answer.headers).toEqual({ 'content-type': 'application/problem+json' });
    const body = answer.body as { orderId: string };
    expect(body).toEqual({
      type: 'urn:commerce:problem:payment-declined',
      title: 'Payment declined',
      status: 402,
      detail: 'The payment was declined; the order was cancelled. Try another payment method.',
      orderId: body.orderId,
      failureCode: 'card_declined',
      correlationId: context.correlationId,
    });
    const order = w.table.order(body.orderId)!;
    expect(order.status).toBe('cancelled');
    expect(order.history.at(-1)).toMatchObject({
      status: 'cancelled',
      reason: 'payment_failed',
      actor: 'payment',
    });
    expect(w.table.cart(cart.cartId)).toBeDefined();
    // The stock goes back through order.cancelled (inventory's consumer).
    expect(w.table.events().map((e) => e.detailType)).toEqual(['order.created', 'order.cancelled']);
    expect(w.table.events()[1]!.data).toMatchObject({
      orderId: order.id,
      previousStatus: 'pending_payment',
      reason: 'payment_failed',
      refundDue: 0,
      lines: [{ sku: SKU, quantity: 2 }],
    });

    // Another card under a new key places a new order from the same cart.
    w.peers.gateway = 'approve';
    expect(checkoutAnswer(await w.checkout.checkout(cart.access, 'key-2', APPROVE, context)).status).toBe(
      201,
    );
  });

  it('answers 422 with the payment service’s refusal and cancels the order the same way', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    w.peers.gateway = 'refuse';

    const answer = checkoutAnswer(await w.checkout.checkout(cart.access, 'key-1', APPROVE, context));

    const body = answer.body as { orderId: string };
    expect(answer.status).toBe(422);
    expect(body).toEqual({
      type: 'urn:commerce:problem:payment-idempotency-conflict',
      title: 'Conflict',
      status: 422,
      detail: 'Another payment has this id.',
      orderId: body.orderId,
      correlationId: context.correlationId,
    });
    expect(w.table.order(body.orderId)?.history.at(-1)).toMatchObject({ reason: 'payment_failed' });
  });
});

describe('checkout, gateway down', () => {
  it.each([
    ['does not answer', 'unreachable'],
    ['answers that the gateway failed', 'gateway_error'],
  ] as const)(
    'when payment %s: 503, the order cancelled (payment_timeout), nothing charged',
    async (_name, behaviour) => {
      const w = ordersWorld();
      const cart = await w.readyGuestCart();
      w.peers.gateway = behaviour;

      const answer = checkoutAnswer(await w.checkout.checkout(cart.access, 'key-1', APPROVE, context));

      expect(answer.status).toBe(503);
      const body = answer.body as { orderId: string };
      expect(body).toEqual({
        type: 'urn:commerce:problem:payment-gateway-unavailable',
        title: 'Payment gateway unavailable',
        status: 503,
        detail: 'The payment could not be completed; the order was cancelled and nothing was charged.',
        orderId: body.orderId,
        correlationId: context.correlationId,
      });
      const order = w.table.order(body.orderId)!;
      expect(order).toMatchObject({ status: 'cancelled', payment: { status: 'pending', capturedAmount: 0 } });
      expect(order.history.at(-1)).toMatchObject({ reason: 'payment_timeout' });
      expect(w.peers.callsOf('capture')).toEqual([]);
      // order.cancelled tells payment to void whatever the gateway may hold, and inventory to release.
      expect(w.table.events()[1]).toMatchObject({
        detailType: 'order.cancelled',
        data: {
          reason: 'payment_timeout',
          paymentId: order.payment.id,
          paymentStatus: 'pending',
          refundDue: 0,
        },
      });
      expect(w.table.cart(cart.cartId)).toBeDefined();
    },
  );
});

describe('checkout, refused reservation', () => {
  it('answers inventory’s 409 with the short SKUs (no counts for a guest), writes no order and frees the key and the cart', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart(3);
    w.peers.stock.set(SKU, 2);

    const outcome = await w.checkout.checkout(cart.access, 'key-1', APPROVE, context);
    const answer = checkoutAnswer(outcome, 'guest');

    expect(answer).toEqual({
      status: 409,
      headers: { 'content-type': 'application/problem+json' },
      body: {
        type: 'urn:commerce:problem:insufficient-stock',
        title: 'Insufficient stock',
        status: 409,
        detail: `Not enough stock for ${SKU}.`,
        shortages: [{ sku: SKU, requested: 3 }],
        correlationId: context.correlationId,
      },
    });
    expect(JSON.stringify(answer.body)).not.toMatch(/available|\b2\b/);
    // A signed-in customer may see the counts inventory gave.
    expect(checkoutAnswer(outcome, 'customer').body).toMatchObject({
      detail: 'Not enough stock.',
      shortages: [{ sku: SKU, requested: 3, available: 2 }],
    });
    expect(w.table.cartLock(cart.cartId)).toBeUndefined();
    expect(w.table.allOrders()).toEqual([]);
    expect(w.table.events()).toEqual([]);
    expect(w.peers.callsOf('authorize')).toEqual([]);
    expect(idempotencyState(w.table.checkout(guestKey(cart.cartId, 'key-1'))!, w.clock.now())).toBe(
      'expired',
    );

    // The same key, at once, once the stock is there: a new attempt, not the refusal replayed.
    w.peers.stock.set(SKU, 3);
    const retried = checkoutAnswer(await w.checkout.checkout(cart.access, 'key-1', APPROVE, context));
    expect(retried.status).toBe(201);
    expect(w.table.allOrders()).toHaveLength(1);
  });
});

describe('checkout, cart not ready', () => {
  it('refuses 422 before holding anything and frees the key for the corrected cart', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    await w.carts.updateCart(cart.access, { shippingMethod: null }, context.correlationId);

    const error = await refusal(w.checkout.checkout(cart.access, 'key-1', APPROVE, context));

    expect(error).toBeInstanceOf(UnprocessableError);
    expect(w.peers.callsOf('reserve')).toEqual([]);
    expect(idempotencyState(w.table.checkout(guestKey(cart.cartId, 'key-1'))!, w.clock.now())).toBe(
      'expired',
    );
    await w.carts.updateCart(cart.access, { shippingMethod: 'standard' }, context.correlationId);
    expect(checkoutAnswer(await w.checkout.checkout(cart.access, 'key-1', APPROVE, context)).status).toBe(
      201,
    );
  });
});

describe('checkout, the same key', () => {
  it('with another body: 422 idempotency-key-reused, after the first finished and while it runs', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    await w.checkout.checkout(cart.access, 'key-1', APPROVE, context);
    const other = { ...APPROVE, payment: { token: 'tok_sandbox_decline', provider: 'sandbox' as const } };

    const error = await refusal(w.checkout.checkout(cart.access, 'key-1', other, context));

    expect(error).toBeInstanceOf(UnprocessableError);
    expect([error.status, error.problemType]).toEqual([422, 'idempotency-key-reused']);
    expect(w.table.allOrders()).toHaveLength(1);
  });

  it('while the first request still runs: 409 idempotency-request-in-progress, and the first completes', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    let release!: () => void;
    w.peers.holdAuthorization = new Promise<void>((resolve) => (release = resolve));
    const authorizing = new Promise<void>((resolve) => (w.peers.onAuthorize = resolve));

    const first = w.checkout.checkout(cart.access, 'key-1', APPROVE, context);
    await authorizing;
    const error = await refusal(w.checkout.checkout(cart.access, 'key-1', APPROVE, context));
    const otherBody = await refusal(
      w.checkout.checkout(cart.access, 'key-1', { ...APPROVE, smsUpdates: true }, context),
    );
    release();

    expect(error).toBeInstanceOf(ConflictError);
    expect([error.status, error.problemType]).toEqual([409, 'idempotency-request-in-progress']);
    expect(otherBody.problemType).toBe('idempotency-key-reused');
    expect(checkoutAnswer(await first).status).toBe(201);
    expect(w.table.allOrders()).toHaveLength(1);
  });
});

describe('checkout, resumed after its lease', () => {
  it('takes over an attempt that died after placing the order: the same order, no second one', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    w.peers.gateway = 'crash';
    await expect(w.checkout.checkout(cart.access, 'key-1', APPROVE, context)).rejects.toThrow(/stopped here/);
    const [placed] = w.table.allOrders();
    const key = guestKey(cart.cartId, 'key-1');
    expect(placed?.status).toBe('pending_payment');
    expect(idempotencyState(w.table.checkout(key)!, w.clock.now())).toBe('live');

    // Within the lease the key is still held; once it ran out, a retry resumes the attempt.
    w.peers.gateway = 'approve';
    expect((await refusal(w.checkout.checkout(cart.access, 'key-1', APPROVE, context))).status).toBe(409);
    w.clock.advance(LEASE_MS);
    expect(idempotencyState(w.table.checkout(key)!, w.clock.now())).toBe('abandoned');
    const outcome = await w.checkout.checkout(cart.access, 'key-1', APPROVE, context);

    const answer = checkoutAnswer(outcome);
    expect(answer.status).toBe(201);
    expect((answer.body as { order: Order }).order.id).toBe(placed!.id);
    expect(w.table.allOrders().map((o) => o.id)).toEqual([placed!.id]);
    expect(w.table.events().map((e) => e.detailType)).toEqual(['order.created']);
    // The resumed attempt asks inventory whether the hold is still there before it authorizes.
    expect(w.peers.callsOf('reserve')).toHaveLength(2);
    expect(w.peers.callsOf('authorize')).toEqual([
      expect.objectContaining({ paymentId: placed!.payment.id }),
      expect.objectContaining({ paymentId: placed!.payment.id }),
    ]);
    expect(w.table.checkout(key)?.status).toBe('completed');
    expect(w.table.cart(cart.cartId)).toBeUndefined();
    expect(w.table.closedBy(cart.cartId)).toBe(placed!.id);
  });

  it('takes over an attempt that died before placing: the order id chosen with the key is reused', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    const nextSequence = w.table.nextSequence.bind(w.table);
    w.table.nextSequence = () => Promise.reject(new Error('The orders function stopped here.'));
    await expect(w.checkout.checkout(cart.access, 'key-1', APPROVE, context)).rejects.toThrow(/stopped here/);
    const key = guestKey(cart.cartId, 'key-1');
    const claimedOrderId = w.table.checkout(key)!.orderId;
    expect(w.table.allOrders()).toEqual([]);

    w.table.nextSequence = nextSequence;
    w.clock.advance(LEASE_MS);
    const answer = checkoutAnswer(await w.checkout.checkout(cart.access, 'key-1', APPROVE, context));

    expect(answer.status).toBe(201);
    expect(w.table.allOrders().map((o) => o.id)).toEqual([claimedOrderId]);
    // Inventory answered the hold it already had for that order id.
    expect(w.peers.callsOf('reserve')).toEqual([
      expect.objectContaining({ orderId: claimedOrderId }),
      expect.objectContaining({ orderId: claimedOrderId }),
    ]);
    expect(w.peers.reservations.size).toBe(1);
  });

  it('answers the order as it stands when the dead attempt’s payment was settled already (200)', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    // The attempt died after the order was authorized but before it could finish the key.
    const saveOrder = w.table.saveOrder.bind(w.table);
    w.table.saveOrder = async (order, version, events, alongside) => {
      await saveOrder(order, version, events);
      if (alongside) throw new Error('The orders function stopped here.');
    };
    await expect(w.checkout.checkout(cart.access, 'key-1', APPROVE, context)).rejects.toThrow(/stopped here/);
    w.table.saveOrder = saveOrder;
    w.clock.advance(LEASE_MS);

    const answer = checkoutAnswer(await w.checkout.checkout(cart.access, 'key-1', APPROVE, context));

    expect(answer.status).toBe(200);
    const { order } = answer.body as { order: Order };
    expect(answer.body).toEqual({ order, payment: { status: 'authorized' } });
    expect(w.peers.callsOf('authorize')).toHaveLength(1);
    expect(w.table.checkout(guestKey(cart.cartId, 'key-1'))?.status).toBe('completed');
  });
});
