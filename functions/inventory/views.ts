// What the inventory's routes answer: staff see units, the public only a class (in, low, out of stock).
// Internal callers (search's reindex) get the class with the units and threshold it was decided by.
import {
  availableUnits,
  classifyAvailability,
  lowStockThreshold,
  type Availability,
  type LowStockPolicy,
  type StockLevel,
} from './domain/stock.ts';
import type { SkuTotals } from './domain/totals.ts';

export function levelView(level: StockLevel & { readonly updatedAt?: string }) {
  return {
    warehouseId: level.warehouseId,
    onHand: level.onHand,
    reserved: level.reserved,
    available: availableUnits(level),
    version: level.version,
    ...(level.updatedAt ? { updatedAt: level.updatedAt } : {}),
  };
}

export function availabilityView(
  sku: string,
  totals: SkuTotals | undefined,
  policy: LowStockPolicy,
): { sku: string; availability: Availability } {
  return {
    sku,
    availability: classifyAvailability(totals?.available ?? 0, lowStockThreshold(sku, policy)),
  };
}

/** The public class with the units and threshold behind it, for internal callers; never below zero. */
export function availabilityUnitsView(
  sku: string,
  totals: SkuTotals | undefined,
  policy: LowStockPolicy,
): { sku: string; availability: Availability; available: number; threshold: number } {
  const available = Math.max(0, totals?.available ?? 0);
  const threshold = lowStockThreshold(sku, policy);
  return { sku, availability: classifyAvailability(available, threshold), available, threshold };
}
