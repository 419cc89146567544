// The shipping service end to end on the local cloud: staff keep zones and methods (flat, weight, free over
// a threshold) through the typed API client, customers are refused those routes, anyone quotes shipping
// for a cart (DE and US, the threshold applied); orders' internal functions (Lambda Invoke, names from the
// stack outputs) quote and create shipments with sandbox labels; signed sandbox webhooks move a shipment to
// in transit and delivered with their events on the bus, a tampered one is refused and a repeated one
// announces nothing twice.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DEMO_METHODS, DEMO_ZONES, EMULATOR_ENDPOINT, REGION } from '@commerce/local-cloud';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_SANDBOX_WEBHOOK_SECRET } from '../../functions/shipping/carrier-registry.ts';
import {
  sandboxCarrierWebhook,
  sandboxTrackingNumber,
  SANDBOX_SIGNATURE_HEADER,
} from '../../functions/shipping/carriers/sandbox.ts';
import type { ShipmentStatus } from '../../functions/shipping/domain/shipment.ts';
import { api, client, listenOnBus, signIn, signUp, stackOutput, unique, type BusEvent } from './support.ts';

const lambda = new LambdaClient({
  endpoint: EMULATOR_ENDPOINT,
  region: REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

interface Problem {
  error: { status: number; type: string; title: string; detail: string; errors?: { pointer: string }[] };
}
interface Offer {
  methodId: string;
  price: number;
  regularPrice: number;
  free: boolean;
}
interface Shipment {
  id: string;
  orderId: string;
  trackingNumber: string;
  status: ShipmentStatus;
  label?: { contentType: string; base64: string };
  history: { status: string; eventId?: string }[];
}

const isProblem = (r: unknown): r is Problem => typeof r === 'object' && r !== null && 'error' in r;

/** Invokes one of the shipping service's internal functions the way orders will. */
async function invoke<T>(name: 'QuoteRates' | 'CreateShipment', payload: unknown): Promise<T | Problem> {
  const out = await lambda.send(
    new InvokeCommand({
      FunctionName: stackOutput((k) => k === `Shipping${name}FunctionName`),
      Payload: Buffer.from(JSON.stringify(payload)),
    }),
  );
  expect(out.FunctionError, Buffer.from(out.Payload ?? []).toString()).toBeUndefined();
  return JSON.parse(Buffer.from(out.Payload!).toString()) as T | Problem;
}

// The demo shop's zones and methods (npm start seeds them too): the rate table outlives a run, and a second
// DE zone would overlap the first. Each run replaces them at the version it reads, so the table ends up
// the same.
const ZONES = DEMO_ZONES;
const METHODS = DEMO_METHODS;

const ADDRESS = {
  name: 'Erika Mustermann',
  line1: 'Hauptstrasse 5',
  city: 'München',
  region: 'DE-BY',
  postalCode: '80331',
  country: 'DE',
};

let staff: ReturnType<typeof client>;
let customer: ReturnType<typeof client>;
let listener: Awaited<ReturnType<typeof listenOnBus>>;

const seen = (type: string, shipmentId: string) =>
  listener.waitFor((e) => e['detail-type'] === type && e.detail.data.shipmentId === shipmentId, type);
const eventsOf = (type: string, shipmentId: string): BusEvent[] =>
  listener.seen().filter((e) => e['detail-type'] === type && e.detail.data.shipmentId === shipmentId);

async function quote(body: Record<string, unknown>): Promise<Offer[]> {
  const res = await client().POST('/shipping/rates', { body: body as never });
  expect(res.response.status, JSON.stringify(res.error)).toBe(200);
  return res.data!.offers;
}

async function createShipment(extra: Record<string, unknown> = {}) {
  const request = {
    orderId: unique('order'),
    shipmentId: unique('shp'),
    to: ADDRESS,
    parcels: [{ weightGrams: 1800 }],
    methodId: 'de-standard',
    ...extra,
  };
  const result = await invoke<{ shipment: Shipment; created: boolean }>('CreateShipment', request);
  if (isProblem(result)) throw new Error(JSON.stringify(result.error));
  return { request, ...result };
}

function postWebhook(body: string, headers: Record<string, string>) {
  return api('POST', '/webhooks/carriers/sandbox', body, headers);
}

function signed(trackingNumber: string, status: ShipmentStatus, at: Date, id = `evt-${randomUUID()}`) {
  return sandboxCarrierWebhook(
    { id, trackingNumber, status, at: at.toISOString() },
    LOCAL_SANDBOX_WEBHOOK_SECRET,
  );
}

beforeAll(async () => {
  let staffToken: string;
  let shopper: Awaited<ReturnType<typeof signUp>>;
  [staffToken, shopper, listener] = await Promise.all([
    signIn(['staff']),
    signUp(),
    listenOnBus({ source: ['commerce.shipping'] }),
  ]);
  staff = client(staffToken);
  customer = client(shopper.token);

  const zones = (await staff.GET('/shipping/zones')).data?.items ?? [];
  for (const [id, body] of Object.entries(ZONES)) {
    const version = zones.find((z) => z.id === id)?.version ?? 0;
    const res = await staff.PUT('/shipping/zones/{id}', {
      params: { path: { id } },
      body: { ...body, version },
    });
    expect(res.response.status, JSON.stringify(res.error)).toBe(200);
  }
  const methods = (await staff.GET('/shipping/methods')).data?.items ?? [];
  for (const [id, body] of Object.entries(METHODS)) {
    const version = methods.find((m) => m.id === id)?.version ?? 0;
    const res = await staff.PUT('/shipping/methods/{id}', {
      params: { path: { id } },
      body: { ...body, version },
    });
    expect(res.response.status, JSON.stringify(res.error)).toBe(200);
  }
});

afterAll(async () => {
  await listener.close();
});

describe('the rate table', () => {
  it('is kept by staff at the version read and listed', async () => {
    const zones = await staff.GET('/shipping/zones');
    expect(zones.data?.items.map((z) => z.id)).toEqual(expect.arrayContaining(Object.keys(ZONES)));
    const methods = await staff.GET('/shipping/methods');
    const standard = methods.data?.items.find((m) => m.id === 'de-standard');
    expect(standard).toMatchObject({ ...METHODS['de-standard'], id: 'de-standard' });

    const stale = await staff.PUT('/shipping/methods/{id}', {
      params: { path: { id: 'de-standard' } },
      body: { ...METHODS['de-standard'], version: 0 },
    });
    expect(stale.response.status).toBe(409);
  });

  it('refuses overlapping zones and broken rate tables field by field (422)', async () => {
    const overlap = await staff.PUT('/shipping/zones/{id}', {
      params: { path: { id: unique('dup') } },
      body: { name: 'Germany again', countries: ['DE'], version: 0 },
    });
    expect(overlap.response.status).toBe(422);
    expect(overlap.error).toMatchObject({ errors: [{ pointer: '/countries/0' }] });

    const broken = await staff.PUT('/shipping/methods/{id}', {
      params: { path: { id: unique('broken') } },
      body: {
        ...METHODS['de-express'],
        zoneId: 'no-such-zone',
        rate: {
          type: 'weight',
          brackets: [
            { upToGrams: 5000, amount: 1 },
            { upToGrams: 1000, amount: 2 },
          ],
        },
        version: 0,
      },
    });
    expect(broken.response.status).toBe(422);
    const pointers = (broken.error as { errors: { pointer: string }[] }).errors.map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/zoneId', '/rate/brackets/1/upToGrams']));
  });

  it('is refused to customers (403) and anonymous callers (401)', async () => {
    const zone = { params: { path: { id: 'de' } }, body: { ...ZONES['de'], version: 1 } };
    expect((await customer.PUT('/shipping/zones/{id}', zone)).response.status).toBe(403);
    expect((await customer.GET('/shipping/zones')).response.status).toBe(403);
    expect((await customer.GET('/shipping/methods')).response.status).toBe(403);
    expect(
      (await customer.GET('/shipments/{id}', { params: { path: { id: 'anything' } } })).response.status,
    ).toBe(403);
    expect((await client().GET('/shipping/methods')).response.status).toBe(401);
  });
});

describe('rate quotes', () => {
  it('offer the German methods, cheapest first, and free standard shipping from 50.00 EUR', async () => {
    const cart = { currency: 'EUR', totalWeightGrams: 1800, destination: { country: 'DE', region: 'DE-BY' } };
    expect(await quote({ ...cart, subtotal: 4200 })).toMatchObject([
      { methodId: 'de-standard', price: 490, regularPrice: 490, free: false },
      { methodId: 'de-express', price: 1490, free: false },
    ]);
    expect(await quote({ ...cart, subtotal: 4999 })).toMatchObject([{ price: 490 }, { price: 1490 }]);
    expect(await quote({ ...cart, subtotal: 5000 })).toMatchObject([
      { methodId: 'de-standard', price: 0, regularPrice: 490, free: true },
      { methodId: 'de-express', price: 1490, free: false },
    ]);
    // No exchange rates: a USD cart to Germany has nothing to choose from.
    expect(await quote({ ...cart, currency: 'USD', subtotal: 4200 })).toEqual([]);
  });

  it('price US carts by weight, free over 100.00 USD, with Alaska in its own zone', async () => {
    const us = { currency: 'USD', destination: { country: 'US', region: 'US-NY' } };
    expect(await quote({ ...us, subtotal: 5000, totalWeightGrams: 2000 })).toMatchObject([
      { methodId: 'us-ground', price: 800, free: false },
    ]);
    expect(await quote({ ...us, subtotal: 5000, totalWeightGrams: 2001 })).toMatchObject([
      { methodId: 'us-ground', price: 1500 },
    ]);
    expect(await quote({ ...us, subtotal: 10000, totalWeightGrams: 2500 })).toMatchObject([
      { methodId: 'us-ground', price: 0, regularPrice: 1500, free: true },
    ]);
    expect(
      await quote({
        currency: 'USD',
        subtotal: 10000,
        totalWeightGrams: 2500,
        destination: { country: 'US', region: 'US-AK' },
      }),
    ).toMatchObject([{ methodId: 'us-remote', price: 2500, free: false }]);
  });

  it('are empty where nothing ships, and refuse a malformed cart (400)', async () => {
    expect(
      await quote({ currency: 'EUR', subtotal: 100, totalWeightGrams: 100, destination: { country: 'AQ' } }),
    ).toEqual([]);
    const bad = await api('POST', '/shipping/rates', {
      currency: 'EUR',
      subtotal: -1,
      totalWeightGrams: 1.5,
      destination: { country: 'Germany' },
    });
    expect(bad.status).toBe(400);
  });

  it('answer the same through the internal quoteRates function', async () => {
    const cart = {
      currency: 'EUR',
      subtotal: 5000,
      totalWeightGrams: 1800,
      destination: { country: 'DE' },
    };
    const internal = await invoke<{ offers: Offer[] }>('QuoteRates', { ...cart, correlationId: 'e2e-quote' });
    expect(internal).toEqual({ offers: await quote(cart) });
    const refused = await invoke('QuoteRates', { ...cart, subtotal: 'lots' });
    expect(isProblem(refused) && refused.error.status).toBe(400);
  });
});

describe('shipments', () => {
  it('are created once per shipment id with a sandbox label, and announced', async () => {
    const { request, shipment, created } = await createShipment();
    expect(created).toBe(true);
    expect(shipment).toMatchObject({
      id: request.shipmentId,
      orderId: request.orderId,
      carrier: 'sandbox',
      service: 'de-standard',
      status: 'created',
      trackingNumber: sandboxTrackingNumber(request.shipmentId),
    });
    expect(Buffer.from(shipment.label!.base64, 'base64').toString()).toContain('SANDBOX CARRIER');
    const event = await seen('shipment.created', request.shipmentId);
    expect(event.detail.data).toMatchObject({ trackingNumber: shipment.trackingNumber, status: 'created' });

    const again = await invoke<{ shipment: Shipment; created: boolean }>('CreateShipment', request);
    expect(again).toMatchObject({ created: false, shipment: { trackingNumber: shipment.trackingNumber } });
    const taken = await invoke('CreateShipment', { ...request, orderId: unique('order') });
    expect(isProblem(taken) && taken.error.status).toBe(409);

    const read = await staff.GET('/shipments/{id}', { params: { path: { id: request.shipmentId } } });
    expect(read.data).toMatchObject({ id: request.shipmentId, status: 'created', version: 1 });
    await listener.drain(2000);
    expect(eventsOf('shipment.created', request.shipmentId)).toHaveLength(1);
  });

  it('refuse an unknown method or one that does not ship to the address (422)', async () => {
    const unknown = await invoke('CreateShipment', {
      orderId: unique('order'),
      shipmentId: unique('shp'),
      to: ADDRESS,
      parcels: [{ weightGrams: 100 }],
      methodId: 'no-such-method',
    });
    expect(isProblem(unknown) && unknown.error.type).toBe('urn:commerce:problem:unknown-shipping-method');
    const elsewhere = await invoke('CreateShipment', {
      orderId: unique('order'),
      shipmentId: unique('shp'),
      to: ADDRESS,
      parcels: [{ weightGrams: 100 }],
      methodId: 'us-ground',
    });
    expect(isProblem(elsewhere) && elsewhere.error.status).toBe(422);
  });

  it('move with signed carrier webhooks, once per event, and refuse tampered ones (401)', async () => {
    const { request, shipment } = await createShipment();
    const { trackingNumber } = shipment;
    await seen('shipment.created', request.shipmentId);

    const tampered = signed(trackingNumber, 'in_transit', new Date());
    const forged = await postWebhook(tampered.body.replace('in_transit', 'delivered'), tampered.headers);
    expect(forged.status).toBe(401);
    expect(forged.headers.get('content-type')).toContain('application/problem+json');
    expect(forged.body).toMatchObject({ type: 'urn:commerce:problem:invalid-webhook-signature' });
    const unsigned = await postWebhook(tampered.body, { 'content-type': 'application/json' });
    expect(unsigned.status).toBe(401);

    const inTransit = signed(trackingNumber, 'in_transit', new Date());
    const moved = await postWebhook(inTransit.body, inTransit.headers);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({
      outcome: 'applied',
      status: 'in_transit',
      shipmentId: request.shipmentId,
    });
    expect((await seen('shipment.in_transit', request.shipmentId)).detail.data).toMatchObject({
      status: 'in_transit',
      trackingNumber,
    });

    const delivered = signed(trackingNumber, 'delivered', new Date(Date.now() + 1000));
    expect((await postWebhook(delivered.body, delivered.headers)).body).toMatchObject({
      outcome: 'applied',
      status: 'delivered',
    });
    await seen('shipment.delivered', request.shipmentId);

    // The carrier delivers at least once: the same event again is acknowledged and changes nothing.
    const repeat = await postWebhook(delivered.body, delivered.headers);
    expect(repeat.status).toBe(200);
    expect(repeat.body).toMatchObject({ outcome: 'duplicate', status: 'delivered' });
    await listener.drain(3000);
    expect(eventsOf('shipment.delivered', request.shipmentId)).toHaveLength(1);
    expect(eventsOf('shipment.in_transit', request.shipmentId)).toHaveLength(1);

    const read = await staff.GET('/shipments/{id}', { params: { path: { id: request.shipmentId } } });
    expect(read.data?.status).toBe('delivered');
    expect(read.data?.history.map((h) => h.status)).toEqual(['created', 'in_transit', 'delivered']);
  });

  it('ignore webhooks for unknown tracking numbers and unknown carriers', async () => {
    const stray = signed(sandboxTrackingNumber(unique('never')), 'in_transit', new Date());
    expect((await postWebhook(stray.body, stray.headers)).body).toMatchObject({ outcome: 'ignored' });
    const other = await api('POST', '/webhooks/carriers/acme', stray.body, stray.headers);
    expect(other.status).toBe(404);
    expect(stray.headers[SANDBOX_SIGNATURE_HEADER]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it('are marked shipped by staff with their own tracking number', async () => {
    const { request } = await createShipment();
    const path = { params: { path: { id: request.shipmentId } } };
    const body = { trackingNumber: 'MANUAL-123456', carrier: 'sandbox' };
    expect((await customer.POST('/shipments/{id}/ship', { ...path, body })).response.status).toBe(403);
    const shipped = await staff.POST('/shipments/{id}/ship', { ...path, body });
    expect(shipped.response.status, JSON.stringify(shipped.error)).toBe(200);
    expect(shipped.data).toMatchObject({ status: 'in_transit', trackingNumber: 'MANUAL-123456' });
    const again = await staff.POST('/shipments/{id}/ship', { ...path, body });
    expect(again.data).toMatchObject({ status: 'in_transit', version: shipped.data!.version });
    expect((await seen('shipment.in_transit', request.shipmentId)).detail.data).toMatchObject({
      trackingNumber: 'MANUAL-123456',
    });
    const missing = await staff.POST('/shipments/{id}/ship', { params: { path: { id: 'nope' } }, body });
    expect(missing.response.status).toBe(404);
  });
});
