import { adjustmentReasonSchema, InventoryOutOfStock } from '@commerce/events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ADJUSTMENT_REASONS,
  availabilityEvent,
  type StockDelta,
} from '../../../functions/inventory/domain/stock.ts';
import {
  availabilityGuard,
  totalGuardHolds,
  totalsStep,
} from '../../../functions/inventory/domain/totals.ts';

const policy = { defaultThreshold: 5 };

describe('availabilityGuard', () => {
  it('pins the total when the change announces something: the event carries the exact total after', () => {
    expect(availabilityGuard('A', 1, -1, policy)).toEqual({
      event: {
        event: InventoryOutOfStock,
        data: {
          sku: 'A',
          availability: 'out_of_stock',
          previousAvailability: 'low_stock',
          available: 0,
          threshold: 5,
        },
      },
      requires: { min: 1, max: 1 },
    });
    expect(availabilityGuard('A', 0, 5, policy).event?.event.detailType).toBe('inventory.back_in_stock');
    expect(availabilityGuard('A', 0, 5, policy).requires).toEqual({ min: 0, max: 0 });
  });

  it('allows the whole quiet run around the total, so far from a threshold concurrent steps pass', () => {
    // Reserving 1 of 5 (low → low): any total from 2 to 5 stays quiet; 1 would go out, 6 would go low.
    expect(availabilityGuard('A', 5, -1, policy)).toEqual({ event: undefined, requires: { min: 2, max: 5 } });
    // In stock and staying there: no upper bound.
    expect(availabilityGuard('A', 50, -3, policy)).toEqual({ event: undefined, requires: { min: 9 } });
    // Units coming back are quiet unless the SKU was out of stock.
    expect(availabilityGuard('A', 3, 2, policy)).toEqual({ event: undefined, requires: { min: 1 } });
    // A change of nothing (a commit) never announces anything.
    expect(availabilityGuard('A', 0, 0, policy)).toEqual({ event: undefined, requires: { min: 0 } });
  });

  it('holds the announcement it computed for every total it allows, and only for those (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: -15, max: 15 }),
        fc.integer({ min: 0, max: 60 }),
        (threshold, before, change, other) => {
          fc.pre(before + change >= 0 && other + change >= 0);
          const p = { defaultThreshold: threshold };
          const { event, requires } = availabilityGuard('A', before, change, p);
          expect(event).toEqual(availabilityEvent('A', before, before + change, p));
          expect(totalGuardHolds(before, requires)).toBe(true);
          if (totalGuardHolds(other, requires)) {
            expect(availabilityEvent('A', other, other + change, p)).toEqual(event);
          } else if (event === undefined) {
            // Refused totals next to the allowed run are ones that would announce something.
            if (other === requires.min - 1 || other === (requires.max ?? Infinity) + 1) {
              expect(availabilityEvent('A', other, other + change, p)).toBeDefined();
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('totalsStep', () => {
  const reserve = (sku: string, warehouseId: string, q: number): StockDelta => ({
    sku,
    warehouseId,
    onHand: 0,
    reserved: q,
    available: -q,
    requires: { available: q },
  });

  it('moves each SKU by the sum of its deltas and announces what the totals call for', () => {
    const totals = new Map([
      ['A', { sku: 'A', onHand: 8, reserved: 0, available: 8 }],
      ['B', { sku: 'B', onHand: 2, reserved: 0, available: 2 }],
    ]);
    const { changes, events } = totalsStep([reserve('A', 'w1', 3), reserve('B', 'w1', 2)], totals, policy);
    expect(changes).toEqual([
      { sku: 'A', onHand: 0, reserved: 3, available: -3, requires: { min: 8, max: 8 } },
      { sku: 'B', onHand: 0, reserved: 2, available: -2, requires: { min: 2, max: 2 } },
    ]);
    expect(events.map((e) => e.event.detailType)).toEqual(['inventory.low_stock', 'inventory.out_of_stock']);
  });

  it('treats a SKU without totals as having none', () => {
    const received: StockDelta = {
      sku: 'N',
      warehouseId: 'w1',
      onHand: 7,
      reserved: 0,
      available: 7,
      requires: { version: 0 },
    };
    const { changes, events } = totalsStep([received], new Map(), policy);
    expect(changes[0]?.requires).toEqual({ min: 0, max: 0 });
    expect(events[0]?.data).toMatchObject({ availability: 'in_stock', previousAvailability: 'out_of_stock' });
  });
});

describe('adjustment reasons', () => {
  it('are the same in the domain and in the inventory.adjusted event schema', () => {
    expect(adjustmentReasonSchema.options).toEqual([...ADJUSTMENT_REASONS]);
  });
});
