// Gateways and carriers per stage, end to end on the local stage (docs/payments.md, docs/shipping.md): a
// checkout that names no gateway is recorded with the stage's default; a shipping method may name only a
// carrier the stage allows; and the manual carrier from order to parcel: a method shipping with it, the
// order paid, the shipment waiting for hand-over without a label, staff marking it shipped with the real
// tracking number and carrier, the order shipped. The local stage allows both gateways, so the 422 for a
// gateway a stage refuses is proven by unit tests (test/unit/orders/payment-provider.test.ts,
// test/unit/payment/payments.test.ts) and the prod template by test/infra/platform.test.ts.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS } from '../../functions/payment/providers/sandbox.ts';
import { api, bearer, client, eventually, signIn, unique } from './support.ts';

// Fixed ids: the rate table outlives a run and zones must not overlap (Luxembourg is no other test's).
const ZONE = { id: 'e2e-lu', name: 'Luxembourg', countries: ['LU'] };
const MANUAL_METHOD = {
  id: 'e2e-lu-manual',
  zoneId: ZONE.id,
  name: 'Packed by hand',
  carrier: 'manual',
  currency: 'EUR',
  rate: { type: 'flat' as const, amount: 590 },
  minDays: 1,
  maxDays: 3,
};
const ADDRESS = {
  name: 'Lea Weber',
  line1: '12 Rue de la Gare',
  city: 'Luxembourg',
  postalCode: '1611',
  country: 'LU',
};
const PRICE = 2_500;

interface Order {
  id: string;
  status: string;
  payment: { id: string; provider: string; status: string };
  shipment?: { id: string; trackingNumber: string; carrier?: string; status: string };
  history: { status: string }[];
}
interface Shipment {
  id: string;
  carrier: string;
  status: string;
  trackingNumber: string;
  trackingUrl?: string;
  label?: unknown;
  history: { status: string; source: string; actor?: string }[];
}

let staffToken: string;
let staff: ReturnType<typeof client>;
let warehouseId: string;

async function ok(res: Promise<{ response: Response; error?: unknown; data?: unknown }>, status = 200) {
  const r = await res;
  expect(r.response.status, JSON.stringify(r.error)).toBe(status);
  return r.data;
}

/** PUT at the version read (0 when new), so every run leaves the same entry. */
async function putAtVersion(path: string, current: { version: number } | undefined, body: object) {
  const res = await api('PUT', path, { ...body, version: current?.version ?? 0 }, bearer(staffToken));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Record<string, unknown>;
}

async function ensureLuxembourg(): Promise<void> {
  const zones = (await api('GET', '/shipping/zones', undefined, bearer(staffToken))).body as {
    items: { id: string; version: number }[];
  };
  const { id: zoneId, ...zone } = ZONE;
  await putAtVersion(
    `/shipping/zones/${zoneId}`,
    zones.items.find((z) => z.id === zoneId),
    zone,
  );
  const methods = (await api('GET', '/shipping/methods', undefined, bearer(staffToken))).body as {
    items: { id: string; version: number }[];
  };
  const { id: methodId, ...method } = MANUAL_METHOD;
  await putAtVersion(
    `/shipping/methods/${methodId}`,
    methods.items.find((m) => m.id === methodId),
    method,
  );
  // Taxed like Luxembourg (17 % and 8 %, prices include tax), keeping every other country's rules; the
  // table is shared by every test file, so retry when another changed it between our read and write.
  for (let attempt = 0; ; attempt++) {
    const current = (await staff.GET('/tax-rules')).data!;
    const put = await staff.PUT('/tax-rules', {
      body: {
        version: current.version,
        rules: [
          ...current.rules.filter((r) => r.country !== 'LU'),
          { country: 'LU', taxClass: 'standard', ratePpm: 170_000 },
          { country: 'LU', taxClass: 'reduced', ratePpm: 80_000 },
        ],
        modes: [...current.modes.filter((m) => m.country !== 'LU'), { country: 'LU', mode: 'inclusive' }],
      },
    });
    if (put.data) return;
    if (put.response.status !== 409 || attempt === 3)
      throw new Error(`PUT /tax-rules: ${put.response.status}`);
  }
}

