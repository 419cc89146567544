// What the inventory's routes answer: staff see units, the public only a class (in, low, out of stock).
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
