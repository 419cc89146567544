import { ShipmentCreated } from '@commerce/events';
import { UnprocessableError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import {
  applyCarrierEvent,
  canMove,
  cancelShipment,
  createShipment,
  markShipped,
  SHIPMENT_STATUSES,
  type CarrierEvent,
  type Shipment,
  type ShipmentStatus,
} from '../../../functions/shipping/domain/shipment.ts';

const TN = 'SBX000000000042';

function created(): Shipment {
  return createShipment({
    id: 'shp_1',
    orderId: 'ord_1',
    carrier: 'sandbox',
    service: 'de-standard',
    trackingNumber: TN,
    carrierRef: 'sbx_ref',
    trackingUrl: 'https://track.example.com/SBX000000000042',
    at: '2026-03-01T10:00:00.000Z',
  }).shipment;
}

let sequence = 0;
function event(status: ShipmentStatus, at: string, overrides: Partial<CarrierEvent> = {}): CarrierEvent {
  sequence += 1;
  return { id: `evt_${sequence}`, trackingNumber: TN, status, at, ...overrides };
}

/** Drives a shipment through carrier events, returning it and every announced event type. */
function drive(shipment: Shipment, statuses: ShipmentStatus[]): { shipment: Shipment; announced: string[] } {
  const announced: string[] = [];
  statuses.forEach((status, i) => {
    const change = applyCarrierEvent(shipment, event(status, `2026-03-0${i + 2}T10:00:00.000Z`));
    shipment = change.shipment;
    announced.push(...change.events.map((e) => e.event.detailType));
  });
  return { shipment, announced };
}

describe('createShipment', () => {
  it('starts in created with one history entry and announces shipment.created', () => {
    const change = createShipment({
      id: 'shp_1',
      orderId: 'ord_1',
      carrier: 'sandbox',
      service: 'de-standard',
      trackingNumber: TN,
      at: '2026-03-01T10:00:00.000Z',
    });

    expect(change.shipment).toMatchObject({
      status: 'created',
      history: [{ status: 'created', source: 'system' }],
    });
    expect(change.events).toEqual([
      {
        event: ShipmentCreated,
        data: {
          shipmentId: 'shp_1',
          orderId: 'ord_1',
          carrier: 'sandbox',
          service: 'de-standard',
          trackingNumber: TN,
          status: 'created',
          at: '2026-03-01T10:00:00.000Z',
        },
      },
    ]);
  });
});

describe('carrier events', () => {
  it('moves created → in_transit → out_for_delivery → delivered, announcing in_transit and delivered', () => {
    const { shipment, announced } = drive(created(), ['in_transit', 'out_for_delivery', 'delivered']);

    expect(shipment.status).toBe('delivered');
    expect(shipment.history.map((e) => e.status)).toEqual([
      'created',
      'in_transit',
      'out_for_delivery',
      'delivered',
    ]);
    expect(announced).toEqual(['shipment.in_transit', 'shipment.delivered']);
  });

  it('goes from exception back to in_transit without announcing in_transit a second time', () => {
    const { shipment, announced } = drive(created(), ['in_transit', 'exception', 'in_transit', 'delivered']);

    expect(shipment.status).toBe('delivered');
    expect(announced).toEqual(['shipment.in_transit', 'shipment.delivered']);
  });

  it('believes a first scan that already says delivered and announces both steps', () => {
    const { announced } = drive(created(), ['delivered']);

    expect(announced).toEqual(['shipment.in_transit', 'shipment.delivered']);
  });

  it('records a repeated status (another scan on the way) without moving or announcing', () => {
    const first = drive(created(), ['in_transit']).shipment;
    const change = applyCarrierEvent(first, event('in_transit', '2026-03-05T08:00:00.000Z'));

    expect(change.outcome).toBe('recorded');
    expect(change.events).toEqual([]);
    expect(change.shipment.history).toHaveLength(3);
  });

  it('applies a webhook event once: the same event id again changes nothing', () => {
    const shipment = created();
    const inTransit = event('in_transit', '2026-03-02T10:00:00.000Z');
    const once = applyCarrierEvent(shipment, inTransit);
    const twice = applyCarrierEvent(once.shipment, inTransit);

    expect(once.outcome).toBe('applied');
    expect(twice).toEqual({ shipment: once.shipment, events: [], outcome: 'duplicate' });
  });

  it('keeps a late event in the history in time order without moving the status back', () => {
    const delivered = drive(created(), ['in_transit', 'delivered']).shipment; // 2nd and 3rd of March
    const late = applyCarrierEvent(delivered, event('out_for_delivery', '2026-03-02T18:00:00.000Z'));

    expect(late.outcome).toBe('recorded');
    expect(late.shipment.status).toBe('delivered');
    expect(late.shipment.history.map((e) => e.status)).toEqual([
      'created',
      'in_transit',
      'out_for_delivery',
      'delivered',
    ]);
  });

  it('refuses an event for another tracking number', () => {
    expect(() =>
      applyCarrierEvent(
        created(),
        event('in_transit', '2026-03-02T10:00:00.000Z', { trackingNumber: 'SBX1' }),
      ),
    ).toThrow(expect.objectContaining({ problemType: 'tracking-number-mismatch' }));
  });

  it.each<[ShipmentStatus[], ShipmentStatus]>([
    [['delivered'], 'in_transit'],
    [['in_transit'], 'cancelled'],
    [['in_transit', 'out_for_delivery'], 'in_transit'],
    [['cancelled'], 'in_transit'],
    [[], 'exception'],
  ])('refuses %j then %s with a 422', (path, illegal) => {
    const { shipment } = drive(created(), path);
    const attempt = () => applyCarrierEvent(shipment, event(illegal, '2026-03-09T10:00:00.000Z'));

    expect(attempt).toThrow(UnprocessableError);
    expect(attempt).toThrow(
      expect.objectContaining({ status: 422, problemType: 'illegal-shipment-transition' }),
    );
  });
});

describe('the state machine', () => {
  it('has exactly these moves', () => {
    const moves = SHIPMENT_STATUSES.flatMap((from) =>
      SHIPMENT_STATUSES.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`),
    );

    expect(moves).toEqual([
      'created→in_transit',
      'created→out_for_delivery',
      'created→delivered',
      'created→cancelled',
      'in_transit→out_for_delivery',
      'in_transit→delivered',
      'in_transit→exception',
      'out_for_delivery→delivered',
      'out_for_delivery→exception',
      'exception→in_transit',
      'exception→out_for_delivery',
      'exception→delivered',
    ]);
  });
});

describe('markShipped', () => {
  const input = { trackingNumber: TN, actor: 'staff-7', at: '2026-03-02T09:00:00.000Z' };

  it('moves a created shipment to in_transit as a staff event and announces it', () => {
    const change = markShipped(created(), input);

    expect(change.shipment.status).toBe('in_transit');
    expect(change.shipment.history.at(-1)).toMatchObject({
      status: 'in_transit',
      source: 'staff',
      actor: 'staff-7',
    });
    expect(change.events.map((e) => e.event.detailType)).toEqual(['shipment.in_transit']);
  });

  it('takes a new tracking number from staff and drops the old tracking link', () => {
    const change = markShipped(created(), { ...input, trackingNumber: 'DHL123', carrier: 'dhl' });

    expect(change.shipment).toMatchObject({ trackingNumber: 'DHL123', carrier: 'dhl' });
    expect(change.shipment.trackingUrl).toBeUndefined();
    expect(change.events[0]!.data).toMatchObject({ trackingNumber: 'DHL123', carrier: 'dhl' });
  });

  it('is idempotent for the same tracking number and refuses another once moving or cancelled', () => {
    const shipped = markShipped(created(), input).shipment;

    expect(markShipped(shipped, input)).toMatchObject({ outcome: 'duplicate', events: [] });
    expect(() => markShipped(shipped, { ...input, trackingNumber: 'OTHER' })).toThrow(UnprocessableError);
    const cancelled = cancelShipment(created(), { at: input.at }).shipment;
    expect(() => markShipped(cancelled, input)).toThrow(UnprocessableError);
  });
});

describe('cancelShipment', () => {
  it('cancels before the parcel moves, announces it once, and refuses after', () => {
    const change = cancelShipment(created(), {
      at: '2026-03-01T11:00:00.000Z',
      actor: 'staff-7',
      reason: 'Order cancelled',
    });

    expect(change.shipment.status).toBe('cancelled');
    expect(change.events.map((e) => e.event.detailType)).toEqual(['shipment.cancelled']);
    expect(cancelShipment(change.shipment, { at: '2026-03-01T12:00:00.000Z' }).outcome).toBe('duplicate');
    const moving = drive(created(), ['in_transit']).shipment;
    expect(() => cancelShipment(moving, { at: '2026-03-05T00:00:00.000Z' })).toThrow(
      expect.objectContaining({ problemType: 'illegal-shipment-transition' }),
    );
  });
});
