// Stock rules: units per SKU per warehouse, the exact changes (deltas) the store applies with their guard
// conditions, manual adjustments and their ledger, and what the public sees (in, low, out of stock), with
// the events these announce. Pure; no AWS.
import {
  domainEvent,
  InventoryAdjusted,
  InventoryBackInStock,
  InventoryLowStock,
  InventoryOutOfStock,
  type DomainEvent,
} from '@commerce/events';
import {
  ConflictError,
  UnprocessableError,
  RuleViolationError,
  VersionConflictError,
} from '@commerce/lambda-kit/errors';

/**
 * One SKU in one warehouse. Invariant: 0 ≤ reserved ≤ onHand, so available = onHand − reserved ≥ 0.
 * The store also keeps `available` as an attribute, because DynamoDB conditions compare an attribute with a
 * value but cannot subtract two attributes; every delta below says how it moves.
 */
export interface StockLevel {
  readonly sku: string;
  readonly warehouseId: string;
  /** Units physically in the warehouse and not yet sold. */
  readonly onHand: number;
  /** Units held for orders waiting for payment. */
  readonly reserved: number;
  /** Bumped by every write. */
  readonly version: number;
}

export function newStockLevel(sku: string, warehouseId: string): StockLevel {
  return { sku, warehouseId, onHand: 0, reserved: 0, version: 0 };
}

/** Units that can still be promised: onHand − reserved, never below zero. */
export function availableUnits(level: StockLevel): number {
  return Math.max(0, level.onHand - level.reserved);
}

export function stockKey(sku: string, warehouseId: string): string {
  return `${sku}\u0000${warehouseId}`;
}

// ---------------------------------------------------------------------------------------------------------
// Deltas: what the store applies, and the conditions under which it may

/**
 * A change to one stock item, in increments the store applies atomically (DynamoDB `ADD`), with the
 * conditions the item must meet before the change. All deltas of one step go in one transaction; a failed
 * condition cancels all of them. A step never has two deltas for the same item (DynamoDB transactions cannot
 * touch an item twice).
 */
export interface StockDelta {
  readonly sku: string;
  readonly warehouseId: string;
  readonly onHand: number;
  readonly reserved: number;
  /** Always onHand − reserved of this delta: the stored `available` attribute moves with them. */
  readonly available: number;
  /** Lower bounds (`attr >= value`) and, for version, equality the item must meet before the change. */
  readonly requires: {
    readonly available?: number;
    readonly reserved?: number;
    readonly version?: number;
  };
}

/** The stock is not there (any more): a guard failed or allocation found too little. */
export class InsufficientStockError extends ConflictError {
  readonly shortages: readonly Shortage[];
  constructor(shortages: readonly Shortage[]) {
    super(
      `Not enough stock for ${shortages.map((s) => `${s.sku} (${s.requested} wanted, ${s.available} available)`).join(', ')}.`,
      'insufficient-stock',
    );
    this.shortages = shortages;
  }
}

export interface Shortage {
  readonly sku: string;
  readonly requested: number;
  /** The most one warehouse could supply (lines are not split between warehouses). */
  readonly available: number;
}

export function deltaGuardHolds(level: StockLevel, delta: StockDelta): boolean {
  const { requires } = delta;
  return (
    (requires.available === undefined || availableUnits(level) >= requires.available) &&
    (requires.reserved === undefined || level.reserved >= requires.reserved) &&
    (requires.version === undefined || level.version === requires.version)
  );
}

/** Applies one delta as the store would: 409 `version-conflict` or `insufficient-stock` when a guard fails. */
export function applyDelta(level: StockLevel, delta: StockDelta): StockLevel {
  if (level.sku !== delta.sku || level.warehouseId !== delta.warehouseId) {
    throw new RangeError(
      `Delta for ${delta.sku}@${delta.warehouseId} applied to ${level.sku}@${level.warehouseId}.`,
    );
  }
  if (delta.requires.version !== undefined && level.version !== delta.requires.version) {
    throw new VersionConflictError(`${level.sku}@${level.warehouseId} changed since it was read.`);
  }
  if (!deltaGuardHolds(level, delta)) {
    throw new InsufficientStockError([
      {
        sku: delta.sku,
        requested: delta.requires.available ?? delta.requires.reserved ?? 0,
        available: availableUnits(level),
      },
    ]);
  }
  return {
    ...level,
    onHand: level.onHand + delta.onHand,
    reserved: level.reserved + delta.reserved,
    version: level.version + 1,
  };
}

