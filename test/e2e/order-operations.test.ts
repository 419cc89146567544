// Order operations end to end on the local cloud: a staff cancellation of a fulfilling order stops the
// shipment at the sandbox carrier first (and is refused with 409, the order unchanged, once the parcel
// moves); the refund the cancellation owes is made by payment and recorded once on the order from
// payment.refunded; staff refunds above the local stage's approval limit need an admin. The capture/cancel
// interleavings are unit tests (test/unit/orders/order-operations.test.ts): the local cloud gives no way to
// hold a capture in flight deterministically.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS } from '../../functions/payment/providers/sandbox.ts';
import { LOCAL_SANDBOX_WEBHOOK_SECRET as CARRIER_SECRET } from '../../functions/shipping/carrier-registry.ts';
import { sandboxCarrierWebhook } from '../../functions/shipping/carriers/sandbox.ts';
import { MUNICH_ADDRESS } from '../fixtures/germany.ts';
import {
  api,
  apiUrl,
  bearer,
  client,
  ensureGermanShipping,
  eventually,
  GERMAN_METHOD,
  signIn,
  unique,
} from './support.ts';

/** infra/config/stages.ts, local: orders.refundApprovalAbove.EUR. */
const LOCAL_REFUND_APPROVAL_ABOVE = 10_000;

const ADDRESS = MUNICH_ADDRESS;
const PRICE = 1_999;

interface Order {
  refunds?: { id: string; amount: number; status: string; actor: string }[];
  id: string;
  number: string;
  status: string;
  customerId: string | null;
  lines: { sku: string; quantity: number; unitPrice: number; title: string }[];
  totals: { grandTotal: number; shipping: number; taxTotal: number; taxIncluded: boolean };
  payment: { id: string; status: string; capturedAmount: number; refundedAmount: number; intentId?: string };
  shipment?: { id: string; trackingNumber: string; status: string };
  history: { status: string; reason?: string }[];
}

let staffToken: string;
let staff: ReturnType<typeof client>;
let warehouseId: string;

async function ok(res: Promise<{ response: Response; error?: unknown; data?: unknown }>, status = 200) {
  const r = await res;
  expect(r.response.status, JSON.stringify(r.error)).toBe(status);
  return r.data;
}

/** A published product whose SKU has a price and `units` in stock. */
async function product(units: number): Promise<string> {
  const handle = unique('chk');
  const sku = `${handle}-one`;
  await ok(
    staff.POST('/products', {
      body: {
        handle,
        title: 'Checkout tee',
        description: 'For checkout tests.',
        status: 'published',
        categoryIds: [],
        attributes: {},
        options: [],
        variants: [{ sku, title: 'One size', optionValues: {}, weightGrams: 250 }],
        media: [],
      },
    }),
    201,
  );
  await ok(
    staff.PUT('/prices/{sku}', {
      params: { path: { sku } },
      body: { version: 0, prices: { EUR: { amount: PRICE, sales: [] } } },
    }),
  );
  await ok(
    staff.POST('/stock/{sku}/adjustments', {
      params: { path: { sku } },
      body: { warehouseId, delta: units, reason: 'received' },
    }),
    201,
  );
  // Orders learns the SKU from product.created: wait until a cart takes it.
  await eventually(async () => {
    const res = await api('POST', '/carts', { currency: 'EUR' });
    const cart = res.body as { cart: { id: string }; secret: string };
    const added = await api(
      'POST',
      `/carts/${cart.cart.id}/lines`,
      { sku, quantity: 1 },
      guestHeaders(cart.secret),
    );
    return added.status === 200 ? true : undefined;
  }, 60_000);
  return sku;
}

const guestHeaders = (secret: string): Record<string, string> => ({ 'x-cart-secret': secret });

