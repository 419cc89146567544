// The shipment lifecycle: the state machine from label to doorstep, its tracking history, carrier webhook
// events applied once each, and the events to announce. Pure; no AWS.
//
//   created ──► in_transit ──► out_for_delivery ──► delivered
//      │            ▲  │              │
//      │            │  ▼              │
//      │         exception ◄──────────┘
//      ▼
//   cancelled
//
// - created: the carrier issued a label and tracking number; nothing moved yet. Only now can it be cancelled.
// - Forward steps may be skipped (a carrier that reports "delivered" as its first scan is believed); the
//   way back is only exception → in_transit (the carrier resolved a delivery problem), and exception may
//   also go straight on to out_for_delivery or delivered.
// - delivered and cancelled are final.
// - A report of the status the shipment already has is kept in the history and changes nothing.
// - A carrier event older than the newest one in the history is kept in the history but moves nothing:
//   webhooks arrive out of order, and a late "in transit" must not undo "delivered".
import {
  domainEvent,
  ShipmentCancelled,
  ShipmentCreated,
  ShipmentDelivered,
  ShipmentInTransit,
  type DomainEvent,
} from '@commerce/events';
import { UnprocessableError } from '@commerce/lambda-kit/errors';

export const SHIPMENT_STATUSES = [
  'created',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
  'cancelled',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

const NEXT: Readonly<Record<ShipmentStatus, readonly ShipmentStatus[]>> = {
  created: ['in_transit', 'out_for_delivery', 'delivered', 'cancelled'],
  in_transit: ['out_for_delivery', 'delivered', 'exception'],
  out_for_delivery: ['delivered', 'exception'],
  exception: ['in_transit', 'out_for_delivery', 'delivered'],
  delivered: [],
  cancelled: [],
};

export function canMove(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return NEXT[from].includes(to);
}

export type TrackingSource = 'carrier' | 'staff' | 'system';

export interface TrackingEvent {
  readonly status: ShipmentStatus;
  /** ISO 8601; when it happened (the carrier's scan time for carrier events). */
  readonly at: string;
  readonly source: TrackingSource;
  /** The carrier's event id; set on carrier events, and what makes a webhook apply once. */
  readonly eventId?: string;
  readonly description?: string;
  /** The staff member's id on staff events. */
  readonly actor?: string;
}

export interface Shipment {
  readonly id: string;
  readonly orderId: string;
  readonly carrier: string;
  /** The shipping method (service level) the customer chose. */
  readonly service: string;
  readonly trackingNumber: string;
  /** The carrier's own reference, which cancel takes; absent for a parcel staff shipped by hand. */
  readonly carrierRef?: string;
  readonly trackingUrl?: string;
  readonly status: ShipmentStatus;
  /** Oldest first. */
  readonly history: readonly TrackingEvent[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The events a shipment announces; every one carries the shipment, its tracking, the status reached and when. */
type ShipmentEventDefinition =
  typeof ShipmentCreated | typeof ShipmentInTransit | typeof ShipmentDelivered | typeof ShipmentCancelled;
export type ShipmentEvent = DomainEvent<ShipmentEventDefinition>;

export interface ShipmentChange {
  readonly shipment: Shipment;
  /** What to announce in the same write (the outbox). */
  readonly events: readonly ShipmentEvent[];
  /** applied: the status moved; recorded: history only; duplicate: nothing changed (seen before). */
  readonly outcome: 'applied' | 'recorded' | 'duplicate';
}

/** A verified, normalized carrier event (see Carrier.parseWebhook). */
export interface CarrierEvent {
  readonly id: string;
  readonly trackingNumber: string;
  readonly status: ShipmentStatus;
  /** ISO 8601 scan time. */
  readonly at: string;
  readonly description?: string;
}

function instant(timestamp: string, what: string): number {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) {
    throw new UnprocessableError(`${what} "${timestamp}" is not a timestamp.`, 'invalid-timestamp');
  }
  return ms;
}

function announce(event: ShipmentEventDefinition, shipment: Shipment, at: string): ShipmentEvent {
  return domainEvent(event, {
    shipmentId: shipment.id,
    orderId: shipment.orderId,
    carrier: shipment.carrier,
    service: shipment.service,
    trackingNumber: shipment.trackingNumber,
    ...(shipment.trackingUrl === undefined ? {} : { trackingUrl: shipment.trackingUrl }),
    status: shipment.status,
    at,
  });
}

/**
 * What a status change announces: shipment.in_transit once, when the parcel first leaves `created` for
 * anything but cancellation (also when the first scan already says delivered, so the order passes
 * through shipped); shipment.delivered and shipment.cancelled when reached.
 */
function eventsOf(before: ShipmentStatus, after: Shipment, at: string): ShipmentEvent[] {
  const out: ShipmentEvent[] = [];
  if (before === 'created' && after.status !== 'cancelled') out.push(announce(ShipmentInTransit, after, at));
  if (after.status === 'delivered') out.push(announce(ShipmentDelivered, after, at));
  if (after.status === 'cancelled') out.push(announce(ShipmentCancelled, after, at));
  return out;
}

function refuse(shipment: Shipment, to: ShipmentStatus): never {
  throw new UnprocessableError(
    `Shipment ${shipment.id} cannot go from ${shipment.status} to ${to}.`,
    'illegal-shipment-transition',
  );
}

/** Moves the shipment to `event.status` (or records a repeat), refusing an illegal move with a 422. */
function move(shipment: Shipment, event: TrackingEvent): ShipmentChange {
  instant(event.at, 'The event time');
  const history = [...shipment.history, event];
  if (event.status === shipment.status) {
    return {
      shipment: { ...shipment, history, updatedAt: event.at },
      events: [],
      outcome: 'recorded',
    };
  }
  if (!canMove(shipment.status, event.status)) refuse(shipment, event.status);
  const next: Shipment = { ...shipment, status: event.status, history, updatedAt: event.at };
  return {
    shipment: next,
    events: eventsOf(shipment.status, next, event.at),
    outcome: 'applied',
  };
}

export interface NewShipment {
  readonly id: string;
  readonly orderId: string;
  readonly carrier: string;
  readonly service: string;
  readonly trackingNumber: string;
  readonly carrierRef?: string;
  readonly trackingUrl?: string;
  readonly at: string;
}

/** A shipment whose label the carrier just issued (on order.paid); announces shipment.created. */
export function createShipment(input: NewShipment): ShipmentChange {
  instant(input.at, 'The creation time');
  const shipment: Shipment = {
    id: input.id,
    orderId: input.orderId,
    carrier: input.carrier,
    service: input.service,
    trackingNumber: input.trackingNumber,
    ...(input.carrierRef === undefined ? {} : { carrierRef: input.carrierRef }),
    ...(input.trackingUrl === undefined ? {} : { trackingUrl: input.trackingUrl }),
    status: 'created',
    history: [{ status: 'created', at: input.at, source: 'system' }],
    createdAt: input.at,
    updatedAt: input.at,
  };
  return { shipment, events: [announce(ShipmentCreated, shipment, input.at)], outcome: 'applied' };
}

/**
 * Applies a verified carrier event once: an event id already in the history changes nothing (webhooks are
 * delivered at least once), an event older than the newest in the history is only recorded, and an event
 * for another tracking number or an illegal move is refused (422).
 */
export function applyCarrierEvent(shipment: Shipment, event: CarrierEvent): ShipmentChange {
  if (shipment.history.some((e) => e.eventId === event.id)) {
    return { shipment, events: [], outcome: 'duplicate' };
  }
  if (event.trackingNumber !== shipment.trackingNumber) {
    throw new UnprocessableError(
      `Event ${event.id} is for tracking number ${event.trackingNumber}, not ${shipment.trackingNumber}.`,
      'tracking-number-mismatch',
    );
  }
  const at = instant(event.at, 'The event time');
  const tracking: TrackingEvent = {
    status: event.status,
    at: event.at,
    source: 'carrier',
    eventId: event.id,
    ...(event.description === undefined ? {} : { description: event.description }),
  };
  const newest = Math.max(...shipment.history.map((e) => instant(e.at, 'A history time')));
  if (at < newest) {
    // History stays in time order; the status does not move backwards in time.
    const history = [...shipment.history, tracking].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return { shipment: { ...shipment, history }, events: [], outcome: 'recorded' };
  }
  return move(shipment, tracking);
}

export interface MarkShipped {
  readonly trackingNumber: string;
  /** The staff member. */
  readonly actor: string;
  readonly at: string;
  /** When staff shipped with another carrier than the label's. */
  readonly carrier?: string;
  readonly trackingUrl?: string;
}

/**
 * Staff hand the parcel over and mark it shipped with its tracking number (their own label may replace
 * the one issued). Marking it again with the same tracking number once it moved changes nothing.
 */
export function markShipped(shipment: Shipment, input: MarkShipped): ShipmentChange {
  if (shipment.status !== 'created') {
    const moving = shipment.status !== 'cancelled';
    if (moving && shipment.trackingNumber === input.trackingNumber) {
      return { shipment, events: [], outcome: 'duplicate' };
    }
    refuse(shipment, 'in_transit');
  }
  const { trackingUrl: previousUrl, ...rest } = shipment;
  const relabelled = input.trackingNumber !== shipment.trackingNumber;
  const trackingUrl = input.trackingUrl ?? (relabelled ? undefined : previousUrl);
  const base: Shipment = {
    ...rest,
    trackingNumber: input.trackingNumber,
    carrier: input.carrier ?? shipment.carrier,
    ...(trackingUrl === undefined ? {} : { trackingUrl }),
  };
  return move(base, {
    status: 'in_transit',
    at: input.at,
    source: 'staff',
    actor: input.actor,
    description: 'Marked shipped by staff.',
  });
}

/** Cancels a shipment before the carrier moved it (call Carrier.cancel first); cancelling twice is a no-op. */
export function cancelShipment(
  shipment: Shipment,
  input: { at: string; actor?: string; reason?: string },
): ShipmentChange {
  if (shipment.status === 'cancelled') return { shipment, events: [], outcome: 'duplicate' };
  return move(shipment, {
    status: 'cancelled',
    at: input.at,
    source: input.actor === undefined ? 'system' : 'staff',
    ...(input.actor === undefined ? {} : { actor: input.actor }),
    ...(input.reason === undefined ? {} : { description: input.reason }),
  });
}
