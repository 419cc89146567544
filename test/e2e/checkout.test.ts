// Checkout end to end on the local cloud: carts for guests and customers, POST …/checkout through pricing,
// inventory, payment and shipping, and the order's life after it driven by events (payment captured →
// paid → shipment created → in transit → delivered by signed carrier webhooks), with the emails in the
// emulator's SES outbox. Failure paths: a declined card, a "requires action" payment finished by the
// gateway's webhook, cancellation giving stock back, a partial refund, 20 parallel checkouts for 5 units.
import { InventoryReservationExpired } from '@commerce/events';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_SANDBOX_WEBHOOK_SECRET as PAYMENT_SECRET } from '../../functions/payment/local-secrets.ts';
import { SANDBOX_TOKENS, sandboxWebhook } from '../../functions/payment/providers/sandbox.ts';
import {
  api,
  apiUrl,
  bearer,
  client,
  ensureGermanShipping,
  eventually,
  GERMAN_METHOD,
  publishEvent,
  signIn,
  signUp,
  type ApiResponse,
} from './support.ts';
import {
  carrierWebhook,
  checkout,
  ensureGermanTax,
  guestHeaders,
  mailsTo,
  newWarehouse,
  ok,
  orderOf as shopOrderOf,
  orderReaches as shopOrderReaches,
  readyGuestCart,
  stockedProduct,
  type Order,
} from './shop.ts';

const PRICE = 1_999;

let staffToken: string;
let staff: ReturnType<typeof client>;
let warehouseId: string;

/** A published product whose SKU has a price and `units` in stock, once orders sells it. */
const product = (units: number): Promise<string> =>
  stockedProduct(staff, { warehouseId, units, price: PRICE, prefix: 'chk', title: 'Checkout tee' });
const orderOf = (id: string): Promise<Order> => shopOrderOf(staff, id);
const orderReaches = (id: string, status: string): Promise<Order> => shopOrderReaches(staff, id, status);

async function stockOf(sku: string): Promise<{ onHand: number; reserved: number; available: number }> {
  const res = await staff.GET('/stock/{sku}', { params: { path: { sku } } });
  return res.data!.totals;
}

beforeAll(async () => {
  staffToken = await signIn(['staff']);
  staff = client(staffToken);
  await ensureGermanTax(staff);
  warehouseId = await newWarehouse(staff, 'Checkout', 'DE');
  await ensureGermanShipping(staff);
}, 120_000);

describe('carts', () => {
  it('price live, open only with their secret, and refuse unknown SKUs and bad quantities', async () => {
    const sku = await product(10);
    const cart = await readyGuestCart(sku, 2);
    expect(cart.view).toMatchObject({
      lines: [{ sku, quantity: 2, unitPrice: PRICE, lineTotal: 2 * PRICE }],
      shippingMethod: GERMAN_METHOD.id,
      issues: [],
      totals: { subtotal: 2 * PRICE, shipping: 490, grandTotal: 2 * PRICE + 490 },
    });
    expect((await api('GET', `/carts/${cart.id}`)).status).toBe(404);
    expect((await api('GET', `/carts/${cart.id}`, undefined, guestHeaders('wrong'))).status).toBe(404);
    const unknown = await api(
      'POST',
      `/carts/${cart.id}/lines`,
      { sku: 'no-such-sku', quantity: 1 },
      cart.headers,
    );
    expect(unknown.status).toBe(422);
    const tooMany = await api('PUT', `/carts/${cart.id}/lines/${sku}`, { quantity: 101 }, cart.headers);
    expect(tooMany.status).toBe(400);
    expect((tooMany.body as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe('/quantity');
  });

  it('refuse a checkout without an Idempotency-Key (400) and an unready cart (422, nothing reserved, key free)', async () => {
    const sku = await product(3);
    const cart = await readyGuestCart(sku);
    const noKey = await api(
      'POST',
      `/carts/${cart.id}/checkout`,
      { payment: { token: 'tok_sandbox_approve' } },
      cart.headers,
    );
    expect(noKey.status).toBe(400);
    await api('PATCH', `/carts/${cart.id}`, { shippingMethod: null }, cart.headers);
    const key = randomUUID();
    const unready = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.approve, key);
    expect(unready.status, JSON.stringify(unready.body)).toBe(422);
    expect((await stockOf(sku)).reserved).toBe(0);
    // Nothing happened, so the key is free: the fixed cart checks out with it.
    await api('PATCH', `/carts/${cart.id}`, { shippingMethod: GERMAN_METHOD.id }, cart.headers);
    const fixed = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.approve, key);
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(201);
  });
});

