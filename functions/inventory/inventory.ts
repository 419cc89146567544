// The inventory's use cases end to end: read, let the domain decide, write the step with the events it
// returned in one conditional transaction (the outbox), and when a condition refuses it (someone else moved
// the stock first) read again and decide again. Never read-then-write without a guard: every write carries
// the conditions it relies on. Also what the routes and internal readers read (availability, stock,
// warehouses), what the order events ask of a reservation, and the expiry sweep. No AWS here: the store is
// a port.
import { ConflictError, NotFoundError, UnprocessableError } from '@commerce/lambda-kit/errors';
import { logger, metrics } from '@commerce/lambda-kit/observability';
import { toOutbox } from '@commerce/lambda-kit/outbox';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import { setTimeout as sleep } from 'node:timers/promises';
import { releaseReasonFor, type OrderCancelReason } from './domain/order-events.ts';
import { StockWriteRefused, type InventoryStore, type StockWrite } from './domain/ports.ts';
import {
  commit,
  expire,
  extend,
  IllegalReservationTransitionError,
  release,
  reserve,
  type ReleaseReason,
  type RequestedLine,
  type Reservation,
  type ReservationTransition,
} from './domain/reservation.ts';
import {
  adjustStock,
  newStockLevel,
  type LedgerEntry,
  type LowStockPolicy,
  type StockAdjustment,
  type StockLevel,
} from './domain/stock.ts';
import { emptyTotals, totalsStep } from './domain/totals.ts';
import { putWarehouse, type Warehouse, type WarehouseInput } from './domain/warehouse.ts';
import { availabilityUnitsView, availabilityView, levelView } from './views.ts';

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

/**
 * What an order event did to the order's reservation: the step (or its repeat) was taken, there is no
 * reservation (nothing to give back), or the step cannot apply and a person must decide (`operator`).
 */
