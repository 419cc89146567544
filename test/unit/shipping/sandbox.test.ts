import { createHmac } from 'node:crypto';
import { NotFoundError, UnprocessableError, ValidationError } from '@commerce/lambda-kit/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  WebhookSignatureError,
  type CreateShipmentRequest,
} from '../../../functions/shipping/domain/carrier.ts';
import {
  sandboxCarrier,
  sandboxCarrierWebhook,
  sandboxTrackingNumber,
} from '../../../functions/shipping/carriers/sandbox.ts';
import { applyCarrierEvent, createShipment } from '../../../functions/shipping/domain/shipment.ts';

const SECRET = 'whsec_test_sandbox';
const NOW = new Date('2026-03-02T12:00:00.000Z');
const clock = () => NOW;

const request = (shipmentId = 'shp_1'): CreateShipmentRequest => ({
  shipmentId,
  orderId: 'ord_1',
  from: { name: 'Acme Warehouse', line1: 'Lagerstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
  to: { name: 'Erika Mustermann', line1: 'Heidestr. 17', city: 'Köln', postalCode: '51147', country: 'DE' },
  parcels: [
    { weightGrams: 800 },
    { weightGrams: 450, dimensionsMm: { length: 300, width: 200, height: 100 } },
  ],
  service: 'de-standard',
});

const event = {
  id: 'evt_1',
  trackingNumber: 'SBX123456789012',
  status: 'in_transit',
  at: NOW.toISOString(),
} as const;

describe('sandbox tracking numbers', () => {
  it('are SBX and 12 digits, the same for the same shipment id and different across ids', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `shp_${i}`);
    const numbers = ids.map(sandboxTrackingNumber);

    expect(numbers.every((n) => /^SBX\d{12}$/.test(n))).toBe(true);
    expect(ids.map(sandboxTrackingNumber)).toEqual(numbers);
    expect(new Set(numbers).size).toBe(ids.length);
  });

  it('are well formed for any shipment id', () => {
    fc.assert(fc.property(fc.string(), (id) => /^SBX\d{12}$/.test(sandboxTrackingNumber(id))));
  });
});

describe('sandboxCarrier.createShipment', () => {
  it('issues the same tracking number, reference and label when retried with the same shipment id', async () => {
    const carrier = sandboxCarrier({
      secret: SECRET,
      now: clock,
      trackingBaseUrl: 'https://track.example.com/',
    });

    const first = await carrier.createShipment(request());
    const retry = await carrier.createShipment(request());
    const other = await carrier.createShipment(request('shp_2'));

    expect(retry).toEqual(first);
    expect(first.trackingNumber).toBe(sandboxTrackingNumber('shp_1'));
    expect(first.trackingUrl).toBe(`https://track.example.com/${first.trackingNumber}`);
    expect(other.trackingNumber).not.toBe(first.trackingNumber);
    expect(other.carrierRef).not.toBe(first.carrierRef);
  });

  it('hands over a small text label that names the tracking number and the addressee', async () => {
    const carrier = sandboxCarrier({ secret: SECRET });
    const { label, trackingNumber } = await carrier.createShipment(request());

    expect(label).toMatchObject({ contentType: 'text/plain; charset=utf-8' });
    const text = Buffer.from((label as { base64: string }).base64, 'base64').toString('utf8');
    expect(text).toContain('SANDBOX CARRIER');
    expect(text).toContain(`Tracking: ${trackingNumber}`);
    expect(text).toContain('To: Erika Mustermann, Heidestr. 17, 51147 Köln, DE');
    expect(text).toContain('Parcels: 2 (1250 g)');
  });

  it('refuses a shipment without parcels or with a weightless parcel', async () => {
    const carrier = sandboxCarrier({ secret: SECRET });

    await expect(carrier.createShipment({ ...request(), parcels: [] })).rejects.toThrow(ValidationError);
    await expect(carrier.createShipment({ ...request(), parcels: [{ weightGrams: 0 }] })).rejects.toThrow(
      ValidationError,
    );
  });

  it('needs a secret', () => {
    expect(() => sandboxCarrier({ secret: '' })).toThrow('non-empty webhook secret');
  });
});

describe('sandboxCarrier track, advance and cancel', () => {
  it('reports the progress it was told to report, and signs a webhook for each step', async () => {
    const carrier = sandboxCarrier({ secret: SECRET, now: clock });
    const { trackingNumber } = await carrier.createShipment(request());

    expect(await carrier.track(trackingNumber)).toEqual({ trackingNumber, status: 'created', events: [] });
    const step = carrier.advance(trackingNumber, 'in_transit', { description: 'Picked up' });
    const report = await carrier.track(trackingNumber);

    expect(report.status).toBe('in_transit');
    expect(report.events).toEqual([step.event]);
    expect(await carrier.parseWebhook(step.webhook.body, step.webhook.headers)).toEqual(step.event);
  });

  it('does not know tracking numbers it never issued', async () => {
    const carrier = sandboxCarrier({ secret: SECRET });

    await expect(carrier.track('SBX000000000000')).rejects.toThrow(NotFoundError);
    expect(() => carrier.advance('SBX000000000000', 'delivered')).toThrow(NotFoundError);
  });

  it('cancels a label until the parcel moves, twice without complaint, then answers too late', async () => {
    const carrier = sandboxCarrier({ secret: SECRET, now: clock });
    const first = await carrier.createShipment(request('shp_1'));
    const second = await carrier.createShipment(request('shp_2'));

    expect(await carrier.cancel(first.carrierRef)).toEqual({ outcome: 'cancelled' });
    expect(await carrier.cancel(first.carrierRef)).toEqual({ outcome: 'cancelled' });
    expect((await carrier.track(first.trackingNumber)).status).toBe('cancelled');
    carrier.advance(second.trackingNumber, 'in_transit');
    expect(await carrier.cancel(second.carrierRef)).toMatchObject({ outcome: 'too_late' });
    expect((await carrier.track(second.trackingNumber)).status).toBe('in_transit');
  });
});

