// The inventory's steps end to end: read, let the domain decide, write the step with its events in one
// conditional transaction, and when a condition refuses it (someone else moved the stock first) read again
// and decide again. Never read-then-write without a guard: every write carries the conditions it relies on.
import {
  InventoryAdjusted,
  InventoryBackInStock,
  InventoryCommitted,
  InventoryLowStock,
  InventoryOutOfStock,
  InventoryReleased,
  InventoryReservationExpired,
  InventoryReserved,
  type EventDefinition,
} from '@commerce/events';
import { ConflictError, NotFoundError, UnprocessableError } from '@commerce/lambda-kit/errors';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  StockWriteRefused,
  type InventoryStore,
  type PendingEvent,
  type StockWrite,
} from './domain/ports.ts';
import {
  commit,
  expire,
  release,
  reserve,
  type ReleaseReason,
  type RequestedLine,
  type Reservation,
  type ReservationTransition,
} from './domain/reservation.ts';
import {
  adjustStock,
  availableUnits,
  newStockLevel,
  type InventoryEvent,
  type LedgerEntry,
  type LowStockPolicy,
  type StockAdjustment,
  type StockLevel,
} from './domain/stock.ts';
import { totalsStep } from './domain/totals.ts';

const AVAILABILITY_EVENTS: Record<InventoryEvent['type'], EventDefinition> = {
  'inventory.low_stock': InventoryLowStock,
  'inventory.out_of_stock': InventoryOutOfStock,
  'inventory.back_in_stock': InventoryBackInStock,
};

export interface InventoryOptions {
  readonly policy: LowStockPolicy;
  readonly clock?: () => Date;
  /** Attempts of one step under contention, the first included. @default 12 */
  readonly maxAttempts?: number;
  /** Waits before attempt `n + 1` (jittered exponential backoff by default). */
  readonly backoff?: (attempt: number) => Promise<void>;
}

/** The step kept being refused by concurrent writes; nothing was written. Retrying later is safe. */
export class StockBusyError extends ConflictError {
  constructor() {
    super('The stock is changing too fast right now; nothing was changed. Try again.', 'stock-busy');
  }
}

export interface ReserveResult {
  readonly reservation: Reservation;
  /** False when the order already had a reservation (that one is returned, nothing changed). */
  readonly created: boolean;
}

export class Inventory {
  readonly #store: InventoryStore;
  readonly #policy: LowStockPolicy;
  readonly #clock: () => Date;
  readonly #maxAttempts: number;
  readonly #backoff: (attempt: number) => Promise<void>;

  constructor(store: InventoryStore, options: InventoryOptions) {
    this.#store = store;
    this.#policy = options.policy;
    this.#clock = options.clock ?? (() => new Date());
    this.#maxAttempts = options.maxAttempts ?? 12;
    this.#backoff =
      options.backoff ?? ((attempt) => sleep(Math.random() * Math.min(1000, 20 * 2 ** Math.min(attempt, 6))));
  }

