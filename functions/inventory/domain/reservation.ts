// Reservation rules: holding stock for an order until it is paid, choosing the warehouse for each line, the
// exact stock deltas every step of a reservation applies and the event it announces. Pure; no AWS.
import {
  domainEvent,
  InventoryCommitted,
  InventoryReleased,
  InventoryReservationExpired,
  InventoryReserved,
  type DomainEvent,
} from '@commerce/events';
import { UnprocessableError, ValidationError } from '@commerce/lambda-kit/errors';
import {
  availableUnits,
  InsufficientStockError,
  orderableQuantity,
  type Shortage,
  type StockDelta,
  type StockLevel,
} from './stock.ts';

export type ReservationStatus = 'held' | 'committed' | 'released' | 'expired';

export interface RequestedLine {
  readonly sku: string;
  readonly quantity: number;
}

export interface ReservationLine {
  readonly sku: string;
  readonly quantity: number;
  readonly warehouseId: string;
}

export interface Reservation {
  /** The order's id: one reservation per order. */
  readonly id: string;
  /** One line per SKU. */
  readonly lines: readonly ReservationLine[];
  readonly status: ReservationStatus;
  /** ISO 8601; a held reservation may be expired from then on. */
  readonly expiresAt: string;
  readonly releaseReason?: ReleaseReason;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * Why held stock goes back: the order was cancelled, or its payment failed. Only `order_cancelled` may
 * release a committed reservation (see `release`).
 */
export type ReleaseReason = 'order_cancelled' | 'payment_failed';

/** How long stock is held for an unpaid order: long enough for 3-D Secure and a retried card. */
export const DEFAULT_HOLD_MS = 30 * 60 * 1000;

/**
 * How long stock stays held once the order's payment is authorized (`extend`): as long as a card
 * authorization lasts (about 7 days at the gateways we use), so the units cannot be resold before the
 * capture. Past it the capture fails anyway and the order is cancelled.
 */
export const AUTHORIZED_HOLD_MS = 7 * 24 * 60 * 60 * 1000;

/** The reservation after a step, the stock deltas to apply with it and what it announces, in one transaction. */
export interface ReservationTransition {
  readonly reservation: Reservation;
  readonly deltas: readonly StockDelta[];
  /** The step's event; none when it was a repeat. */
  readonly events: readonly DomainEvent[];
  /** False when the step was a repeat (nothing to write). */
  readonly changed: boolean;
}

export class IllegalReservationTransitionError extends UnprocessableError {
  readonly from: ReservationStatus;
  readonly to: ReservationStatus;
  constructor(id: string, from: ReservationStatus, to: ReservationStatus, why = '') {
    super(`Reservation ${id} cannot go from ${from} to ${to}${why}.`, 'illegal-transition');
    this.from = from;
    this.to = to;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Allocation

/**
 * Chooses a warehouse for every line, or fails for all of them (409 `insufficient-stock` naming every short
 * SKU with the most one warehouse could give). Lines of the same SKU are merged first. The rule, in order:
 * 1. One parcel when possible: if some warehouses can fill every line, the one among them with the most
 *    available units of the requested SKUs in total (ties: lowest warehouse id) takes all lines.
 * 2. Otherwise each line goes to the warehouse with the most available units of its SKU among those that
 *    can fill it whole (ties: lowest warehouse id).
 * A line is never split between warehouses in this version, so a SKU with 3 units in each of two
 * warehouses cannot fill a line of 5. The choice is made on a snapshot; the deltas' guards
 * (`available >= q`) make the store refuse it if the stock moved since, and the caller allocates again.
 */
export function allocate(lines: readonly RequestedLine[], stock: readonly StockLevel[]): ReservationLine[] {
  const wanted = mergeLines(lines);
  const availableAt = new Map<string, Map<string, number>>();
  for (const level of stock) {
    const bySku = availableAt.get(level.warehouseId) ?? new Map<string, number>();
    bySku.set(level.sku, (bySku.get(level.sku) ?? 0) + availableUnits(level));
    availableAt.set(level.warehouseId, bySku);
  }
  const warehouses = [...availableAt.keys()].sort();
  const units = (warehouseId: string, sku: string) => availableAt.get(warehouseId)?.get(sku) ?? 0;

  const whole = warehouses
    .filter((w) => wanted.every((l) => units(w, l.sku) >= l.quantity))
    .map((w) => ({ w, total: wanted.reduce((sum, l) => sum + units(w, l.sku), 0) }))
    .reduce<{ w: string; total: number } | undefined>(
      (best, c) => (!best || c.total > best.total ? c : best),
      undefined,
    );
  if (whole) return wanted.map((l) => ({ ...l, warehouseId: whole.w }));

  const shortages: Shortage[] = [];
  const allocated: ReservationLine[] = [];
  for (const line of wanted) {
    const best = warehouses
      .filter((w) => units(w, line.sku) >= line.quantity)
      .reduce<string | undefined>(
        (b, w) => (b === undefined || units(w, line.sku) > units(b, line.sku) ? w : b),
        undefined,
      );
    if (best === undefined) {
      shortages.push({
        sku: line.sku,
        requested: line.quantity,
        available: orderableQuantity(line.sku, stock),
      });
    } else {
      allocated.push({ ...line, warehouseId: best });
    }
  }
  if (shortages.length > 0) throw new InsufficientStockError(shortages);
  return allocated;
}

// ---------------------------------------------------------------------------------------------------------
// Steps
//
//   held ──commit (payment succeeded)──► committed ──release('order_cancelled')──► released
//    │ ─extend (payment authorized)──► held, until later (no deltas)
//    │ ─release (cancelled / payment failed)──► released
//    └─expire (now ≥ expiresAt)──► expired
//
// Deltas per line of quantity q:
//   reserve                 reserved +q, available −q            guard available ≥ q
//   commit                  onHand −q, reserved −q               guard reserved ≥ q
//   release/expire of held  reserved −q, available +q            guard reserved ≥ q
//   release of committed    onHand +q, available +q              (no guard)
// Repeating a step that already happened (commit a committed reservation, release a released one, release
// or expire one already released or expired) changes nothing and returns no deltas, so a redelivered
// event is harmless. The store writes the reservation conditioned on the version read, with the deltas, in
// one transaction.

/** Allocates and holds stock for an order until `now + holdForMs`. */
export function reserve(
  orderId: string,
  lines: readonly RequestedLine[],
  stock: readonly StockLevel[],
  now: Date,
  holdForMs: number = DEFAULT_HOLD_MS,
): ReservationTransition {
  const allocated = allocate(lines, stock);
  const at = now.toISOString();
  const reservation: Reservation = {
    id: orderId,
    lines: allocated,
    status: 'held',
    expiresAt: new Date(now.getTime() + holdForMs).toISOString(),
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  return {
    reservation,
    deltas: allocated.map((l) => delta(l, { onHand: 0, reserved: l.quantity }, { available: l.quantity })),
    events: [
      domainEvent(InventoryReserved, {
        orderId,
        lines: reservation.lines,
        expiresAt: reservation.expiresAt,
      }),
    ],
    changed: true,
  };
}

/**
 * held → held until `now + holdForMs` (never earlier than it was): the order's payment is authorized, the
 * units must stay held until it is captured. Allowed past `expiresAt` as long as `expire` has not run (the
 * units are still held; the store's version condition orders it against the sweep). A committed
 * reservation stays as it is (sold, nothing expires); a released or expired one is refused
 * (`illegal-transition`): its units may be sold already. No stock moves and nothing is announced.
 */
export function extend(
  reservation: Reservation,
  now: Date,
  holdForMs: number = AUTHORIZED_HOLD_MS,
): ReservationTransition {
  if (reservation.status === 'committed') return unchanged(reservation);
  if (reservation.status !== 'held') {
    throw new IllegalReservationTransitionError(reservation.id, reservation.status, 'held');
  }
  const until = new Date(now.getTime() + holdForMs).toISOString();
  if (Date.parse(until) <= Date.parse(reservation.expiresAt)) return unchanged(reservation);
  return {
    reservation: {
      ...reservation,
      expiresAt: until,
      version: reservation.version + 1,
      updatedAt: now.toISOString(),
    },
    deltas: [],
    events: [],
    changed: true,
  };
}

/**
 * held → committed: the payment succeeded, the units are sold and leave on-hand stock. Allowed past
 * `expiresAt` as long as `expire` has not run: the units are still held until then.
 */
export function commit(reservation: Reservation, now: Date): ReservationTransition {
  if (reservation.status === 'committed') return unchanged(reservation);
  if (reservation.status !== 'held') {
    throw new IllegalReservationTransitionError(reservation.id, reservation.status, 'committed');
  }
  return step(
    reservation,
    'committed',
    now,
    (l) => delta(l, { onHand: -l.quantity, reserved: -l.quantity }, { reserved: l.quantity }),
    (after) => domainEvent(InventoryCommitted, { orderId: after.id, lines: after.lines }),
  );
}

/**
 * → released. A held reservation goes back for either reason. A committed one only when its order is
 * cancelled, which the order rules allow only before shipping: the units were taken off on-hand at
 * commit but never left the shelf, so they return to on-hand. After shipping, goods come back only as a
 * `return` stock adjustment once they are received.
 */
export function release(reservation: Reservation, reason: ReleaseReason, now: Date): ReservationTransition {
  if (reservation.status === 'released' || reservation.status === 'expired') return unchanged(reservation);
  const released = (after: Reservation) =>
    domainEvent(InventoryReleased, {
      orderId: after.id,
      lines: after.lines,
      reason,
      previousStatus: reservation.status === 'committed' ? 'committed' : 'held',
    });
  if (reservation.status === 'committed') {
    if (reason !== 'order_cancelled') {
      throw new IllegalReservationTransitionError(
        reservation.id,
        'committed',
        'released',
        ' except by cancelling its order',
      );
    }
    return step(
      reservation,
      'released',
      now,
      (l) => delta(l, { onHand: l.quantity, reserved: 0 }, {}),
      released,
      reason,
    );
  }
  return step(reservation, 'released', now, freeHeld, released, reason);
}

/** held → expired once `expiresAt` has passed; the held units become available again. */
export function expire(reservation: Reservation, now: Date): ReservationTransition {
  if (reservation.status === 'expired' || reservation.status === 'released') return unchanged(reservation);
  if (reservation.status !== 'held') {
    throw new IllegalReservationTransitionError(reservation.id, reservation.status, 'expired');
  }
  if (now.getTime() < Date.parse(reservation.expiresAt)) {
    throw new UnprocessableError(
      `Reservation ${reservation.id} holds its stock until ${reservation.expiresAt}.`,
      'reservation-not-expired',
    );
  }
  return step(reservation, 'expired', now, freeHeld, (after) =>
    domainEvent(InventoryReservationExpired, {
      orderId: after.id,
      lines: after.lines,
      expiresAt: after.expiresAt,
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------

function mergeLines(lines: readonly RequestedLine[]): RequestedLine[] {
  if (lines.length === 0) {
    throw new ValidationError([{ in: 'body', pointer: '/lines', detail: 'At least one line is needed.' }]);
  }
  const merged = new Map<string, number>();
  lines.forEach((line, i) => {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      throw new ValidationError([
        { in: 'body', pointer: `/lines/${i}/quantity`, detail: 'Must be a positive integer.' },
      ]);
    }
    merged.set(line.sku, (merged.get(line.sku) ?? 0) + line.quantity);
  });
  return [...merged].map(([sku, quantity]) => ({ sku, quantity }));
}

function delta(
  line: ReservationLine,
  change: { onHand: number; reserved: number },
  requires: StockDelta['requires'],
): StockDelta {
  return {
    sku: line.sku,
    warehouseId: line.warehouseId,
    onHand: change.onHand,
    reserved: change.reserved,
    available: change.onHand - change.reserved,
    requires,
  };
}

function freeHeld(line: ReservationLine): StockDelta {
  return delta(line, { onHand: 0, reserved: -line.quantity }, { reserved: line.quantity });
}

function step(
  reservation: Reservation,
  status: ReservationStatus,
  now: Date,
  deltaFor: (line: ReservationLine) => StockDelta,
  announce: (after: Reservation) => DomainEvent,
  releaseReason?: ReleaseReason,
): ReservationTransition {
  const after: Reservation = {
    ...reservation,
    status,
    ...(releaseReason !== undefined ? { releaseReason } : {}),
    version: reservation.version + 1,
    updatedAt: now.toISOString(),
  };
  return {
    reservation: after,
    deltas: reservation.lines.map(deltaFor),
    events: [announce(after)],
    changed: true,
  };
}

function unchanged(reservation: Reservation): ReservationTransition {
  return { reservation, deltas: [], events: [], changed: false };
}
