// One checkout per cart, and the stock hold against a late or resumed payment, on in-memory ports: two keys
// at the same cart at once, the lock's staleness (a cancelled order, an order never placed), the closed
// cart, the cart secret checked before the key, a resumed checkout whose hold expired, and the hold kept
// once the payment is authorized.
import { PeerUnavailableError } from '@commerce/lambda-kit/internal-client';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../functions/orders/domain/order.ts';
import { checkoutAnswer } from '../../../functions/orders/http/checkout-answer.ts';
import { APPROVE, context, refusal, LEASE_MS, ordersWorld, SKU } from './support/world.ts';

const DECLINE = { ...APPROVE, payment: { ...APPROVE.payment, token: 'tok_sandbox_decline' } };

describe('one checkout per cart', () => {
  it('two keys at the same cart at once: exactly one order and one payment, the other a 409 naming it', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();

    const answers = (
      await Promise.all([
        w.checkout.checkout(cart.access, 'tab-1', APPROVE, context),
        w.checkout.checkout(cart.access, 'tab-2', APPROVE, context),
      ])
    ).map((outcome) => checkoutAnswer(outcome));

    const orders = w.table.allOrders();
    expect(orders).toHaveLength(1);
    expect(w.peers.callsOf('authorize')).toHaveLength(1);
    expect(w.peers.callsOf('reserve')).toHaveLength(1);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(refused.body).toMatchObject({
      type: expect.stringMatching(/:cart-checkout-in-progress$|:cart-checked-out$/) as unknown,
      status: 409,
      orderId: orders[0]!.id,
    });
  });

  it('while the first runs, another key gets cart-checkout-in-progress with its order id; the first completes', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    let release!: () => void;
    w.peers.holdAuthorization = new Promise<void>((resolve) => (release = resolve));
    const authorizing = new Promise<void>((resolve) => (w.peers.onAuthorize = resolve));

    const first = w.checkout.checkout(cart.access, 'tab-1', APPROVE, context);
    await authorizing;
    const [placed] = w.table.allOrders();
    const second = checkoutAnswer(await w.checkout.checkout(cart.access, 'tab-2', APPROVE, context));
    release();

    expect(second).toMatchObject({
      status: 409,
      body: { type: 'urn:commerce:problem:cart-checkout-in-progress', orderId: placed!.id },
    });
    expect(checkoutAnswer(await first).status).toBe(201);
    // Once placed, the cart is closed: another key is told the order it became.
    const third = checkoutAnswer(await w.checkout.checkout(cart.access, 'tab-3', APPROVE, context));
    expect(third).toMatchObject({
      status: 409,
      body: { type: 'urn:commerce:problem:cart-checked-out', orderId: placed!.id },
    });
    // The first key still replays its own answer (the closed cart keeps the guest's secret hash).
    expect(checkoutAnswer(await w.checkout.checkout(cart.access, 'tab-1', APPROVE, context)).status).toBe(
      201,
    );
    expect(w.table.allOrders()).toHaveLength(1);
    expect(w.peers.callsOf('authorize')).toHaveLength(1);
  });

  it('an edit of the cart while its checkout runs keeps the lock; an order waiting for 3-D Secure closes it', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    w.peers.gateway = 'requires_action';
    let release!: () => void;
    w.peers.holdAuthorization = new Promise<void>((resolve) => (release = resolve));
    const authorizing = new Promise<void>((resolve) => (w.peers.onAuthorize = resolve));
    const first = w.checkout.checkout(cart.access, 'tab-1', APPROVE, context);
    await authorizing;
    const [order] = w.table.allOrders();

    await w.carts.setLineQuantity(cart.access, SKU, 1, context.correlationId);
    const during = checkoutAnswer(await w.checkout.checkout(cart.access, 'tab-2', APPROVE, context));
    release();
    expect(checkoutAnswer(await first).status).toBe(202);
    const after = checkoutAnswer(await w.checkout.checkout(cart.access, 'tab-3', APPROVE, context));

    expect(during).toMatchObject({
      status: 409,
      body: { type: 'urn:commerce:problem:cart-checkout-in-progress', orderId: order!.id },
    });
    expect(after).toMatchObject({
      status: 409,
      body: { type: 'urn:commerce:problem:cart-checked-out', orderId: order!.id },
    });
    expect(w.table.allOrders()).toHaveLength(1);
  });

  it('a declined checkout frees the cart: another key places the order', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    w.peers.gateway = 'decline';
    expect(checkoutAnswer(await w.checkout.checkout(cart.access, 'tab-1', DECLINE, context)).status).toBe(
      402,
    );
    expect(w.table.cartLock(cart.cartId)).toBeUndefined();
    w.peers.gateway = 'approve';

    const second = checkoutAnswer(await w.checkout.checkout(cart.access, 'tab-2', APPROVE, context));

    expect(second.status).toBe(201);
    expect(
      w.table
        .allOrders()
        .map((o) => o.status)
        .sort(),
    ).toEqual(['cancelled', 'pending_payment']);
  });

  it('a lock whose order was cancelled is stale at once, even when nobody freed it', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    w.peers.gateway = 'crash';
    await expect(w.checkout.checkout(cart.access, 'tab-1', APPROVE, context)).rejects.toThrow(/stopped here/);
    const [order] = w.table.allOrders();
    w.peers.gateway = 'approve';
    const early = checkoutAnswer(await w.checkout.checkout(cart.access, 'tab-2', APPROVE, context));
    // The order is cancelled elsewhere (its hold expired); the lock still names it.
    await w.lifecycle.onReservationExpired(order!.id, context);
    expect(w.table.cartLock(cart.cartId)?.orderId).toBe(order!.id);

    const second = checkoutAnswer(await w.checkout.checkout(cart.access, 'tab-2', APPROVE, context));

    expect(early).toMatchObject({ status: 409, body: { orderId: order!.id } });
    expect(second.status).toBe(201);
    expect((second.body as { order: Order }).order.id).not.toBe(order!.id);
  });

  it('a checkout that died before placing holds the cart until its lease passes, then another key takes it', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    const nextSequence = w.table.nextSequence.bind(w.table);
    w.table.nextSequence = () => Promise.reject(new Error('The orders function stopped here.'));
    await expect(w.checkout.checkout(cart.access, 'tab-1', APPROVE, context)).rejects.toThrow(/stopped here/);
    w.table.nextSequence = nextSequence;
    const lock = w.table.cartLock(cart.cartId)!;

    const early = checkoutAnswer(await w.checkout.checkout(cart.access, 'tab-2', APPROVE, context));
    w.clock.advance(LEASE_MS);
    const late = checkoutAnswer(await w.checkout.checkout(cart.access, 'tab-2', APPROVE, context));

    expect(early).toMatchObject({ status: 409, body: { orderId: lock.orderId } });
    expect(late.status).toBe(201);
    expect((late.body as { order: Order }).order.id).not.toBe(lock.orderId);
    // The first key, resumed now, finds the cart closed by the other order and places nothing.
    const resumed = checkoutAnswer(await w.checkout.checkout(cart.access, 'tab-1', APPROVE, context));
    expect(resumed).toMatchObject({ status: 409, body: { type: 'urn:commerce:problem:cart-checked-out' } });
    expect(w.table.allOrders()).toHaveLength(1);
  });

  it('a customer’s closed cart gives way to a new one', async () => {
    const w = ordersWorld();
    const access = { kind: 'customer', customerId: 'cust-1', email: 'grace@example.com' } as const;
    const ready = async () => {
      await w.carts.addLine(access, SKU, 1, context.correlationId);
      await w.carts.updateCart(
        access,
        { shippingAddress: { ...ADDRESS, name: 'Grace' }, shippingMethod: 'standard' },
        context.correlationId,
      );
    };
    await ready();
    expect(checkoutAnswer(await w.checkout.checkout(access, 'k-1', APPROVE, context)).status).toBe(201);
    expect(w.table.closedBy('c-cust-1')).toBeDefined();

    await ready();
    expect(checkoutAnswer(await w.checkout.checkout(access, 'k-2', APPROVE, context)).status).toBe(201);
    expect(w.table.allOrders()).toHaveLength(2);
  });

  it('a guest without the cart secret gets 404 and the key’s record is never read or written', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    w.table.calls.length = 0;

    const error = await refusal(
      w.checkout.checkout({ ...cart.access, secret: 'not-the-secret' }, 'k', APPROVE, context),
    );

    expect(error.status).toBe(404);
    expect(w.table.calls).toEqual(['carts.getCartForCheckout']);
    expect(w.table.cartLock(cart.cartId)).toBeUndefined();
  });
});