export type OrderStepOutcome =
  | { readonly kind: 'done'; readonly reservation: Reservation }
  | { readonly kind: 'no_reservation' }
  | { readonly kind: 'operator'; readonly why: string };

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
      await this.#writeStep(step, { after: reservation, expected: 'none' }, snapshot.totals, context, now);
      return { reservation, created: true };
    });
  }

  /**
   * held → held until the authorized payment can be captured (AUTHORIZED_HOLD_MS); 422 illegal-transition
   * when released or expired. Repeating it changes nothing.
   */
  async extend(orderId: string, context: EventContext): Promise<Reservation> {
    return this.#transition(orderId, context, (r, now) => extend(r, now));
  }

  /** held → committed (the payment succeeded). Repeating it changes nothing. */
  async commit(orderId: string, context: EventContext): Promise<Reservation> {
    return this.#transition(orderId, context, (r, now) => commit(r, now));
  }

  /** → released (cancelled, or the payment failed). Repeating it changes nothing. */
  async release(orderId: string, reason: ReleaseReason, context: EventContext): Promise<Reservation> {
    return this.#transition(orderId, context, (r, now) => release(r, reason, now));
  }

  /** held → expired once the hold has ended; 422 `reservation-not-expired` before. */
  async expire(orderId: string, context: EventContext): Promise<Reservation> {
    return this.#transition(orderId, context, (r, now) => expire(r, now));
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
          // Extended since the index was read (its payment was authorized): nothing is due.
          if (error instanceof UnprocessableError && error.problemType === 'reservation-not-expired')
            continue;
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
      const { level: after, delta, entry, events } = adjustStock(level, adjustment, now);
      const totals = totalsStep([delta], snapshot.totals, this.#policy);
      try {
        await this.#store.write({
          ledger: entry,
          deltas: [delta],
          totals: totals.changes,
          events: toOutbox([...events, ...totals.events], context, now),
        });
      } catch (error) {
        if (error instanceof StockWriteRefused && error.refusal === 'warehouse') throw unknownWarehouse();
        throw error;
      }
      return { entry, level: after };
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // The order's events and the expiry sweep

  /** order.paid: commits the order's reservation (the held units are sold). */
  orderPaid(orderId: string, context: EventContext): Promise<OrderStepOutcome> {
    return this.#orderStep(orderId, () => this.commit(orderId, context), 'Reservation committed');
  }

  /**
   * payment.authorized: keeps the order's units held until the capture (`extend`), whether the payment was
   * authorized at checkout or later by the gateway's webhook (3-D Secure). A hold already expired or
   * released cannot be kept: orders cancels such an order (reservation_expired) and voids the payment.
   */
  paymentAuthorized(orderId: string, context: EventContext): Promise<OrderStepOutcome> {
    return this.#orderStep(orderId, () => this.extend(orderId, context), 'Hold extended', {
      refusedNeedsOperator: false,
    });
  }

  /** order.cancelled: releases the order's reservation, for the reason the cancellation implies. */
  orderCancelled(
    orderId: string,
    reason: OrderCancelReason,
    context: EventContext,
  ): Promise<OrderStepOutcome> {
    return this.#orderStep(
      orderId,
      () => this.release(orderId, releaseReasonFor(reason), context),
      'Reservation released',
    );
  }

  /** The scheduled sweep: `sweep`, with each reservation left for the next run logged and both counted. */
  async expireDue(context: EventContext, limit?: number): Promise<{ expired: string[]; failed: number }> {
    const { expired, failed } = await this.sweep(context, limit);
    for (const { id, error } of failed) {
      logger.warn('Reservation not expired; the next sweep retries', { orderId: id, error });
    }
    if (expired.length > 0) metrics.addMetric('ReservationsExpired', 'Count', expired.length);
    if (failed.length > 0) metrics.addMetric('ReservationExpiryFailures', 'Count', failed.length);
    return { expired, failed: failed.length };
  }

  // -------------------------------------------------------------------------------------------------------
  // Reads and warehouses

  /** In stock, low on stock or out of stock; never the number of units. */
  async availability(sku: string) {
    const [totals] = await this.#store.getTotals([sku]);
    return availabilityView(sku, totals, this.#policy);
  }

  /** The availability of each SKU, in the order asked. */
  async availabilities(skus: readonly string[]) {
    const totals = new Map((await this.#store.getTotals(skus)).map((t) => [t.sku, t]));
    return skus.map((sku) => availabilityView(sku, totals.get(sku), this.#policy));
  }

  /**
   * Each SKU's availability with its available units and low-stock threshold, in the order asked (the
   * internal availability: search's reindex). A SKU never stocked is out of stock with none available.
   */
  async availabilityUnits(skus: readonly string[]) {
    const totals = new Map((await this.#store.getTotals(skus)).map((t) => [t.sku, t]));
    return skus.map((sku) => availabilityUnitsView(sku, totals.get(sku), this.#policy));
  }

  /** A SKU's level in each warehouse, its totals and availability, and the newest ledger entries. */
  async stock(sku: string, ledgerLimit: number) {
    const stock = await this.#store.getStock(sku, ledgerLimit);
    if (stock.levels.length === 0 && stock.ledger.length === 0) {
      throw new NotFoundError(`No stock of ${sku} in any warehouse.`);
    }
    const totals = stock.totals ?? emptyTotals(sku);
    return {
      ...availabilityView(sku, stock.totals, this.#policy),
      totals: { onHand: totals.onHand, reserved: totals.reserved, available: totals.available },
      levels: stock.levels.map(levelView),
      ledger: stock.ledger,
    };
  }

  warehouses(): Promise<Warehouse[]> {
    return this.#store.listWarehouses();
  }

  /** Creates a warehouse, or replaces it at the version read; the same content again writes nothing. */
  async putWarehouse(id: string, input: WarehouseInput): Promise<Warehouse> {
    const existing = await this.#store.getWarehouse(id);
    const write = putWarehouse(id, existing, input, this.#clock());
    if (write.changed) await this.#store.saveWarehouse(write.warehouse, write.expected);
    return write.warehouse;
  }

  // -------------------------------------------------------------------------------------------------------

  async #transition(
    orderId: string,
    context: EventContext,
    decide: (r: Reservation, now: Date) => ReservationTransition,
  ): Promise<Reservation> {
    return this.#attempt(async () => {
      const current = await this.#store.getReservation(orderId);
      if (!current) throw new NotFoundError(`No reservation for order ${orderId}.`);
      const now = this.#clock();
      const step = decide(current, now);
      if (!step.changed) return current;
      // Totals are only needed where available units move (an announcement may be due).
      const moving = [...new Set(step.deltas.filter((d) => d.available !== 0).map((d) => d.sku))];
      const totals = moving.length > 0 ? (await this.#store.readStock(moving)).totals : new Map();
      await this.#writeStep(
        step,
        { after: step.reservation, expected: { version: current.version, status: current.status } },
        totals,
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
    context: EventContext,
    now: Date,
  ): Promise<void> {
    // The step's own event first, then the availability announcements its deltas call for.
    const { changes, events } = totalsStep(step.deltas, totals, this.#policy);
    await this.#store.write({
      reservation,
      deltas: step.deltas,
      totals: changes,
      events: toOutbox([...step.events, ...events], context, now),
    });
  }

  /** Runs a reservation step an order event asks for; what cannot apply is answered, not thrown. */
  async #orderStep(
    orderId: string,
    step: () => Promise<Reservation>,
    done: string,
    { refusedNeedsOperator = true }: { readonly refusedNeedsOperator?: boolean } = {},
  ): Promise<OrderStepOutcome> {
    try {
      const reservation = await step();
      logger.info(done, { orderId, status: reservation.status });
      return { kind: 'done', reservation };
    } catch (error) {
      if (error instanceof NotFoundError) {
        // The order never held stock here (e.g. its reservation failed at checkout): nothing to give back.
        logger.warn('No reservation for the order; nothing to do', { orderId });
        return { kind: 'no_reservation' };
      }
      if (error instanceof IllegalReservationTransitionError && !refusedNeedsOperator) {
        logger.warn('The reservation is no longer held; the order is cancelled by its expiry', {
          orderId,
          detail: error.message,
        });
        return { kind: 'no_reservation' };
      }
      if (error instanceof IllegalReservationTransitionError) {
        // Paid after the hold expired (the units may be sold to someone else) or after it was released:
        // retrying cannot help, a person must decide.
        logger.error('The reservation cannot take this step; it needs an operator', {
          orderId,
          detail: error.message,
        });
        return { kind: 'operator', why: error.message };
      }
      throw error;
    }
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
