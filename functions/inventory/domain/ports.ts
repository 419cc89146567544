// What the inventory needs from storage. The DynamoDB adapter (../store.ts) implements it; the unit tests
// use an in-memory one with the same conditions.
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { Reservation, ReservationStatus } from './reservation.ts';
import type { LedgerEntry, StockDelta, StockLevel } from './stock.ts';
import type { SkuTotals, TotalsChange } from './totals.ts';
import type { Warehouse } from './warehouse.ts';

/** The stock of some SKUs: every warehouse's level and each SKU's totals (absent: none yet). */
export interface StockSnapshot {
  readonly levels: readonly StockLevel[];
  readonly totals: ReadonlyMap<string, SkuTotals>;
}

/**
 * One step, written in one transaction or not at all: the reservation (conditioned on what was read), a
 * ledger entry (its warehouse must exist), the stock deltas with their guards, the SKU totals with theirs,
 * and the events.
 */
export interface StockWrite {
  readonly reservation?: {
    readonly after: Reservation;
    readonly expected: 'none' | { readonly version: number; readonly status: ReservationStatus };
  };
  readonly ledger?: LedgerEntry;
  readonly deltas: readonly StockDelta[];
  readonly totals: readonly TotalsChange[];
  /** The events the step announces, as outbox items (validated when built). */
  readonly events: readonly OutboxItem[];
}

/**
 * Why a step was refused, nothing written: the reservation is not as read; the warehouse of a ledger entry
 * does not exist; a stock guard failed (the SKUs named); a totals guard failed (the totals moved since
 * they were read); or a concurrent transaction on the same items (retry).
 */
export type Refusal = 'reservation' | 'warehouse' | 'stock' | 'totals' | 'contention';

export class StockWriteRefused extends Error {
  readonly refusal: Refusal;
  readonly skus: readonly string[];
  constructor(refusal: Refusal, skus: readonly string[] = []) {
    super(`Stock write refused (${refusal}${skus.length ? `: ${skus.join(', ')}` : ''})`);
    this.refusal = refusal;
    this.skus = skus;
  }
}

export interface StockView {
  readonly levels: readonly (StockLevel & { readonly updatedAt?: string })[];
  readonly totals: SkuTotals | undefined;
  /** Newest first. */
  readonly ledger: readonly LedgerEntry[];
}

export interface InventoryStore {
  getReservation(id: string): Promise<Reservation | undefined>;
  /** Consistent read of the levels and totals of the SKUs. */
  readStock(skus: readonly string[]): Promise<StockSnapshot>;
  /** Writes one step; throws StockWriteRefused when a condition fails. */
  write(step: StockWrite): Promise<void>;
  /** Held reservations whose hold ended before `now`, oldest first (at most `limit`). */
  dueReservations(now: Date, limit: number): Promise<string[]>;

  getStock(sku: string, ledgerLimit: number): Promise<StockView>;
  /** Totals of each SKU asked for that has any (order not kept). */
  getTotals(skus: readonly string[]): Promise<SkuTotals[]>;

  getWarehouse(id: string): Promise<Warehouse | undefined>;
  listWarehouses(): Promise<Warehouse[]>;
  /** Creates (expected 'none') or replaces (at the version) a warehouse; VersionConflictError otherwise. */
  saveWarehouse(warehouse: Warehouse, expected: 'none' | { readonly version: number }): Promise<void>;
}