describe('the stock hold against a late payment', () => {
  it('an authorized payment has inventory keep the hold until the capture', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    const { order } = checkoutAnswer(await w.checkout.checkout(cart.access, 'k', APPROVE, context)).body as {
      order: Order;
    };
    expect(w.peers.callsOf('extend')).toEqual([{ orderId: order.id, correlationId: context.correlationId }]);
    expect(Date.parse(w.peers.reservations.get(order.id)!.expiresAt)).toBeGreaterThan(
      w.clock.now().getTime() + 6 * 86_400_000,
    );
  });

  it('a payment waiting for 3-D Secure does not extend the hold (payment.authorized does, in inventory)', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    w.peers.gateway = 'requires_action';
    await w.checkout.checkout(cart.access, 'k', APPROVE, context);
    expect(w.peers.callsOf('extend')).toEqual([]);
  });

  it('an inventory that is busy or does not answer the extension does not cancel an authorized order', async () => {
    for (const answer of [
      () =>
        Promise.resolve({
          error: { status: 409, type: 'urn:commerce:problem:stock-busy', title: 'Conflict', detail: 'Busy.' },
        }),
      () => Promise.reject(new PeerUnavailableError('inventory', 'extend', 'Task timed out')),
    ]) {
      const w = ordersWorld();
      const cart = await w.readyGuestCart();
      w.peers.extend = answer;
      const outcome = await w.checkout.checkout(cart.access, 'k', APPROVE, context);
      expect(checkoutAnswer(outcome).status).toBe(201);
      expect(w.table.allOrders().map((o) => o.status)).toEqual(['pending_payment']);
    }
  });

  it('a hold gone by the time the payment is authorized cancels the order (reservation_expired)', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    w.peers.onAuthorize = () => {
      for (const [id, r] of w.peers.reservations) w.peers.reservations.set(id, { ...r, status: 'expired' });
    };

    const answer = checkoutAnswer(await w.checkout.checkout(cart.access, 'k', APPROVE, context));

    const [order] = w.table.allOrders();
    expect(answer).toMatchObject({
      status: 409,
      body: { type: 'urn:commerce:problem:reservation-expired', orderId: order!.id },
    });
    expect(order).toMatchObject({ status: 'cancelled' });
    expect(w.table.events().map((e) => [e.detailType, e.data['reason']])).toEqual([
      ['order.created', undefined],
      ['order.cancelled', 'reservation_expired'],
    ]);
    expect(w.table.cartLock(cart.cartId)).toBeUndefined();
    expect(w.table.cart(cart.cartId)).toBeDefined();
  });

  it('a resumed checkout whose hold expired refuses: no payment authorized, the order cancelled', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    w.peers.gateway = 'crash';
    await expect(w.checkout.checkout(cart.access, 'k', APPROVE, context)).rejects.toThrow(/stopped here/);
    const [placed] = w.table.allOrders();
    w.peers.payments.clear();
    w.peers.calls.length = 0;
    w.peers.gateway = 'approve';
    w.clock.advance(LEASE_MS);
    const held = w.peers.reservations.get(placed!.id)!;
    w.peers.reservations.set(placed!.id, { ...held, status: 'expired' });

    const answer = checkoutAnswer(await w.checkout.checkout(cart.access, 'k', APPROVE, context));

    expect(answer).toMatchObject({
      status: 409,
      body: { type: 'urn:commerce:problem:reservation-expired', orderId: placed!.id },
    });
    expect(w.peers.callsOf('authorize')).toEqual([]);
    expect(w.table.order(placed!.id)?.status).toBe('cancelled');
    // The answer is the key's: a retry replays it.
    expect(checkoutAnswer(await w.checkout.checkout(cart.access, 'k', APPROVE, context)).status).toBe(409);
  });

  it('a resumed checkout whose hold is past its time (not swept yet) refuses too', async () => {
    const w = ordersWorld();
    const cart = await w.readyGuestCart();
    w.peers.gateway = 'crash';
    await expect(w.checkout.checkout(cart.access, 'k', APPROVE, context)).rejects.toThrow(/stopped here/);
    w.peers.payments.clear();
    w.peers.gateway = 'approve';
    w.clock.advance(60 * 60 * 1000);

    const answer = checkoutAnswer(await w.checkout.checkout(cart.access, 'k', APPROVE, context));

    expect(answer.status).toBe(409);
    expect(w.peers.callsOf('authorize')).toHaveLength(1);
  });
});

const ADDRESS = {
  line1: 'Alexanderplatz 1',
  city: 'Berlin',
  postalCode: '10178',
  country: 'DE',
};
