// The shipping service's steps over an in-memory store: the versioned rate table (per-entry versions,
// the whole table checked on every write, body pointers), quotes, shipments created once per id with their
// events, staff hand-over, and carrier webhooks verified over the raw body and applied once per event id.
import { ConflictError, VersionConflictError } from '@commerce/lambda-kit/errors';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import { describe, expect, it } from 'vitest';
import {
  carrierRegistry,
  LOCAL_SANDBOX_WEBHOOK_SECRET,
  DEFAULT_SENDER,
  sandboxWebhookSecret,
} from '../../../functions/shipping/carrier-registry.ts';
import {
  sandboxCarrier,
  sandboxCarrierWebhook,
  sandboxTrackingNumber,
} from '../../../functions/shipping/carriers/sandbox.ts';
import {
  RateTableConflict,
  type ShipmentRecord,
  type ShippingStore,
} from '../../../functions/shipping/domain/ports.ts';
import { EMPTY_RATE_TABLE, type RateTable } from '../../../functions/shipping/domain/rate-table.ts';
import {
  carrierFor,
  carrierPolicyOf,
  type CarrierPolicy,
} from '../../../functions/shipping/domain/carrier-policy.ts';
import { cancelShipment } from '../../../functions/shipping/domain/shipment.ts';
import { Shipping } from '../../../functions/shipping/shipping.ts';
import type { Shipment } from '../../../functions/shipping/domain/shipment.ts';

class MemoryStore implements ShippingStore {
  table: RateTable = EMPTY_RATE_TABLE;
  readonly shipments = new Map<string, ShipmentRecord>();
  readonly tracking = new Map<string, string>();
  readonly outbox: OutboxItem[] = [];

  getRateTable(): Promise<RateTable> {
    return Promise.resolve(this.table);
  }

  saveRateTable(table: RateTable): Promise<void> {
    if (table.version !== this.table.version) return Promise.reject(new RateTableConflict());
    this.table = { ...table, version: table.version + 1 };
    return Promise.resolve();
  }

  getShipment(id: string): Promise<ShipmentRecord | undefined> {
    return Promise.resolve(this.shipments.get(id));
  }

  findByTrackingNumber(trackingNumber: string): Promise<ShipmentRecord | undefined> {
    const id = this.tracking.get(trackingNumber);
    return Promise.resolve(id === undefined ? undefined : this.shipments.get(id));
  }

  createShipment(record: Omit<ShipmentRecord, 'version'>, events: readonly OutboxItem[]): Promise<void> {
    if (this.shipments.has(record.shipment.id)) {
      return Promise.reject(new ConflictError('exists', 'shipment-exists'));
    }
    this.shipments.set(record.shipment.id, { ...record, version: 1 });
    this.tracking.set(record.shipment.trackingNumber, record.shipment.id);
    this.outbox.push(...events);
    return Promise.resolve();
  }

  saveShipment(previous: ShipmentRecord, shipment: Shipment, events: readonly OutboxItem[]) {
    if (this.shipments.get(shipment.id)?.version !== previous.version) {
      return Promise.reject(new VersionConflictError());
    }
    const next = { ...previous, shipment, version: previous.version + 1 };
    this.shipments.set(shipment.id, next);
    this.tracking.set(shipment.trackingNumber, shipment.id);
    this.outbox.push(...events);
    return Promise.resolve(next);
  }

  types(): string[] {
    return this.outbox.map((e) => e.detailType);
  }
}

const clock = () => new Date('2026-11-24T10:00:00.000Z');

function service(policy: CarrierPolicy = { carriers: ['sandbox', 'manual'], defaultCarrier: 'sandbox' }) {
  const store = new MemoryStore();
  const shipping = new Shipping(store, {
    carriers: carrierRegistry({ stage: 'local', carriers: policy.carriers }),
    carrierPolicy: policy,
    sender: DEFAULT_SENDER,
    clock,
  });
  return { store, shipping };
}