/** A guest cart with `quantity` of `sku`, an email, the address and the method: ready for checkout. */
async function readyGuestCart(sku: string, quantity = 1, email = `${unique('guest')}@example.com`) {
  const created = await api('POST', '/carts', { currency: 'EUR' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { cart, secret } = created.body as { cart: { id: string }; secret: string };
  const headers = guestHeaders(secret);
  expect((await api('POST', `/carts/${cart.id}/lines`, { sku, quantity }, headers)).status).toBe(200);
  const patched = await api(
    'PATCH',
    `/carts/${cart.id}`,
    { email, shippingAddress: ADDRESS, shippingMethod: GERMAN_METHOD.id },
    headers,
  );
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  return { id: cart.id, secret, headers, email, view: patched.body as Record<string, unknown> };
}

function checkout(cartId: string, headers: Record<string, string>, token: string, key = randomUUID()) {
  return api(
    'POST',
    `/carts/${cartId}/checkout`,
    { payment: { token } },
    { ...headers, 'idempotency-key': key },
  );
}

async function orderOf(id: string): Promise<Order> {
  return (await ok(staff.GET('/orders/{id}', { params: { path: { id } } }))) as Order;
}

async function orderReaches(id: string, status: string, timeoutMs = 60_000): Promise<Order> {
  return eventually(async () => {
    const order = await orderOf(id);
    return order.status === status ? order : undefined;
  }, timeoutMs);
}

async function carrierWebhook(trackingNumber: string, status: 'in_transit' | 'delivered') {
  const { body, headers } = sandboxCarrierWebhook(
    { id: `evt-${randomUUID()}`, trackingNumber, status, at: new Date().toISOString() },
    CARRIER_SECRET,
  );
  const res = await fetch(`${apiUrl()}/webhooks/carriers/sandbox`, { method: 'POST', headers, body });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** Germany taxed as pricing.test.ts sets it (19 % and 7 %, prices include tax), keeping other countries. */
async function ensureGermanTax(): Promise<void> {
  // The table is shared by every test file: retry when another changed it between our read and write.
  for (let attempt = 0; ; attempt++) {
    const current = (await staff.GET('/tax-rules')).data!;
    const put = await staff.PUT('/tax-rules', {
      body: {
        version: current.version,
        rules: [
          ...current.rules.filter((r) => r.country !== 'DE'),
          { country: 'DE', taxClass: 'standard', ratePpm: 190_000 },
          { country: 'DE', taxClass: 'reduced', ratePpm: 70_000 },
        ],
        modes: [...current.modes.filter((m) => m.country !== 'DE'), { country: 'DE', mode: 'inclusive' }],
      },
    });
    if (put.data) return;
    if (put.response.status !== 409 || attempt === 3)
      throw new Error(`PUT /tax-rules: ${put.response.status}`);
  }
}

beforeAll(async () => {
  staffToken = await signIn(['staff']);
  adminToken = await signIn(['admin']);
  staff = client(staffToken);
  await ensureGermanTax();
  warehouseId = unique('wh');
  await ok(
    staff.PUT('/warehouses/{id}', {
      params: { path: { id: warehouseId } },
      body: { name: 'Checkout', country: 'DE' },
    }),
  );
  await ensureGermanShipping(staff);
}, 120_000);

let adminToken: string;

/** A guest order of `quantity` units, paid, with its shipment created (fulfilling). */
async function fulfillingOrder(quantity = 1): Promise<Order> {
  const sku = await product(quantity);
  const cart = await readyGuestCart(sku, quantity);
  const res = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.approve);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return orderReaches((res.body as { order: Order }).order.id, 'fulfilling');
}

async function shipmentOf(orderId: string): Promise<{ status: string; trackingNumber: string }> {
  const res = await staff.GET('/shipments/{id}', { params: { path: { id: `shp_${orderId}` } } });
  expect(res.response.status).toBe(200);
  return res.data as { status: string; trackingNumber: string };
}

describe('staff cancellation of a fulfilling order', () => {
  it('stops the shipment at the carrier, cancels the order, and the refund it owes is recorded once', async () => {
    const order = await fulfillingOrder();
    const res = await api(
      'POST',
      `/orders/${order.id}/cancel`,
      { reason: 'Customer called' },
      bearer(staffToken),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled' });
    expect((await shipmentOf(order.id)).status).toBe('cancelled');

    // payment refunds refundDue on order.cancelled; payment.refunded records it on the order.
    const refunded = await eventually(async () => {
      const o = await orderOf(order.id);
      return o.payment.refundedAmount === o.totals.grandTotal ? o : undefined;
    }, 60_000);
    expect(refunded.status).toBe('cancelled');
    expect(refunded.refunds).toEqual([
      expect.objectContaining({
        id: `${order.id}-cancel`,
        amount: order.totals.grandTotal,
        status: 'succeeded',
      }),
    ]);
  });

  it('is refused once the parcel moves (409 too late, or 422 once shipped) and the order stays', async () => {
    const order = await fulfillingOrder();
    const { trackingNumber } = await shipmentOf(order.id);
    await carrierWebhook(trackingNumber, 'in_transit');
    // Shipping's record refuses while the order is still fulfilling (409); once shipment.in_transit has
    // reached the order (shipped), the state machine does (422). Either way nothing changes.
    const res = await api('POST', `/orders/${order.id}/cancel`, {}, bearer(staffToken));
    const { type } = res.body as { type: string };
    if (res.status === 409) expect(type).toBe('urn:commerce:problem:shipment-too-late-to-cancel');
    else expect([res.status, type]).toEqual([422, 'urn:commerce:problem:illegal-transition']);
    const after = await orderOf(order.id);
    expect(['fulfilling', 'shipped']).toContain(after.status);
    expect(after.payment.refundedAmount).toBe(0);
    expect((await shipmentOf(order.id)).status).toBe('in_transit');
  });
});

describe('refund approval', () => {
  it('staff above the limit get 403 refund-needs-admin and nothing moves; an admin may', async () => {
    const order = await fulfillingOrder(6);
    expect(order.totals.grandTotal).toBeGreaterThan(LOCAL_REFUND_APPROVAL_ABOVE);
    const amount = LOCAL_REFUND_APPROVAL_ABOVE + 1;

    const denied = await api('POST', `/orders/${order.id}/refunds`, { amount }, bearer(staffToken));
    expect(denied.status, JSON.stringify(denied.body)).toBe(403);
    expect((denied.body as { type: string }).type).toBe('urn:commerce:problem:refund-needs-admin');
    expect((await orderOf(order.id)).payment.refundedAmount).toBe(0);

    const allowed = await api('POST', `/orders/${order.id}/refunds`, { amount }, bearer(adminToken));
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    expect(allowed.body).toMatchObject({
      status: 'partially_refunded',
      payment: { refundedAmount: amount },
      refunds: [{ amount, status: 'succeeded' }],
    });
    // payment.refunded for the same refund changes nothing more.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const settled = await orderOf(order.id);
    expect(settled.payment.refundedAmount).toBe(amount);
    expect(settled.refunds).toHaveLength(1);
  });
});