describe('guest checkout', () => {
  it('pays, ships and delivers the order once per key, with the emails in the outbox', async () => {
    const sku = await product(5);
    const cart = await readyGuestCart(sku, 2);
    const key = randomUUID();
    const first = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.approve, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const { order } = first.body as { order: Order };
    // Pending payment as checkout settles it; already paid when payment.authorized reached orders' consumer
    // (which captures) between the gateway's answer and checkout's settling write, and even fulfilling when the
    // carrier's label came back in that time too: the answer is the order as it stands after that write, never
    // an older copy.
    expect(order.customerId).toBeNull();
    expect(['pending_payment', 'paid', 'fulfilling']).toContain(order.status);
    expect(order.payment.status).toMatch(order.status === 'pending_payment' ? /^authorized$/ : /^captured$/);
    expect(order.number).toMatch(/^CM-\d{4}-\d{6,}$/);
    expect(order.totals.grandTotal).toBe(2 * PRICE + 490);
    // The orders function's own DynamoDB calls for a first checkout (docs/bench.md lists them): the cart,
    // the key (read, claim), the cart's lock, the SKUs, the number, the order, the settle; two more (read the
    // order again, write) for each of the consumer's writes (capture claim, paid, fulfilling) the settle met.
    const calls = Number(
      /^dynamodb;desc="(\d+) calls";dur=/.exec(first.headers.get('server-timing') ?? '')?.[1],
    );
    expect([8, 10, 12, 14]).toContain(calls);

    // The same key and body: the same answer, no second order; another body under the key: 422.
    const again = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.approve, key);
    expect(again.status).toBe(201);
    expect((again.body as { order: Order }).order.id).toBe(order.id);
    const other = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.decline, key);
    expect(other.status).toBe(422);
    expect((other.body as { type: string }).type).toBe('urn:commerce:problem:idempotency-key-reused');

    // Asynchronously: captured → paid; inventory commits; shipping buys the label → fulfilling.
    const fulfilling = await orderReaches(order.id, 'fulfilling');
    expect(fulfilling.payment).toMatchObject({ status: 'captured', capturedAmount: order.totals.grandTotal });
    expect(fulfilling.shipment).toBeUndefined();
    await eventually(async () => ((await stockOf(sku)).onHand === 3 ? true : undefined));
    expect(await stockOf(sku)).toMatchObject({ onHand: 3, reserved: 0, available: 3 });

    const shipment = await eventually(async () => {
      const res = await staff.GET('/shipments/{id}', { params: { path: { id: `shp_${order.id}` } } });
      return res.data;
    });
    await carrierWebhook(shipment.trackingNumber, 'in_transit');
    const shipped = await orderReaches(order.id, 'shipped');
    expect(shipped.shipment).toMatchObject({ trackingNumber: shipment.trackingNumber });
    await carrierWebhook(shipment.trackingNumber, 'delivered');
    const delivered = await orderReaches(order.id, 'delivered');
    expect(delivered.history.map((h) => h.status)).toEqual([
      'pending_payment',
      'paid',
      'fulfilling',
      'shipped',
      'delivered',
    ]);

    // The cart is gone with the checkout; exactly one order has its number.
    expect((await api('GET', `/carts/${cart.id}`, undefined, cart.headers)).status).toBe(404);
    const found = await ok(staff.GET('/orders', { params: { query: { number: order.number } } }));
    expect((found as { items: Order[] }).items.map((o) => o.id)).toEqual([order.id]);

    const subjects = await eventually(async () => {
      const mails = await mailsTo(cart.email);
      // Paid, label issued, delivered (order.created sends nothing: the order is not paid yet).
      return mails.length >= 3 ? mails.map((m) => m.Subject ?? '') : undefined;
    }, 60_000);
    expect(subjects.length).toBeGreaterThanOrEqual(3);
    expect(subjects.join('\n')).toContain(order.number);
  });
});