/**
 * Applies the deltas of one step to a set of levels, all or none, as the store's transaction would. An
 * item not in `levels` starts at zero. For tests and in-memory stores; the real guard is the store's.
 */
export function applyDeltas(levels: readonly StockLevel[], deltas: readonly StockDelta[]): StockLevel[] {
  const byKey = new Map(levels.map((l) => [stockKey(l.sku, l.warehouseId), l]));
  const touched = new Set<string>();
  for (const delta of deltas) {
    const key = stockKey(delta.sku, delta.warehouseId);
    if (touched.has(key))
      throw new RangeError(`Two deltas for ${delta.sku}@${delta.warehouseId} in one step.`);
    touched.add(key);
    const level = byKey.get(key) ?? newStockLevel(delta.sku, delta.warehouseId);
    byKey.set(key, applyDelta(level, delta));
  }
  return [...byKey.values()];
}

// ---------------------------------------------------------------------------------------------------------
// Manual adjustments and the ledger

/**
 * Why on-hand stock changed outside checkout, with the sign each reason allows: receipts, returns and
 * incoming transfers add; sales made elsewhere (a shop till, a marketplace), damage, loss and outgoing
 * transfers remove; a correction (after a count) goes either way. Online sales move stock through
 * reservations (see reservation.ts), not through adjustments.
 */
export const ADJUSTMENT_REASONS = [
  'received',
  'return',
  'transfer_in',
  'sold',
  'damaged',
  'lost',
  'transfer_out',
  'correction',
] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

const REASON_SIGN: Readonly<Record<AdjustmentReason, 1 | -1 | 0>> = {
  received: 1,
  return: 1,
  transfer_in: 1,
  sold: -1,
  damaged: -1,
  lost: -1,
  transfer_out: -1,
  correction: 0,
};

export interface StockAdjustment {
  /** Signed change of on-hand units; its sign must suit the reason. */
  readonly delta: number;
  readonly reason: AdjustmentReason;
  /** Who: a staff user's sub, or the integration that reported it. */
  readonly actor: string;
  readonly note?: string;
}

export interface LedgerEntry {
  readonly sku: string;
  readonly warehouseId: string;
  readonly delta: number;
  readonly reason: AdjustmentReason;
  /** ISO 8601. */
  readonly at: string;
  readonly actor: string;
  readonly resultingOnHand: number;
  readonly note?: string;
}

/**
 * Adjusts on-hand units and announces it (inventory.adjusted: the ledger entry and the level after). The
 * delta is conditioned on the version read, so `resultingOnHand` in the ledger entry is exact (adjustments
 * are rare; a conflicting write just means read again). On-hand may not drop below the reserved units:
 * units promised to waiting orders cannot be written off until those reservations are released (cancel or
 * reallocate the orders first). 422 `stock-below-reserved`.
 */
export function adjustStock(
  level: StockLevel,
  adjustment: StockAdjustment,
  now: Date,
): {
  readonly level: StockLevel;
  readonly delta: StockDelta;
  readonly entry: LedgerEntry;
  readonly events: readonly DomainEvent<typeof InventoryAdjusted>[];
} {
  const { delta: units, reason } = adjustment;
  const sign = REASON_SIGN[reason];
  if (!Number.isSafeInteger(units) || units === 0 || (sign !== 0 && Math.sign(units) !== sign)) {
    throw new RuleViolationError([
      {
        in: 'body',
        pointer: '/delta',
        detail:
          sign === 0
            ? 'Must be a non-zero integer.'
            : `Must be a ${sign > 0 ? 'positive' : 'negative'} integer for reason "${reason}".`,
      },
    ]);
  }
  if (level.onHand + units < level.reserved) {
    throw new UnprocessableError(
      `${level.sku}@${level.warehouseId} has ${level.onHand} on hand, ${level.reserved} of them reserved; ` +
        `removing ${-units} would leave fewer than are reserved.`,
      'stock-below-reserved',
    );
  }
  const delta: StockDelta = {
    sku: level.sku,
    warehouseId: level.warehouseId,
    onHand: units,
    reserved: 0,
    available: units,
    requires: { version: level.version, ...(units < 0 ? { available: -units } : {}) },
  };
  const after = applyDelta(level, delta);
  const entry: LedgerEntry = {
    sku: level.sku,
    warehouseId: level.warehouseId,
    delta: units,
    reason,
    at: now.toISOString(),
    actor: adjustment.actor,
    resultingOnHand: after.onHand,
    ...(adjustment.note !== undefined ? { note: adjustment.note } : {}),
  };
  const adjusted = domainEvent(InventoryAdjusted, {
    sku: entry.sku,
    warehouseId: entry.warehouseId,
    delta: entry.delta,
    reason: entry.reason,
    ...(entry.note !== undefined ? { note: entry.note } : {}),
    actor: entry.actor,
    at: entry.at,
    onHand: after.onHand,
    reserved: after.reserved,
    available: availableUnits(after),
  });
  return { level: after, delta, entry, events: [adjusted] };
}

