// The inventory service end to end on the local cloud: warehouses and stock through the typed API client,
// public availability and its announcements on the bus, and the reservations other services take through
// the internal functions (Lambda Invoke, names from the stack outputs): all or none, never oversold under
// 20 concurrent checkouts, commit, release, idempotency, expiry by the sweep and the hold an authorized
// payment keeps (extend).
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { EMULATOR_ENDPOINT, REGION } from '@commerce/local-cloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentAuthorized } from '@commerce/events';
import {
  api,
  bearer,
  client,
  eventually,
  listenOnBus,
  publishEvent,
  signIn,
  signUp,
  stackOutput,
  unique,
  type BusEvent,
} from './support.ts';

const lambda = new LambdaClient({
  endpoint: EMULATOR_ENDPOINT,
  region: REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

interface Line {
  sku: string;
  quantity: number;
  warehouseId: string;
}
interface Reservation {
  id: string;
  status: 'held' | 'committed' | 'released' | 'expired';
  lines: Line[];
  expiresAt: string;
  version: number;
  releaseReason?: string;
}
interface Problem {
  error: {
    status: number;
    type: string;
    title: string;
    detail: string;
    shortages?: { sku: string; requested: number; available: number }[];
    errors?: { pointer: string }[];
  };
}

/** Invokes one of the inventory's internal functions the way orders will, and returns what it answered. */
async function invoke<T>(
  name: 'Reserve' | 'Extend' | 'Commit' | 'Release' | 'ExpireReservations',
  payload: unknown,
): Promise<T | Problem> {
  const out = await lambda.send(
    new InvokeCommand({
      FunctionName: stackOutput((k) => k === `Inventory${name}FunctionName`),
      Payload: Buffer.from(JSON.stringify(payload)),
    }),
  );
  expect(out.FunctionError, Buffer.from(out.Payload ?? []).toString()).toBeUndefined();
  return JSON.parse(Buffer.from(out.Payload!).toString()) as T | Problem;
}

const isProblem = (r: unknown): r is Problem => typeof r === 'object' && r !== null && 'error' in r;

async function reserve(
  orderId: string,
  lines: { sku: string; quantity: number }[],
  extra: Record<string, unknown> = {},
) {
  return invoke<{ reservation: Reservation; created: boolean }>('Reserve', { orderId, lines, ...extra });
}

let staff: ReturnType<typeof client>;
let staffToken: string;
let customerToken: string;
let warehouseId: string;
let listener: Awaited<ReturnType<typeof listenOnBus>>;

const dataOf = (e: BusEvent) => e.detail.data;
const seen = (type: string, match: (data: Record<string, unknown>) => boolean) =>
  listener.waitFor((e) => e['detail-type'] === type && match(dataOf(e)), type);

async function receive(sku: string, units: number, warehouse = warehouseId) {
  const res = await staff.POST('/stock/{sku}/adjustments', {
    params: { path: { sku } },
    body: { warehouseId: warehouse, delta: units, reason: 'received', note: 'PO-1' },
  });
  expect(res.response.status, JSON.stringify(res.error)).toBe(201);
  return res.data!;
}

async function stockOf(sku: string) {
  const res = await staff.GET('/stock/{sku}', { params: { path: { sku } } });
  expect(res.response.status, JSON.stringify(res.error)).toBe(200);
  return res.data!;
}

const availabilityOf = async (sku: string) =>
  (await client().GET('/availability/{sku}', { params: { path: { sku } } })).data?.availability;

beforeAll(async () => {
  let shopper: Awaited<ReturnType<typeof signUp>>;
  [staffToken, shopper, listener] = await Promise.all([
    signIn(['staff']),
    signUp(),
    listenOnBus({ source: ['commerce.inventory'] }),
  ]);
  customerToken = shopper.token;
  staff = client(staffToken);
  warehouseId = unique('wh');
  const created = await staff.PUT('/warehouses/{id}', {
    params: { path: { id: warehouseId } },
    body: { name: 'Main warehouse', country: 'DE' },
  });
  expect(created.response.status, JSON.stringify(created.error)).toBe(200);
});

afterAll(async () => {
  await listener.close();
});

describe('warehouses', () => {
  it('are created by staff, listed, and replaced only at the version read', async () => {
    const id = unique('wh');
    const path = { params: { path: { id } } };
    const created = await staff.PUT('/warehouses/{id}', { ...path, body: { name: 'Berlin', country: 'DE' } });
    expect(created.data).toMatchObject({ id, name: 'Berlin', country: 'DE', version: 1 });
    const again = await staff.PUT('/warehouses/{id}', { ...path, body: { name: 'Hamburg' } });
    expect(again.response.status).toBe(409);
    const replaced = await staff.PUT('/warehouses/{id}', {
      ...path,
      body: { name: 'Berlin Nord', version: 1 },
    });
    expect(replaced.data).toMatchObject({ id, name: 'Berlin Nord', version: 2 });
    const stale = await staff.PUT('/warehouses/{id}', { ...path, body: { name: 'X', version: 1 } });
    expect(stale.response.status).toBe(409);
    const list = await staff.GET('/warehouses');
    expect(list.data?.items).toContainEqual(expect.objectContaining({ id, name: 'Berlin Nord', version: 2 }));
  });
});

describe('access', () => {
  it('keeps warehouses and stock to staff: a customer gets 403, nobody signed in 401', async () => {
    const sku = unique('sku');
    const customer = client(customerToken);
    const calls = [
      customer.GET('/warehouses'),
      customer.PUT('/warehouses/{id}', { params: { path: { id: unique('wh') } }, body: { name: 'Mine' } }),
      customer.GET('/stock/{sku}', { params: { path: { sku } } }),
      customer.POST('/stock/{sku}/adjustments', {
        params: { path: { sku } },
        body: { warehouseId, delta: 100, reason: 'received' },
      }),
    ];
    for (const res of await Promise.all(calls)) expect(res.response.status).toBe(403);
    expect((await client().GET('/stock/{sku}', { params: { path: { sku } } })).response.status).toBe(401);
    // Nothing was received.
    expect((await staff.GET('/stock/{sku}', { params: { path: { sku } } })).response.status).toBe(404);
  });
});

describe('stock and public availability', () => {
  it('moves through in, low and out of stock with the ledger, the levels and the announcements', async () => {
    const sku = unique('sku');
    expect(await availabilityOf(sku)).toBe('out_of_stock');

    const received = await receive(sku, 8);
    expect(received.entry).toMatchObject({
      sku,
      warehouseId,
      delta: 8,
      reason: 'received',
      resultingOnHand: 8,
    });
    expect(received.level).toMatchObject({ warehouseId, onHand: 8, reserved: 0, available: 8 });
    expect(await availabilityOf(sku)).toBe('in_stock');
    const back = await seen('inventory.back_in_stock', (d) => d.sku === sku);
    expect(dataOf(back)).toEqual({
      sku,
      availability: 'in_stock',
      previousAvailability: 'out_of_stock',
      available: 8,
      threshold: 5,
    });
    const adjusted = await seen('inventory.adjusted', (d) => d.sku === sku);
    expect(dataOf(adjusted)).toMatchObject({ warehouseId, delta: 8, reason: 'received', onHand: 8 });

    const damaged = await staff.POST('/stock/{sku}/adjustments', {
      params: { path: { sku } },
      body: { warehouseId, delta: -4, reason: 'damaged' },
    });
    expect(damaged.data?.level).toMatchObject({ onHand: 4, available: 4 });
    expect(await availabilityOf(sku)).toBe('low_stock');
    await seen('inventory.low_stock', (d) => d.sku === sku && d.available === 4);

    await staff.POST('/stock/{sku}/adjustments', {
      params: { path: { sku } },
      body: { warehouseId, delta: -4, reason: 'sold', note: 'shop till' },
    });
    expect(await availabilityOf(sku)).toBe('out_of_stock');
    await seen('inventory.out_of_stock', (d) => d.sku === sku && d.previousAvailability === 'low_stock');

    const stock = await stockOf(sku);
    expect(stock).toMatchObject({
      sku,
      availability: 'out_of_stock',
      totals: { onHand: 0, reserved: 0, available: 0 },
      levels: [expect.objectContaining({ warehouseId, onHand: 0, reserved: 0, available: 0, version: 3 })],
    });
    expect(stock.ledger.map((e) => [e.delta, e.reason, e.resultingOnHand])).toEqual([
      [-4, 'sold', 0],
      [-4, 'damaged', 4],
      [8, 'received', 8],
    ]);

    // The public sees a class, never a number, for one SKU or several.
    const many = await client().GET('/availability', {
      params: { query: { skus: `${sku},${unique('sku')}` } },
    });
    expect(many.data?.items.map((i) => Object.keys(i).sort())).toEqual([
      ['availability', 'sku'],
      ['availability', 'sku'],
    ]);
    expect(many.data?.items.map((i) => i.availability)).toEqual(['out_of_stock', 'out_of_stock']);
  });

  it('refuses adjustments that break the rules, changing nothing', async () => {
    const sku = unique('sku');
    await receive(sku, 2);
    const cases = [
      { body: { warehouseId, delta: -1, reason: 'received' }, status: 422 }, // sign does not suit the reason
      { body: { warehouseId, delta: -3, reason: 'lost' }, status: 422 }, // fewer than zero on hand
      { body: { warehouseId: unique('wh'), delta: 1, reason: 'received' }, status: 422 }, // unknown warehouse
      { body: { warehouseId, delta: 1, reason: 'received', price: 5 }, status: 400 }, // unknown field
    ];
    for (const { body, status } of cases) {
      const res = await api('POST', `/stock/${sku}/adjustments`, body, bearer(staffToken));
      expect(res.status, JSON.stringify(res.body)).toBe(status);
    }
    expect((await stockOf(sku)).totals).toEqual({ onHand: 2, reserved: 0, available: 2 });
  });
});

describe('reservations (internal functions)', () => {
  it('20 concurrent checkouts for 5 units: exactly 5 reserved, 15 insufficient, stock never negative', async () => {
    const sku = unique('sku');
    await receive(sku, 5);
    const samples: { onHand: number; reserved: number; available: number }[] = [];
    let reserving = true;
    const sampler = (async () => {
      while (reserving) samples.push((await stockOf(sku)).totals);
    })();
    const orders = Array.from({ length: 20 }, () => unique('ord'));
    const results = await Promise.all(orders.map((id) => reserve(id, [{ sku, quantity: 1 }])));
    reserving = false;
    await sampler;

    const held = results.filter((r): r is { reservation: Reservation; created: boolean } => !isProblem(r));
    const refused = results.filter(isProblem);
    expect(held).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const r of refused) {
      expect(r.error).toMatchObject({
        status: 409,
        type: 'urn:commerce:problem:insufficient-stock',
        shortages: [{ sku, requested: 1, available: 0 }],
      });
    }
    for (const r of held) {
      expect(r).toMatchObject({
        created: true,
        reservation: { status: 'held', lines: [{ sku, quantity: 1, warehouseId }] },
      });
    }
    const stock = await stockOf(sku);
    expect(stock.totals).toEqual({ onHand: 5, reserved: 5, available: 0 });
    expect(stock.levels).toEqual([expect.objectContaining({ onHand: 5, reserved: 5, available: 0 })]);
    for (const s of samples) {
      expect(s.available).toBeGreaterThanOrEqual(0);
      expect(s.reserved).toBeLessThanOrEqual(s.onHand);
    }
    expect(await availabilityOf(sku)).toBe('out_of_stock');
    await seen('inventory.out_of_stock', (d) => d.sku === sku);

    const heldIds = held.map((r) => r.reservation.id);
    const [paid, failed] = heldIds as [string, string];

    // Payment succeeded: committed, the unit leaves on-hand stock; a repeat changes nothing.
    const correlationId = unique('corr');
    const committed = await invoke<{ reservation: Reservation }>('Commit', { orderId: paid, correlationId });
    expect(committed).toMatchObject({ reservation: { id: paid, status: 'committed', version: 2 } });
    expect(await invoke('Commit', { orderId: paid })).toMatchObject({
      reservation: { status: 'committed', version: 2 },
    });
    expect((await stockOf(sku)).totals).toEqual({ onHand: 4, reserved: 4, available: 0 });
    const committedEvent = await seen('inventory.committed', (d) => d.orderId === paid);
    expect(committedEvent.detail.metadata.correlationId).toBe(correlationId);

    // Payment failed: released, the unit is available again and the SKU back in stock.
    const released = await invoke<{ reservation: Reservation }>('Release', {
      orderId: failed,
      reason: 'payment_failed',
    });
    expect(released).toMatchObject({ reservation: { status: 'released', releaseReason: 'payment_failed' } });
    expect((await stockOf(sku)).totals).toEqual({ onHand: 4, reserved: 3, available: 1 });
    expect(dataOf(await seen('inventory.released', (d) => d.orderId === failed))).toMatchObject({
      reason: 'payment_failed',
      previousStatus: 'held',
    });
    await seen('inventory.back_in_stock', (d) => d.sku === sku && d.available === 1);
    // A committed order is not released by a failed payment; a released one cannot be committed.
    expect(await invoke('Release', { orderId: paid, reason: 'payment_failed' })).toMatchObject({
      error: { status: 422, type: 'urn:commerce:problem:illegal-transition' },
    });
    expect(await invoke('Commit', { orderId: failed })).toMatchObject({ error: { status: 422 } });

    // The same order reserved twice: one reservation, the stock taken once.
    const twice = unique('ord');
    const first = await reserve(twice, [{ sku, quantity: 1 }]);
    const second = await reserve(twice, [{ sku, quantity: 1 }]);
    expect(first).toMatchObject({ created: true });
    expect(second).toEqual({
      created: false,
      reservation: (first as { reservation: Reservation }).reservation,
    });
    expect((await stockOf(sku)).totals).toEqual({ onHand: 4, reserved: 4, available: 0 });
    expect(await invoke('Commit', { orderId: unique('ord') })).toMatchObject({ error: { status: 404 } });
  });

  it('reserves all lines or none', async () => {
    const [plenty, scarce] = [unique('sku'), unique('sku')];
    await receive(plenty, 3);
    await receive(scarce, 1);
    const result = await reserve(unique('ord'), [
      { sku: plenty, quantity: 2 },
      { sku: scarce, quantity: 2 },
    ]);
    expect(result).toMatchObject({
      error: { status: 409, shortages: [{ sku: scarce, requested: 2, available: 1 }] },
    });
    expect((await stockOf(plenty)).totals).toEqual({ onHand: 3, reserved: 0, available: 3 });
    expect((await stockOf(scarce)).totals).toEqual({ onHand: 1, reserved: 0, available: 1 });
  });

  it('refuses a malformed request with field errors', async () => {
    const result = await invoke('Reserve', {
      orderId: unique('ord'),
      lines: [{ sku: 'x', quantity: 0 }],
      extra: 1,
    });
    expect(result).toMatchObject({ error: { status: 400, type: 'urn:commerce:problem:validation-error' } });
    expect((result as Problem).error.errors?.map((e) => e.pointer).sort()).toEqual([
      '/extra',
      '/lines/0/quantity',
    ]);
  });

  it('expires an abandoned hold in the sweep and gives its units back', async () => {
    const sku = unique('sku');
    await receive(sku, 2);
    const orderId = unique('ord');
    const held = await reserve(orderId, [{ sku, quantity: 2 }], { holdForSeconds: 1 });
    expect(held).toMatchObject({ reservation: { status: 'held' } });
    expect((await stockOf(sku)).totals).toEqual({ onHand: 2, reserved: 2, available: 0 });

    await new Promise((r) => setTimeout(r, 1200));
    // The sweep runs every minute in AWS; here the test plays the schedule. Another run's sweep may get
    // there first, so the test waits for the reservation's status rather than for this sweep's answer.
    const expired = await eventually(
      async () => {
        const swept = await invoke<{ expired: string[]; failed: number }>('ExpireReservations', {});
        expect(isProblem(swept)).toBe(false);
        const again = await reserve(orderId, [{ sku, quantity: 2 }]);
        return !isProblem(again) && again.reservation.status === 'expired' ? again.reservation : undefined;
      },
      20_000,
      'the reservation to expire',
    );
    expect(expired).toMatchObject({ id: orderId, status: 'expired', version: 2 });
    expect((await stockOf(sku)).totals).toEqual({ onHand: 2, reserved: 0, available: 2 });
    expect(await availabilityOf(sku)).toBe('low_stock');
    expect(dataOf(await seen('inventory.reservation_expired', (d) => d.orderId === orderId))).toMatchObject({
      lines: [{ sku, quantity: 2, warehouseId }],
    });
    // Too late to pay for it now.
    expect(await invoke('Commit', { orderId })).toMatchObject({ error: { status: 422 } });
  });

  it('keeps an authorized order’s hold past its time: extend (and payment.authorized), never reviving an expired one', async () => {
    const sku = unique('sku');
    await receive(sku, 3);
    const [kept, byEvent, lapsed] = [unique('ord'), unique('ord'), unique('ord')];
    await reserve(kept, [{ sku, quantity: 1 }], { holdForSeconds: 2 });
    await reserve(byEvent, [{ sku, quantity: 1 }], { holdForSeconds: 120 });
    await reserve(lapsed, [{ sku, quantity: 1 }], { holdForSeconds: 2 });

    const extended = await invoke<{ reservation: Reservation }>('Extend', { orderId: kept });
    expect(extended).toMatchObject({ reservation: { id: kept, status: 'held', version: 2 } });
    const week = Date.now() + 6 * 24 * 60 * 60 * 1000;
    expect(Date.parse((extended as { reservation: Reservation }).reservation.expiresAt)).toBeGreaterThan(
      week,
    );
    // The 3-D Secure path: the gateway's webhook makes payment announce the authorization later.
    await publishEvent(PaymentAuthorized, {
      paymentId: `pay_${byEvent}`,
      orderId: byEvent,
      provider: 'sandbox',
      currency: 'EUR',
      amount: 100,
    });
    await eventually(
      async () => {
        const r = await reserve(byEvent, [{ sku, quantity: 1 }]);
        return !isProblem(r) && Date.parse(r.reservation.expiresAt) > week ? true : undefined;
      },
      30_000,
      'payment.authorized to extend the hold',
    );

    await new Promise((r) => setTimeout(r, 2200));
    const statusOf = async (orderId: string) => {
      const r = await reserve(orderId, [{ sku, quantity: 1 }]);
      return isProblem(r) ? undefined : r.reservation.status;
    };
    await eventually(
      async () => {
        await invoke('ExpireReservations', {});
        return (await statusOf(lapsed)) === 'expired' ? true : undefined;
      },
      20_000,
      'the unextended hold to expire',
    );
    expect(await statusOf(kept)).toBe('held');
    expect(await statusOf(byEvent)).toBe('held');
    expect((await stockOf(sku)).totals).toEqual({ onHand: 3, reserved: 2, available: 1 });
    expect(await invoke('Extend', { orderId: lapsed })).toMatchObject({
      error: { status: 422, type: 'urn:commerce:problem:illegal-transition' },
    });
    expect(await invoke('Extend', { orderId: unique('ord') })).toMatchObject({ error: { status: 404 } });
  });
});