describe('signed-in checkout', () => {
  it('keeps the order in the customer’s history, private to them, and merges a guest cart on sign-in', async () => {
    const sku = await product(5);
    const shopper = await signUp();
    const me = client(shopper.token);
    const guestCart = await readyGuestCart(sku, 1);
    const merged = await api(
      'POST',
      '/me/cart/merge',
      { cartId: guestCart.id, secret: guestCart.secret },
      bearer(shopper.token),
    );
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toMatchObject({ cart: { lines: [{ sku, quantity: 1 }] } });
    expect((await api('GET', `/carts/${guestCart.id}`, undefined, guestCart.headers)).status).toBe(404);

    await api('POST', '/me/cart/lines', { sku, quantity: 1 }, bearer(shopper.token));
    const res = await api(
      'POST',
      '/me/cart/checkout',
      { payment: { token: SANDBOX_TOKENS.approve }, locale: 'de' },
      { ...bearer(shopper.token), 'idempotency-key': randomUUID() },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { order } = res.body as { order: Order };
    expect(order.lines).toMatchObject([{ sku, quantity: 2, title: 'Checkout tee' }]);
    await orderReaches(order.id, 'fulfilling');

    const history = await ok(me.GET('/me/orders', {}));
    expect((history as { items: Order[] }).items.map((o) => o.id)).toContain(order.id);
    const other = await signUp();
    const foreign = await api('GET', `/me/orders/${order.id}`, undefined, bearer(other.token));
    expect(foreign.status).toBe(404);
    expect((await api('GET', `/orders/${order.id}`, undefined, bearer(other.token))).status).toBe(403);
    await eventually(async () => ((await mailsTo(shopper.email)).length >= 2 ? true : undefined), 60_000);
  });
});

describe('failure paths', () => {
  it('a declined card: 402, the order cancelled, the stock back, the cart kept', async () => {
    const sku = await product(2);
    const cart = await readyGuestCart(sku, 2);
    const res = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.decline);
    expect(res.status, JSON.stringify(res.body)).toBe(402);
    const problem = res.body as { type: string; orderId: string; failureCode: string };
    expect(problem.type).toBe('urn:commerce:problem:payment-declined');
    expect((await orderOf(problem.orderId)).status).toBe('cancelled');
    await eventually(async () => ((await stockOf(sku)).available === 2 ? true : undefined));
    expect((await api('GET', `/carts/${cart.id}`, undefined, cart.headers)).status).toBe(200);
    // Paying again with another card and a new key works.
    const retry = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.approve);
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
  });

  it('a "requires action" payment is finished by the gateway’s webhook, not the browser', async () => {
    const sku = await product(2);
    const cart = await readyGuestCart(sku, 1);
    const res = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.requiresAction);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const { order, payment } = res.body as {
      order: Order;
      payment: { status: string; nextAction: { type: string } };
    };
    expect(payment).toMatchObject({ status: 'requires_action', nextAction: { type: 'redirect' } });
    const waiting = await orderOf(order.id);
    expect(waiting.status).toBe('pending_payment');
    expect(waiting.payment.intentId).toMatch(/^sbx_pi_/);
    const { body, headers } = sandboxWebhook(
      {
        type: 'payment.authorized',
        providerRef: waiting.payment.intentId!,
        amount: order.totals.grandTotal,
        currency: 'EUR',
        paymentId: order.payment.id,
      },
      PAYMENT_SECRET,
    );
    const hook = await fetch(`${apiUrl()}/webhooks/payments/sandbox`, { method: 'POST', headers, body });
    expect(hook.status).toBe(200);
    await orderReaches(order.id, 'fulfilling');
  });

  it('an unreachable gateway: 503, the order cancelled, nothing charged, the stock back', async () => {
    const sku = await product(1);
    const cart = await readyGuestCart(sku, 1);
    const res = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.gatewayUnavailable);
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    const { orderId } = res.body as { orderId: string };
    const order = await orderOf(orderId);
    expect(order).toMatchObject({ status: 'cancelled', payment: { capturedAmount: 0 } });
    expect(order.history.at(-1)).toMatchObject({ status: 'cancelled', reason: 'payment_timeout' });
    await eventually(async () => ((await stockOf(sku)).available === 1 ? true : undefined));
  });

  it('a stock hold that runs out before the payment cancels the waiting order', async () => {
    const sku = await product(1);
    const cart = await readyGuestCart(sku, 1);
    const res = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.requiresAction);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const { order } = res.body as { order: Order };
    // What inventory's expiry sweep announces when the hold ends (the sweep itself: inventory.test.ts).
    await publishEvent(InventoryReservationExpired, {
      orderId: order.id,
      lines: [{ sku, quantity: 1, warehouseId }],
      expiresAt: new Date().toISOString(),
    });
    const cancelled = await orderReaches(order.id, 'cancelled');
    expect(cancelled.history.at(-1)).toMatchObject({ reason: 'reservation_expired' });
  });

  it('cancellation gives the stock back; a partial refund leaves the order partially refunded', async () => {
    const sku = await product(3);
    const cart = await readyGuestCart(sku, 1);
    const res = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.approve);
    const { order } = res.body as { order: Order };
    const paid = await eventually(async () => {
      const o = await orderOf(order.id);
      return o.payment.status === 'captured' ? o : undefined;
    });
    const partial = await api('POST', `/orders/${order.id}/refunds`, { amount: 500 }, bearer(staffToken));
    expect(partial.status, JSON.stringify(partial.body)).toBe(200);
    expect(partial.body).toMatchObject({ status: 'partially_refunded', payment: { refundedAmount: 500 } });
    const tooMuch = await api(
      'POST',
      `/orders/${order.id}/refunds`,
      { amount: paid.totals.grandTotal },
      bearer(staffToken),
    );
    expect(tooMuch.status).toBe(422);

    const sku2 = await product(3);
    const cart2 = await readyGuestCart(sku2, 2);
    const placed = await checkout(cart2.id, cart2.headers, SANDBOX_TOKENS.approve);
    const second = (placed.body as { order: Order }).order;
    await eventually(async () => ((await stockOf(sku2)).available === 1 ? true : undefined));
    const cancelled = await api(
      'POST',
      `/orders/${second.id}/cancel`,
      { reason: 'Customer called' },
      bearer(staffToken),
    );
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    await eventually(async () => {
      const stock = await stockOf(sku2);
      return stock.available === 3 && stock.reserved === 0 && stock.onHand === 3 ? true : undefined;
    }, 60_000);
    const twice = await api('POST', `/orders/${second.id}/cancel`, {}, bearer(staffToken));
    expect(twice.status).toBe(422);
  });

  it('two keys at the same cart at once: exactly one order and one payment, the other a 409 naming it', async () => {
    const sku = await product(5);
    const cart = await readyGuestCart(sku, 2);
    const answers = await Promise.all([
      checkout(cart.id, cart.headers, SANDBOX_TOKENS.approve),
      checkout(cart.id, cart.headers, SANDBOX_TOKENS.approve),
    ]);
    expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body))).toEqual([
      201, 409,
    ]);
    const placed = (answers.find((a) => a.status === 201)!.body as { order: Order }).order;
    const refused = answers.find((a) => a.status === 409)!.body as { type: string; orderId: string };
    expect(refused.type).toMatch(/^urn:commerce:problem:cart-(checkout-in-progress|checked-out)$/);
    expect(refused.orderId).toBe(placed.id);
    // One order for the cart's email, so one payment (its id is the order's), and the stock taken once
    // (held, or already committed once the capture made the order paid).
    const listed = await ok(staff.GET('/orders', { params: { query: { email: cart.email } } }));
    expect((listed as { items: Order[] }).items.map((o) => o.id)).toEqual([placed.id]);
    expect((await stockOf(sku)).available).toBe(3);
    // Another key later is told the order the cart became.
    const later = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.approve);
    expect(later.status).toBe(409);
    expect(later.body).toMatchObject({ type: 'urn:commerce:problem:cart-checked-out', orderId: placed.id });
  });

  it('a guest short of stock learns which SKUs, never how many are left', async () => {
    const sku = await product(1);
    const cart = await readyGuestCart(sku, 2);
    const res = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.approve);
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body).toMatchObject({
      type: 'urn:commerce:problem:insufficient-stock',
      shortages: [{ sku, requested: 2 }],
    });
    expect(JSON.stringify(res.body)).not.toContain('available');
    // A guest cart holds at most 10 of a product.
    const many = await api('PUT', `/carts/${cart.id}/lines/${sku}`, { quantity: 11 }, cart.headers);
    expect(many.status).toBe(422);
    expect(many.body).toMatchObject({ type: 'urn:commerce:problem:guest-cart-limit' });
  });

  it('20 parallel checkouts for 5 units: exactly 5 orders, the rest 409, stock never negative', async () => {
    const sku = await product(5);
    // The carts are made five at a time (their making is not what is raced here: on two cores twenty at
    // once can keep a cold pricing call past its timeout); the twenty checkouts go at once.
    const carts: Awaited<ReturnType<typeof readyGuestCart>>[] = [];
    for (let batch = 0; batch < 4; batch++) {
      carts.push(...(await Promise.all(Array.from({ length: 5 }, () => readyGuestCart(sku, 1)))));
    }
    const answers: ApiResponse[] = await Promise.all(
      carts.map((c) => checkout(c.id, c.headers, SANDBOX_TOKENS.approve)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    const stock = await stockOf(sku);
    expect(stock.available).toBe(0);
    expect(stock.onHand - stock.reserved).toBeGreaterThanOrEqual(0);
  }, 180_000);
});