const standard = {
  version: 0,
  zoneId: 'de',
  name: 'Standard',
  carrier: 'sandbox',
  currency: 'EUR',
  rate: { type: 'flat' as const, amount: 490 },
  freeOver: 5000,
  minDays: 2,
  maxDays: 4,
};

async function withTable() {
  const s = service();
  await s.shipping.putZone('de', { version: 0, name: 'Germany', countries: ['DE'] });
  await s.shipping.putMethod('de-standard', standard);
  return s;
}

const request = {
  orderId: 'order-1',
  shipmentId: 'shp-1',
  to: { name: 'Erika', line1: 'Hauptstr. 5', city: 'München', postalCode: '80331', country: 'DE' },
  parcels: [{ weightGrams: 1200 }],
  methodId: 'de-standard',
};
const context = { correlationId: 'test' };

describe('the rate table', () => {
  it('creates at version 0, replaces at the version read, and keeps an unchanged entry as it is', async () => {
    const { shipping, store } = await withTable();
    expect(await shipping.zones()).toMatchObject([{ id: 'de', version: 1 }]);
    await expect(shipping.putZone('de', { version: 0, name: 'DE', countries: ['DE'] })).rejects.toThrow(
      VersionConflictError,
    );
    const same = await shipping.putZone('de', { version: 1, name: 'Germany', countries: ['DE'] });
    expect(same.version).toBe(1);
    expect(store.table.version).toBe(2);
    const renamed = await shipping.putZone('de', { version: 1, name: 'Deutschland', countries: ['DE'] });
    expect(renamed).toMatchObject({ name: 'Deutschland', version: 2 });
  });

  it('checks the whole table and points at the body', async () => {
    const { shipping } = await withTable();
    await expect(
      shipping.putZone('de2', { version: 0, name: 'Again', countries: ['AT', 'DE'] }),
    ).rejects.toMatchObject({ status: 422, errors: [{ pointer: '/countries/1' }] });
    await expect(
      shipping.putMethod('x', { ...standard, zoneId: 'nowhere', minDays: 5, maxDays: 1 }),
    ).rejects.toMatchObject({ errors: [{ pointer: '/zoneId' }, { pointer: '/maxDays' }] });
  });

  it('retries a write that lost the race for the table, not one that lost its own version', async () => {
    const { shipping, store } = await withTable();
    const save = store.saveRateTable.bind(store);
    let raced = false;
    store.saveRateTable = (table) => {
      if (!raced) {
        raced = true;
        store.table = { ...store.table, version: store.table.version + 1 };
      }
      return save(table);
    };
    expect(await shipping.putZone('us', { version: 0, name: 'US', countries: ['US'] })).toMatchObject({
      version: 1,
    });
    expect(store.table.zones.map((z) => z.id)).toEqual(['de', 'us']);
  });

  it('quotes from it', async () => {
    const { shipping } = await withTable();
    const cart = { currency: 'EUR', subtotal: 5000, totalWeightGrams: 100, destination: { country: 'DE' } };
    expect(await shipping.quote(cart)).toMatchObject([{ methodId: 'de-standard', price: 0, free: true }]);
    expect(await shipping.quote({ ...cart, destination: { country: 'FR' } })).toEqual([]);
  });
});

