// A SKU's totals over all warehouses: how one step moves them, and the availability announcement it calls
// for together with the range of totals under which that announcement stays true. The store conditions
// its write on that range, so an announcement computed from a stale read is refused rather than sent.
// Pure; no AWS.
import {
  availabilityEvent,
  lowStockThreshold,
  type AvailabilityEvent,
  type LowStockPolicy,
  type StockDelta,
} from './stock.ts';

/** Units of one SKU over every warehouse; the store keeps them in one item, moved with every delta. */
export interface SkuTotals {
  readonly sku: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly available: number;
}

export const emptyTotals = (sku: string): SkuTotals => ({ sku, onHand: 0, reserved: 0, available: 0 });

/** Bounds on a SKU's total available units before a change (`min ≤ total`, and `total ≤ max` if set). */
export interface TotalGuard {
  readonly min: number;
  readonly max?: number;
}

/** The change of one SKU's totals in a step, with the guard its announcement (or silence) depends on. */
export interface TotalsChange {
  readonly sku: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly available: number;
  readonly requires: TotalGuard;
}

/**
 * The announcement a change of `change` available units calls for when the SKU's total is `before`, and
 * the totals for which the same is true. When there is an event it carries the exact total after the
 * change, so it holds for `before` only. When there is none, it holds for the whole run of totals around
 * `before` that announce nothing either, so concurrent steps far from a threshold never refuse each other.
 */
export function availabilityGuard(
  sku: string,
  before: number,
  change: number,
  policy: LowStockPolicy,
): { readonly event: AvailabilityEvent | undefined; readonly requires: TotalGuard } {
  const event = availabilityEvent(sku, before, before + change, policy);
  if (event) return { event, requires: { min: before, max: before } };
  if (change === 0) return { event, requires: { min: 0 } };

  // The outcome only changes where the class of the total before (at 1 and T+1) or after (at 1−change
  // and T+1−change) does: between those starts it is constant. Totals below `lowest` cannot occur, the
  // total after a step never being negative.
  const threshold = lowStockThreshold(sku, policy);
  const lowest = Math.max(0, -change);
  const starts = [
    ...new Set([lowest, 1, threshold + 1, 1 - change, threshold + 1 - change].filter((s) => s >= lowest)),
  ].sort((a, b) => a - b);
  const quiet = (total: number) => availabilityEvent(sku, total, total + change, policy) === undefined;
  let at = starts.findLastIndex((s) => s <= before);
  if (at < 0) at = 0;
  let first = at;
  while (first > 0 && quiet(starts[first - 1]!)) first--;
  let last = at;
  while (last < starts.length - 1 && quiet(starts[last + 1]!)) last++;
  const min = starts[first]!;
  return last === starts.length - 1
    ? { event, requires: { min } }
    : { event, requires: { min, max: starts[last + 1]! - 1 } };
}

/**
 * How the deltas of one step move each SKU's totals, the availability events that calls for, and the
 * guards that keep those events true. `totals` holds the totals read with the stock levels.
 */
export function totalsStep(
  deltas: readonly StockDelta[],
  totals: ReadonlyMap<string, SkuTotals>,
  policy: LowStockPolicy,
): { readonly changes: TotalsChange[]; readonly events: AvailabilityEvent[] } {
  const bySku = new Map<string, { onHand: number; reserved: number; available: number }>();
  for (const d of deltas) {
    const sum = bySku.get(d.sku) ?? { onHand: 0, reserved: 0, available: 0 };
    bySku.set(d.sku, {
      onHand: sum.onHand + d.onHand,
      reserved: sum.reserved + d.reserved,
      available: sum.available + d.available,
    });
  }
  const changes: TotalsChange[] = [];
  const events: AvailabilityEvent[] = [];
  for (const [sku, sum] of bySku) {
    const before = totals.get(sku)?.available ?? 0;
    const { event, requires } = availabilityGuard(sku, before, sum.available, policy);
    changes.push({ sku, ...sum, requires });
    if (event) events.push(event);
  }
  return { changes, events };
}

/** Whether a total satisfies a guard (what the store's condition checks). */
export function totalGuardHolds(total: number, guard: TotalGuard): boolean {
  return total >= guard.min && (guard.max === undefined || total <= guard.max);
}
