// Gateways and carriers per stage, end to end on the local stage (docs/payments.md, docs/shipping.md): a
// checkout that names no gateway is recorded with the stage's default; a shipping method may name only a
// carrier the stage allows; and the manual carrier from order to parcel: a method shipping with it, the
// order paid, the shipment waiting for hand-over without a label, staff marking it shipped with the real
// tracking number and carrier, the order shipped. The local stage allows both gateways, so the 422 for a
// gateway a stage refuses is proven by unit tests (test/unit/orders/payment-provider.test.ts,
// test/unit/payment/payments.test.ts) and the prod template by test/infra/platform.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS } from '../../functions/payment/providers/sandbox.ts';
import { api, bearer, client, signIn, unique } from './support.ts';
import {
  checkout,
  ensureTax,
  newWarehouse,
  ok,
  orderReaches,
  readyGuestCart,
  stockedProduct,
  type Order,
} from './shop.ts';

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
  // Taxed like Luxembourg (17 % and 8 %, prices include tax), keeping every other country's rules.
  await ensureTax(staff, 'LU', { standard: 170_000, reduced: 80_000 });
}

/** A published product whose SKU has a price and stock, once orders knows it. */
const product = (): Promise<string> =>
  stockedProduct(staff, {
    warehouseId,
    units: 5,
    price: PRICE,
    prefix: 'gw',
    title: 'Hand-packed mug',
    weightGrams: 400,
  });

/** A guest cart with one unit of `sku`, shipping to Luxembourg with the manual method. */
const readyCart = (sku: string) =>
  readyGuestCart(sku, 1, {
    email: `${unique('lu')}@example.com`,
    address: ADDRESS,
    methodId: MANUAL_METHOD.id,
  });

beforeAll(async () => {
  staffToken = await signIn(['staff']);
  staff = client(staffToken);
  warehouseId = await newWarehouse(staff, 'Hand packing', 'LU');
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
    const placed = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.approve);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const { order } = placed.body as { order: Order };
    expect(order.payment.provider).toBe('sandbox');

    // Paid → order.paid → shipping books the parcel with the manual carrier: no label, waiting for hand-over.
    const fulfilling = await orderReaches(staff, order.id, 'fulfilling');
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

    const onItsWay = await orderReaches(staff, order.id, 'shipped');
    expect(onItsWay.shipment).toMatchObject({ trackingNumber });
    expect(onItsWay.history.map((h) => h.status)).toEqual([
      'pending_payment',
      'paid',
      'fulfilling',
      'shipped',
    ]);
  });
});