describe('sandbox webhook signatures', () => {
  const carrier = sandboxCarrier({ secret: SECRET, now: clock });
  const problem = async (body: string, headers: Record<string, string>) => {
    const error: unknown = await carrier.parseWebhook(body, headers).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WebhookSignatureError);
    return (error as WebhookSignatureError).problem;
  };

  it('signs `${timestamp}.${body}` with HMAC-SHA256 in the x-sandbox-signature header', () => {
    const { body, headers } = sandboxCarrierWebhook(event, SECRET, { timestamp: NOW });
    const t = NOW.getTime() / 1000;
    const expected = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');

    expect(headers['x-sandbox-signature']).toBe(`t=${t},v1=${expected}`);
    expect(JSON.parse(body)).toEqual(event);
  });

  it('accepts a delivery signed within five minutes either way, whatever the header case', async () => {
    const early = sandboxCarrierWebhook(event, SECRET, { timestamp: new Date(NOW.getTime() - 300_000) });
    const late = sandboxCarrierWebhook(event, SECRET, { timestamp: new Date(NOW.getTime() + 300_000) });

    expect(await carrier.parseWebhook(early.body, early.headers)).toEqual(event);
    expect(
      await carrier.parseWebhook(late.body, { 'X-Sandbox-Signature': late.headers['x-sandbox-signature'] }),
    ).toEqual(event);
  });

  it('refuses a tampered body, a wrong secret, a stale or missing signature with a 401', async () => {
    const signed = sandboxCarrierWebhook(event, SECRET, { timestamp: NOW });
    const tampered = signed.body.replace('in_transit', 'delivered');
    const wrongSecret = sandboxCarrierWebhook(event, 'another-secret', { timestamp: NOW });
    const stale = sandboxCarrierWebhook(event, SECRET, { timestamp: new Date(NOW.getTime() - 301_000) });

    expect(await problem(tampered, signed.headers)).toBe('mismatch');
    expect(await problem(wrongSecret.body, wrongSecret.headers)).toBe('mismatch');
    expect(await problem(stale.body, stale.headers)).toBe('stale');
    expect(await problem(signed.body, {})).toBe('missing');
    expect(await problem(signed.body, { 'x-sandbox-signature': 'v1=abc' })).toBe('malformed');
    await expect(carrier.parseWebhook(tampered, signed.headers)).rejects.toMatchObject({
      status: 401,
      problemType: 'invalid-webhook-signature',
    });
  });

  it('refuses a correctly signed body that is not a sandbox event', async () => {
    const sign = (body: string) => {
      const t = NOW.getTime() / 1000;
      return {
        'x-sandbox-signature': `t=${t},v1=${createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex')}`,
      };
    };
    const notJson = 'not json';
    const unknownStatus = JSON.stringify({ ...event, status: 'lost_in_space' });

    await expect(carrier.parseWebhook(notJson, sign(notJson))).rejects.toThrow(UnprocessableError);
    await expect(carrier.parseWebhook(unknownStatus, sign(unknownStatus))).rejects.toMatchObject({
      problemType: 'invalid-webhook-payload',
    });
  });
});

describe('the sandbox end to end with the shipment rules', () => {
  it('moves a shipment to delivered through signed webhooks, applying a redelivered one once', async () => {
    const carrier = sandboxCarrier({ secret: SECRET, now: clock });
    const label = await carrier.createShipment(request());
    let shipment = createShipment({
      id: 'shp_1',
      orderId: 'ord_1',
      carrier: carrier.name,
      service: 'de-standard',
      trackingNumber: label.trackingNumber,
      carrierRef: label.carrierRef,
      at: '2026-03-02T08:00:00.000Z',
    }).shipment;
    const announced: string[] = [];
    const steps = [
      carrier.advance(label.trackingNumber, 'in_transit', { at: new Date('2026-03-02T09:00:00Z') }),
      carrier.advance(label.trackingNumber, 'delivered', { at: new Date('2026-03-02T11:00:00Z') }),
    ];

    for (const { webhook } of [steps[0]!, steps[0]!, steps[1]!]) {
      const change = applyCarrierEvent(shipment, await carrier.parseWebhook(webhook.body, webhook.headers));
      shipment = change.shipment;
      announced.push(...change.events.map((e) => e.event.detailType));
    }

    expect(shipment.status).toBe('delivered');
    expect(announced).toEqual(['shipment.in_transit', 'shipment.delivered']);
    expect(shipment.history).toHaveLength(3);
  });
});