// ---------------------------------------------------------------------------------------------------------
// Public availability

export type Availability = 'in_stock' | 'low_stock' | 'out_of_stock';

export const DEFAULT_LOW_STOCK_THRESHOLD = 5;

/** Low-stock thresholds: per SKU where merchandising set one, the default otherwise. */
export interface LowStockPolicy {
  readonly defaultThreshold: number;
  readonly bySku?: Readonly<Record<string, number>>;
}

export const defaultLowStockPolicy: LowStockPolicy = { defaultThreshold: DEFAULT_LOW_STOCK_THRESHOLD };

export function lowStockThreshold(sku: string, policy: LowStockPolicy): number {
  return policy.bySku?.[sku] ?? policy.defaultThreshold;
}

/** Nothing available: out of stock; at or below the threshold: low stock; above: in stock. */
export function classifyAvailability(available: number, threshold: number): Availability {
  if (available <= 0) return 'out_of_stock';
  return available <= threshold ? 'low_stock' : 'in_stock';
}

/** Available units of a SKU over every warehouse: what the public classification uses. */
export function skuAvailable(sku: string, levels: readonly StockLevel[]): number {
  return levels.filter((l) => l.sku === sku).reduce((sum, l) => sum + availableUnits(l), 0);
}

/** The most one order can take of a SKU: lines are filled from one warehouse, never split. */
export function orderableQuantity(sku: string, levels: readonly StockLevel[]): number {
  return levels.filter((l) => l.sku === sku).reduce((most, l) => Math.max(most, availableUnits(l)), 0);
}

export function availabilityOf(
  sku: string,
  levels: readonly StockLevel[],
  policy: LowStockPolicy,
): Availability {
  return classifyAvailability(skuAvailable(sku, levels), lowStockThreshold(sku, policy));
}

/** What a change of a SKU's availability class announces. */
export type AvailabilityEvent = DomainEvent<
  typeof InventoryLowStock | typeof InventoryOutOfStock | typeof InventoryBackInStock
>;

/**
 * The event a change of a SKU's available units calls for, if any, given the totals before and after:
 * - in stock → low stock: `inventory.low_stock` (time to reorder);
 * - in or low → out of stock: `inventory.out_of_stock` (search hides it, merchandising reorders);
 * - out of stock → in or low: `inventory.back_in_stock` (waiting customers are told);
 * - low → in stock, or no change of class: nothing.
 * One event per change, so a drop straight from in stock to out of stock says only `out_of_stock`.
 */
export function availabilityEvent(
  sku: string,
  availableBefore: number,
  availableAfter: number,
  policy: LowStockPolicy,
): AvailabilityEvent | undefined {
  const threshold = lowStockThreshold(sku, policy);
  const before = classifyAvailability(availableBefore, threshold);
  const after = classifyAvailability(availableAfter, threshold);
  const event =
    before === after
      ? undefined
      : after === 'out_of_stock'
        ? InventoryOutOfStock
        : before === 'out_of_stock'
          ? InventoryBackInStock
          : after === 'low_stock'
            ? InventoryLowStock
            : undefined;
  if (event === undefined) return undefined;
  return domainEvent(event, {
    sku,
    availability: after,
    previousAvailability: before,
    available: availableAfter,
    threshold,
  });
}