describe('shipments', () => {
  it('are created once per shipment id with a sandbox label and shipment.created', async () => {
    const { shipping, store } = await withTable();
    const first = await shipping.createShipment(request, context);
    expect(first.created).toBe(true);
    expect(first.record.shipment).toMatchObject({
      status: 'created',
      trackingNumber: sandboxTrackingNumber('shp-1'),
      service: 'de-standard',
    });
    expect(first.record.label).toMatchObject({ contentType: 'text/plain; charset=utf-8' });
    const again = await shipping.createShipment(request, context);
    expect(again.created).toBe(false);
    expect(store.types()).toEqual(['shipment.created']);
    await expect(shipping.createShipment({ ...request, orderId: 'order-2' }, context)).rejects.toMatchObject({
      status: 409,
      problemType: 'shipment-id-taken',
    });
  });

  it('refuse an unknown method and an address the method does not ship to', async () => {
    const { shipping } = await withTable();
    await expect(shipping.createShipment({ ...request, methodId: 'nope' }, context)).rejects.toMatchObject({
      problemType: 'unknown-shipping-method',
    });
    await expect(
      shipping.createShipment({ ...request, to: { ...request.to, country: 'FR' } }, context),
    ).rejects.toMatchObject({ problemType: 'shipping-method-not-available' });
  });

  it('move on signed webhooks once per event id, and refuse a tampered body', async () => {
    const { shipping, store } = await withTable();
    const { record } = await shipping.createShipment(request, context);
    const { trackingNumber } = record.shipment;
    const hook = (id: string, status: 'in_transit' | 'delivered', at: string) =>
      sandboxCarrierWebhook({ id, trackingNumber, status, at }, LOCAL_SANDBOX_WEBHOOK_SECRET);

    const moving = hook('e1', 'in_transit', '2026-11-24T11:00:00.000Z');
    await expect(
      shipping.receiveWebhook(
        'sandbox',
        moving.body.replace('in_transit', 'delivered'),
        moving.headers,
        context,
      ),
    ).rejects.toMatchObject({ status: 401, problemType: 'invalid-webhook-signature' });
    expect(await shipping.receiveWebhook('sandbox', moving.body, moving.headers, context)).toMatchObject({
      outcome: 'applied',
    });
    const done = hook('e2', 'delivered', '2026-11-24T12:00:00.000Z');
    await shipping.receiveWebhook('sandbox', done.body, done.headers, context);
    expect(await shipping.receiveWebhook('sandbox', done.body, done.headers, context)).toMatchObject({
      outcome: 'duplicate',
    });
    expect(store.types()).toEqual(['shipment.created', 'shipment.in_transit', 'shipment.delivered']);
    expect(store.shipments.get('shp-1')?.shipment.status).toBe('delivered');
  });

  it('ignore an unknown tracking number and refuse an unknown carrier (404)', async () => {
    const { shipping } = await withTable();
    const stray = sandboxCarrierWebhook(
      {
        id: 'e9',
        trackingNumber: sandboxTrackingNumber('x'),
        status: 'in_transit',
        at: clock().toISOString(),
      },
      LOCAL_SANDBOX_WEBHOOK_SECRET,
    );
    expect(await shipping.receiveWebhook('sandbox', stray.body, stray.headers, context)).toMatchObject({
      outcome: 'ignored',
    });
    await expect(shipping.receiveWebhook('acme', stray.body, stray.headers, context)).rejects.toMatchObject({
      status: 404,
    });
  });

  it('are marked shipped by staff once', async () => {
    const { shipping, store } = await withTable();
    await shipping.createShipment(request, context);
    const input = { trackingNumber: 'OWN-1', carrier: 'sandbox' };
    const shipped = await shipping.markShipped('shp-1', input, 'staff-1', context);
    expect(shipped.shipment).toMatchObject({ status: 'in_transit', trackingNumber: 'OWN-1' });
    expect(await store.findByTrackingNumber('OWN-1')).toBeDefined();
    const again = await shipping.markShipped('shp-1', input, 'staff-1', context);
    expect(again.version).toBe(shipped.version);
    expect(store.types()).toEqual(['shipment.created', 'shipment.in_transit']);
    await expect(shipping.markShipped('nope', input, 'staff-1', context)).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe('concurrent changes of one shipment', () => {
  it('both settle: the loser reads again and sees the change done, announced once', async () => {
    const { shipping, store } = await withTable();
    await shipping.createShipment(request, context);
    const input = { trackingNumber: 'OWN-2', carrier: 'sandbox' };
    const [a, b] = await Promise.all([
      shipping.markShipped('shp-1', input, 'staff-1', context),
      shipping.markShipped('shp-1', input, 'staff-2', context),
    ]);
    expect(a.version).toBe(b.version);
    expect(store.types()).toEqual(['shipment.created', 'shipment.in_transit']);
  });
});

describe('a paid order', () => {
  const paid = {
    orderId: 'ord-7',
    shipTo: { name: 'Erika', line1: 'Hauptstr. 5', city: 'München', postalCode: '80331', country: 'DE' },
    shippingMethod: 'de-standard',
    totalWeightGrams: 900,
  };

  it('gets one shipment under shp_<orderId>, however often order.paid arrives', async () => {
    const { shipping, store } = await withTable();
    const first = await shipping.shipPaidOrder(paid, context);
    expect(first).toMatchObject({
      kind: 'created',
      record: { shipment: { id: 'shp_ord-7', orderId: 'ord-7', status: 'created' } },
    });
    expect(await shipping.shipPaidOrder(paid, context)).toMatchObject({
      kind: 'existed',
      record: { shipment: { id: 'shp_ord-7' } },
    });
    expect(store.types()).toEqual(['shipment.created']);
  });

  it('is unshippable when its address cannot become a shipment request; a refusal of the method throws', async () => {
    const { shipping, store } = await withTable();
    const outcome = await shipping.shipPaidOrder(
      { ...paid, shipTo: { ...paid.shipTo, country: 'Germany' } },
      context,
    );
    expect(outcome).toMatchObject({ kind: 'unshippable', why: expect.stringContaining('ord-7') as unknown });
    await expect(shipping.shipPaidOrder({ ...paid, shippingMethod: 'nope' }, context)).rejects.toMatchObject({
      status: 422,
      problemType: 'unknown-shipping-method',
    });
    expect(store.types()).toEqual([]);
  });
});

describe('a cancelled order', () => {
  const paid = {
    orderId: 'ord-8',
    shipTo: { name: 'Erika', line1: 'Hauptstr. 5', city: 'München', postalCode: '80331', country: 'DE' },
    shippingMethod: 'de-standard',
    totalWeightGrams: 900,
  };
  const by = { actor: 'staff-1', reason: 'Customer called' };

  it('has its shipment stopped at the carrier before it moves, once; none is no_shipment', async () => {
    const { shipping, store } = await withTable();
    expect(await shipping.cancelOrderShipment('ord-8', by, context)).toEqual({ outcome: 'no_shipment' });
    await shipping.shipPaidOrder(paid, context);

    const first = await shipping.cancelOrderShipment('ord-8', by, context);
    expect(first).toMatchObject({ outcome: 'cancelled', record: { shipment: { status: 'cancelled' } } });
    expect(first.record?.shipment.history.at(-1)).toMatchObject({
      status: 'cancelled',
      source: 'staff',
      actor: 'staff-1',
      description: 'Customer called',
    });
    expect(await shipping.cancelOrderShipment('ord-8', {}, context)).toMatchObject({ outcome: 'cancelled' });
    expect(store.types()).toEqual(['shipment.created', 'shipment.cancelled']);
  });

  it('is too late once the shipment moved: 409 shipment-too-late-to-cancel, nothing changes', async () => {
    const { shipping, store } = await withTable();
    const { record } = await shipping.createShipment(
      { ...request, orderId: 'ord-9', shipmentId: 'shp_ord-9' },
      context,
    );
    const moving = sandboxCarrierWebhook(
      {
        id: 'e1',
        trackingNumber: record.shipment.trackingNumber,
        status: 'in_transit',
        at: clock().toISOString(),
      },
      LOCAL_SANDBOX_WEBHOOK_SECRET,
    );
    await shipping.receiveWebhook('sandbox', moving.body, moving.headers, context);
    await expect(shipping.cancelOrderShipment('ord-9', by, context)).rejects.toMatchObject({
      status: 409,
      problemType: 'shipment-too-late-to-cancel',
    });
    expect(store.shipments.get('shp_ord-9')?.shipment.status).toBe('in_transit');
    expect(store.types()).toEqual(['shipment.created', 'shipment.in_transit']);
  });

  it('is too late when the carrier has the parcel before its scan reached us', async () => {
    const store = new MemoryStore();
    const carrier = sandboxCarrier({ secret: LOCAL_SANDBOX_WEBHOOK_SECRET, now: clock });
    const shipping = new Shipping(store, {
      carriers: () => carrier,
      carrierPolicy: { carriers: ['sandbox'], defaultCarrier: 'sandbox' },
      sender: DEFAULT_SENDER,
      clock,
    });
    await shipping.putZone('de', { version: 0, name: 'Germany', countries: ['DE'] });
    await shipping.putMethod('de-standard', standard);
    const { record } = await shipping.shipPaidOrder(paid, context).then((o) => {
      if (o.kind === 'unshippable') throw new Error(o.why);
      return o;
    });
    carrier.advance(record.shipment.trackingNumber, 'in_transit');

    await expect(shipping.cancelOrderShipment('ord-8', by, context)).rejects.toMatchObject({
      status: 409,
      problemType: 'shipment-too-late-to-cancel',
    });
    expect(store.shipments.get('shp_ord-8')?.shipment.status).toBe('created');
    expect(store.types()).toEqual(['shipment.created']);
  });
});

describe('the sandbox webhook secret', () => {
  it('falls back to the published local value on the local stage only', async () => {
    expect(sandboxWebhookSecret('local', {})).toBe(LOCAL_SANDBOX_WEBHOOK_SECRET);
    expect(sandboxWebhookSecret('dev', {})).toBeUndefined();
    expect(sandboxWebhookSecret('dev', { sandboxWebhookSecret: 's3cret-s3cret-s3cret' })).toBe(
      's3cret-s3cret-s3cret',
    );
    const dev = carrierRegistry({ stage: 'dev', carriers: ['sandbox'], secrets: () => Promise.resolve({}) });
    await expect(dev('sandbox').track('SBX000000000001')).rejects.toThrow(/no sandbox carrier secret/);
  });
});

describe('carriers per stage', () => {
  const prod: CarrierPolicy = { carriers: ['manual'], defaultCarrier: 'manual' };

  it('are read from the environment, and an inconsistent list fails the cold start', () => {
    expect(carrierPolicyOf('sandbox, manual', 'sandbox')).toEqual({
      carriers: ['sandbox', 'manual'],
      defaultCarrier: 'sandbox',
    });
    expect(() => carrierPolicyOf('manual,dhl', 'manual')).toThrow(/unknown carriers: dhl/);
    expect(() => carrierPolicyOf('manual', 'sandbox')).toThrow(/not one of SHIPPING_CARRIERS/);
    expect(carrierFor(undefined, prod)).toBe('manual');
    expect(() => carrierFor('sandbox', prod)).toThrow(
      expect.objectContaining({ problemType: 'carrier-not-allowed' }),
    );
  });

  it('give a method its named carrier when the stage allows it, else the default', async () => {
    const { shipping } = service(prod);
    await shipping.putZone('de', { version: 0, name: 'Germany', countries: ['DE'] });
    const { carrier: _named, ...unnamed } = standard;
    expect(await shipping.putMethod('de-standard', unnamed)).toMatchObject({ carrier: 'manual' });
    expect(await shipping.putMethod('de-hand', { ...standard, carrier: 'manual' })).toMatchObject({
      carrier: 'manual',
    });
  });

  it('refuse a method naming a carrier the stage does not allow: 422 carrier-not-allowed at /carrier', async () => {
    const { shipping, store } = service(prod);
    await shipping.putZone('de', { version: 0, name: 'Germany', countries: ['DE'] });
    for (const carrier of ['sandbox', 'dhl']) {
      await expect(shipping.putMethod('de-standard', { ...standard, carrier })).rejects.toMatchObject({
        status: 422,
        problemType: 'carrier-not-allowed',
        errors: [{ in: 'body', pointer: '/carrier', detail: 'Must be one of manual.' }],
      });
    }
    expect(store.table.methods).toEqual([]);
  });

  it('refuse a shipment whose method names a carrier the stage no longer allows (carrier-not-connected)', async () => {
    // A method stored while the sandbox was allowed, then the stage dropped it.
    const { store: prodStore } = await withTable();
    const prodShipping = new Shipping(prodStore, {
      carriers: carrierRegistry({ stage: 'prod', carriers: prod.carriers }),
      carrierPolicy: prod,
      sender: DEFAULT_SENDER,
      clock,
    });
    await expect(prodShipping.createShipment(request, context)).rejects.toMatchObject({
      status: 422,
      problemType: 'carrier-not-connected',
    });
    expect(prodStore.shipments.size).toBe(0);
  });
});

describe('the manual carrier', () => {
  async function manualTable() {
    const s = service({ carriers: ['manual'], defaultCarrier: 'manual' });
    await s.shipping.putZone('de', { version: 0, name: 'Germany', countries: ['DE'] });
    const { carrier: _c, ...method } = standard;
    await s.shipping.putMethod('de-standard', method);
    return s;
  }

  it('creates a shipment waiting for hand-over, with no label and no call out, once per id', async () => {
    const { shipping, store } = await manualTable();
    const { record, created } = await shipping.createShipment(request, context);
    expect(created).toBe(true);
    expect(record.label).toBeUndefined();
    expect(record.shipment).toMatchObject({
      carrier: 'manual',
      status: 'created',
      trackingNumber: 'MANUAL-shp-1',
      carrierRef: 'MANUAL-shp-1',
    });
    expect((await shipping.createShipment(request, context)).created).toBe(false);
    expect(store.types()).toEqual(['shipment.created']);
  });

  it('is marked shipped by staff with the real tracking number and carrier, then cannot be cancelled', async () => {
    const { shipping, store } = await manualTable();
    await shipping.createShipment(request, context);
    const shipped = await shipping.markShipped(
      'shp-1',
      { trackingNumber: '00340434161094042557', carrier: 'dhl', trackingUrl: 'https://dhl.example/t/1' },
      'staff-1',
      context,
    );
    expect(shipped.shipment).toMatchObject({
      status: 'in_transit',
      trackingNumber: '00340434161094042557',
      carrier: 'dhl',
      trackingUrl: 'https://dhl.example/t/1',
    });
    expect(store.types()).toEqual(['shipment.created', 'shipment.in_transit']);
    expect(store.tracking.get('00340434161094042557')).toBe('shp-1');
    expect(() => cancelShipment(shipped.shipment, { at: clock().toISOString() })).toThrow(
      expect.objectContaining({ status: 422, problemType: 'illegal-shipment-transition' }),
    );
  });

  it('cancels at the carrier freely while waiting for hand-over, and has no webhooks or tracking', async () => {
    const manual = carrierRegistry({ stage: 'prod', carriers: ['manual'] })('manual');
    await expect(manual.cancel('MANUAL-shp-1')).resolves.toEqual({ outcome: 'cancelled' });
    await expect(manual.cancel('MANUAL-shp-1')).resolves.toEqual({ outcome: 'cancelled' });
    await expect(manual.parseWebhook('{}', {})).rejects.toMatchObject({ status: 404 });
    await expect(manual.track('MANUAL-shp-1')).rejects.toMatchObject({ status: 404 });
    const { shipping } = await manualTable();
    const { record } = await shipping.createShipment(request, context);
    expect(cancelShipment(record.shipment, { at: clock().toISOString() }).shipment.status).toBe('cancelled');
  });

  it('is the only carrier a stage without the sandbox connects: sandbox webhooks are 404 there', () => {
    const registry = carrierRegistry({ stage: 'prod', carriers: ['manual'] });
    expect(() => registry('sandbox')).toThrow(expect.objectContaining({ status: 404 }));
  });
});