  /**
   * Holds stock for every line of an order, or for none (409 `insufficient-stock` naming the short SKUs).
   * Reserving an order that has a reservation returns that one, whatever its status.
   */
  async reserve(
    orderId: string,
    lines: readonly RequestedLine[],
    holdForMs: number | undefined,
    context: EventContext,
  ): Promise<ReserveResult> {
    const skus = [...new Set(lines.map((l) => l.sku))];
    return this.#attempt(async () => {
      const existing = await this.#store.getReservation(orderId);
      if (existing) return { reservation: existing, created: false };
      const snapshot = await this.#store.readStock(skus);
      const now = this.#clock();
      // Throws InsufficientStockError when the fresh snapshot cannot fill every line.
      const step = reserve(orderId, lines, snapshot.levels, now, holdForMs);
      const { reservation } = step;
      await this.#writeStep(
        step,
        { after: reservation, expected: 'none' },
        snapshot.totals,
        outboxItem(
          InventoryReserved,
          { orderId, lines: reservation.lines, expiresAt: reservation.expiresAt },
          context,
          now,
        ),
        context,
        now,
      );
      return { reservation, created: true };
    });
  }

  /** held → committed (the payment succeeded). Repeating it changes nothing. */
  async commit(orderId: string, context: EventContext): Promise<Reservation> {
    return this.#transition(orderId, context, (r, now) => ({
      step: commit(r, now),
      event: (after) =>
        outboxItem(InventoryCommitted, { orderId: after.id, lines: after.lines }, context, now),
    }));
  }

  /** → released (cancelled, or the payment failed). Repeating it changes nothing. */
  async release(orderId: string, reason: ReleaseReason, context: EventContext): Promise<Reservation> {
    return this.#transition(orderId, context, (r, now) => ({
      step: release(r, reason, now),
      event: (after) =>
        outboxItem(
          InventoryReleased,
          {
            orderId: after.id,
            lines: after.lines,
            reason,
            previousStatus: r.status === 'committed' ? 'committed' : 'held',
          },
          context,
          now,
        ),
    }));
  }

  /** held → expired once the hold has ended; 422 `reservation-not-expired` before. */
  async expire(orderId: string, context: EventContext): Promise<Reservation> {
    return this.#transition(orderId, context, (r, now) => ({
      step: expire(r, now),
      event: (after) =>
        outboxItem(
          InventoryReservationExpired,
          { orderId: after.id, lines: after.lines, expiresAt: after.expiresAt },
          context,
          now,
        ),
    }));
  }

  /**
   * Expires the held reservations whose hold has ended, each in its own transaction (the same release
   * path as `expire`). One that fails is logged by the caller and left for the next sweep.
   */
  async sweep(
    context: EventContext,
    limit = 500,
  ): Promise<{ expired: string[]; failed: { id: string; error: unknown }[] }> {
    const due = await this.#store.dueReservations(this.#clock(), limit);
    const expired: string[] = [];
    const failed: { id: string; error: unknown }[] = [];
    const queue = [...due];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        try {
          const r = await this.expire(id, context);
          if (r.status === 'expired') expired.push(id);
        } catch (error) {
          failed.push({ id, error });
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return { expired: expired.sort(), failed };
  }

  /**
   * Adjusts on-hand units of a SKU in a warehouse and writes the ledger entry, with inventory.adjusted and
   * any availability event. 422 `unknown-warehouse`, `stock-below-reserved`; 400 for a delta whose sign
   * does not suit the reason.
   */
  async adjust(
    sku: string,
    warehouseId: string,
    adjustment: StockAdjustment,
    context: EventContext,
  ): Promise<{ entry: LedgerEntry; level: StockLevel }> {
    const unknownWarehouse = () =>
      new UnprocessableError(`No warehouse ${warehouseId}; create it first.`, 'unknown-warehouse');
    if (!(await this.#store.getWarehouse(warehouseId))) throw unknownWarehouse();
    return this.#attempt(async () => {
      const snapshot = await this.#store.readStock([sku]);
      const level =
        snapshot.levels.find((l) => l.warehouseId === warehouseId) ?? newStockLevel(sku, warehouseId);
      const now = this.#clock();
      const { level: after, delta, entry } = adjustStock(level, adjustment, now);
      const { changes, events } = totalsStep([delta], snapshot.totals, this.#policy);
      try {
        await this.#store.write({
          ledger: entry,
          deltas: [delta],
          totals: changes,
          events: [
            outboxItem(
              InventoryAdjusted,
              {
                sku,
                warehouseId,
                delta: entry.delta,
                reason: entry.reason,
                ...(entry.note !== undefined ? { note: entry.note } : {}),
                actor: entry.actor,
                at: entry.at,
                onHand: after.onHand,
                reserved: after.reserved,
                available: availableUnits(after),
              },
              context,
              now,
            ),
            ...this.#availabilityEvents(events, context, now),
          ],
        });
      } catch (error) {
        if (error instanceof StockWriteRefused && error.refusal === 'warehouse') throw unknownWarehouse();
        throw error;
      }
      return { entry, level: after };
    });
  }

  // -------------------------------------------------------------------------------------------------------

  async #transition(
    orderId: string,
    context: EventContext,
    decide: (
      r: Reservation,
      now: Date,
    ) => { step: ReservationTransition; event: (after: Reservation) => PendingEvent },
  ): Promise<Reservation> {
    return this.#attempt(async () => {
      const current = await this.#store.getReservation(orderId);
      if (!current) throw new NotFoundError(`No reservation for order ${orderId}.`);
      const now = this.#clock();
      const { step, event } = decide(current, now);
      if (!step.changed) return current;
      // Totals are only needed where available units move (an announcement may be due).
      const moving = [...new Set(step.deltas.filter((d) => d.available !== 0).map((d) => d.sku))];
      const totals = moving.length > 0 ? (await this.#store.readStock(moving)).totals : new Map();
      await this.#writeStep(
        step,
        { after: step.reservation, expected: { version: current.version, status: current.status } },
        totals,
        event(step.reservation),
        context,
        now,
      );
      return step.reservation;
    });
  }

  async #writeStep(
    step: ReservationTransition,
    reservation: NonNullable<StockWrite['reservation']>,
    totals: Parameters<typeof totalsStep>[1],
    event: PendingEvent,
    context: EventContext,
    now: Date,
  ): Promise<void> {
    const { changes, events } = totalsStep(step.deltas, totals, this.#policy);
    await this.#store.write({
      reservation,
      deltas: step.deltas,
      totals: changes,
      events: [event, ...this.#availabilityEvents(events, context, now)],
    });
  }

  #availabilityEvents(events: readonly InventoryEvent[], context: EventContext, now: Date): PendingEvent[] {
    return events.map((e) => outboxItem(AVAILABILITY_EVENTS[e.type], e.data, context, now));
  }

  /**
   * Runs `step` until it is not refused by a concurrent write. A refused write changed nothing, so the step
   * reads again and decides again: the reservation someone else created is returned, stock that is gone
   * makes the domain answer `insufficient-stock` (naming the short SKUs from that fresh read), stock that
   * moved is allocated anew, totals that moved get the announcement they now call for.
   */
  async #attempt<T>(step: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await step();
      } catch (error) {
        if (!(error instanceof StockWriteRefused)) throw error;
        if (attempt >= this.#maxAttempts) throw new StockBusyError();
        // A reservation created concurrently is simply read on the next attempt.
        if (error.refusal !== 'reservation') await this.#backoff(attempt);
      }
    }
  }
}