/** A published product whose SKU has a price and stock, once orders knows it. */
async function product(): Promise<string> {
  const handle = unique('gw');
  const sku = `${handle}-one`;
  await ok(
    staff.POST('/products', {
      body: {
        handle,
        title: 'Hand-packed mug',
        description: 'For the manual carrier test.',
        status: 'published',
        categoryIds: [],
        attributes: {},
        options: [],
        variants: [{ sku, title: 'One size', optionValues: {}, weightGrams: 400 }],
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
      body: { warehouseId, delta: 5, reason: 'received' },
    }),
    201,
  );
  return sku;
}

/** A guest cart with one unit of `sku`, shipping to Luxembourg with the manual method. */
async function readyCart(sku: string) {
  // Orders learns the SKU from product.created: wait until a cart takes it.
  const { id, headers } = await eventually(async () => {
    const created = await api('POST', '/carts', { currency: 'EUR' });
    const { cart, secret } = created.body as { cart: { id: string }; secret: string };
    const cartHeaders = { 'x-cart-secret': secret };
    const added = await api('POST', `/carts/${cart.id}/lines`, { sku, quantity: 1 }, cartHeaders);
    return added.status === 200 ? { id: cart.id, headers: cartHeaders } : undefined;
  }, 60_000);
  const patched = await api(
    'PATCH',
    `/carts/${id}`,
    { email: `${unique('lu')}@example.com`, shippingAddress: ADDRESS, shippingMethod: MANUAL_METHOD.id },
    headers,
  );
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  return { id, headers };
}

async function orderReaches(id: string, status: string): Promise<Order> {
  return eventually(
    async () => {
      const order = (await ok(staff.GET('/orders/{id}', { params: { path: { id } } }))) as Order;
      return order.status === status ? order : undefined;
    },
    60_000,
    `order ${id} ${status}`,
  );
}

beforeAll(async () => {
  staffToken = await signIn(['staff']);
  staff = client(staffToken);
  warehouseId = unique('wh');
  await ok(
    staff.PUT('/warehouses/{id}', {
      params: { path: { id: warehouseId } },
      body: { name: 'Hand packing', country: 'LU' },
    }),
  );
  await ensureLuxembourg();
}, 120_000);

describe('carriers per stage', () => {
  it('refuse a shipping method naming a carrier the stage does not allow (422 at /carrier)', async () => {
    const { id: _id, ...method } = MANUAL_METHOD;
    const res = await api(
      'PUT',
      `/shipping/methods/${unique('e2e-acme')}`,
      { ...method, carrier: 'acme', version: 0 },
      bearer(staffToken),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      type: 'urn:commerce:problem:carrier-not-allowed',
      errors: [{ in: 'body', pointer: '/carrier' }],
    });
  });
});

describe('the manual carrier, from checkout to parcel', () => {
  it('pays with the stage default gateway, waits for hand-over, and ships with the tracking staff enter', async () => {
    const sku = await product();
    const cart = await readyCart(sku);

    // No gateway named: the order records the local stage's default (sandbox).
    const placed = await api(
      'POST',
      `/carts/${cart.id}/checkout`,
      { payment: { token: SANDBOX_TOKENS.approve } },
      { ...cart.headers, 'idempotency-key': randomUUID() },
    );
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const { order } = placed.body as { order: Order };
    expect(order.payment.provider).toBe('sandbox');

    // Paid → order.paid → shipping books the parcel with the manual carrier: no label, waiting for hand-over.
    const fulfilling = await orderReaches(order.id, 'fulfilling');
    expect(fulfilling.payment).toMatchObject({ provider: 'sandbox', status: 'captured' });
    const shipmentId = `shp_${order.id}`;
    const waiting = (await ok(
      staff.GET('/shipments/{id}', { params: { path: { id: shipmentId } } }),
    )) as Shipment;
    expect(waiting).toMatchObject({
      carrier: 'manual',
      status: 'created',
      trackingNumber: `MANUAL-${shipmentId}`,
    });
    expect(waiting.label).toBeUndefined();

    // Staff hand it to the post office and enter what they were given.
    const trackingNumber = `LU${Date.now()}`;
    const shipped = await api(
      'POST',
      `/shipments/${shipmentId}/ship`,
      { trackingNumber, carrier: 'post-lu', trackingUrl: `https://post.example/track/${trackingNumber}` },
      bearer(staffToken),
    );
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'in_transit', trackingNumber, carrier: 'post-lu' });
    expect((shipped.body as unknown as Shipment).history.at(-1)).toMatchObject({
      status: 'in_transit',
      source: 'staff',
    });

    const onItsWay = await orderReaches(order.id, 'shipped');
    expect(onItsWay.shipment).toMatchObject({ trackingNumber });
    expect(onItsWay.history.map((h) => h.status)).toEqual([
      'pending_payment',
      'paid',
      'fulfilling',
      'shipped',
    ]);
  });
});
