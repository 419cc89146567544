import { InventoryLowStock } from '@commerce/events';
import {
  DomainError,
  UnprocessableError,
  ValidationError,
  VersionConflictError,
} from '@commerce/lambda-kit/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ADJUSTMENT_REASONS,
  adjustStock,
  applyDelta,
  applyDeltas,
  availabilityEvent,
  availabilityOf,
  availableUnits,
  classifyAvailability,
  defaultLowStockPolicy,
  InsufficientStockError,
  lowStockThreshold,
  newStockLevel,
  orderableQuantity,
  skuAvailable,
  type AdjustmentReason,
  type StockDelta,
  type StockLevel,
} from '../../../functions/inventory/domain/stock.ts';

const now = new Date('2026-03-01T10:00:00.000Z');

const level = (onHand: number, reserved = 0, overrides: Partial<StockLevel> = {}): StockLevel => ({
  sku: 'SKU-1',
  warehouseId: 'wh-a',
  onHand,
  reserved,
  version: 3,
  ...overrides,
});

const reserveDelta = (q: number, warehouseId = 'wh-a', sku = 'SKU-1'): StockDelta => ({
  sku,
  warehouseId,
  onHand: 0,
  reserved: q,
  available: -q,
  requires: { available: q },
});

describe('available units', () => {
  it('are on hand minus reserved', () => {
    expect(availableUnits(level(10, 4))).toBe(6);
    expect(availableUnits(level(4, 4))).toBe(0);
  });

  it('never show below zero, even from a damaged item', () => {
    expect(availableUnits(level(2, 5))).toBe(0);
  });

  it('a new level holds nothing', () => {
    expect(newStockLevel('S', 'w')).toEqual({
      sku: 'S',
      warehouseId: 'w',
      onHand: 0,
      reserved: 0,
      version: 0,
    });
  });
});

describe('adjustStock', () => {
  it('receives stock and writes a ledger entry with the resulting on-hand', () => {
    const {
      level: after,
      delta,
      entry,
    } = adjustStock(level(10, 2), { delta: 5, reason: 'received', actor: 'staff-1', note: 'PO-77' }, now);
    expect(after).toEqual(level(15, 2, { version: 4 }));
    expect(delta).toEqual({
      sku: 'SKU-1',
      warehouseId: 'wh-a',
      onHand: 5,
      reserved: 0,
      available: 5,
      requires: { version: 3 },
    });
    expect(entry).toEqual({
      sku: 'SKU-1',
      warehouseId: 'wh-a',
      delta: 5,
      reason: 'received',
      at: now.toISOString(),
      actor: 'staff-1',
      resultingOnHand: 15,
      note: 'PO-77',
    });
  });

  it('guards a removal on the version read and on enough available units', () => {
    const { delta, entry } = adjustStock(
      level(10, 2),
      { delta: -3, reason: 'damaged', actor: 'staff-1' },
      now,
    );
    expect(delta.requires).toEqual({ version: 3, available: 3 });
    expect(entry.resultingOnHand).toBe(7);
    expect(entry).not.toHaveProperty('note');
  });

  it.each<[AdjustmentReason, number]>([
    ['received', -1],
    ['return', -1],
    ['transfer_in', -2],
    ['sold', 1],
    ['damaged', 1],
    ['lost', 3],
    ['transfer_out', 1],
    ['correction', 0],
    ['received', 0],
    ['received', 1.5],
  ])('refuses reason %s with delta %s', (reason, delta) => {
    expect(() => adjustStock(level(10), { delta, reason, actor: 'staff-1' }, now)).toThrow(ValidationError);
  });

  it('lets a correction go either way', () => {
    expect(adjustStock(level(10), { delta: -4, reason: 'correction', actor: 's' }, now).level.onHand).toBe(6);
    expect(adjustStock(level(10), { delta: 4, reason: 'correction', actor: 's' }, now).level.onHand).toBe(14);
  });

  it('may take on-hand down to the reserved units, and not one below', () => {
    expect(adjustStock(level(10, 4), { delta: -6, reason: 'lost', actor: 's' }, now).level).toMatchObject({
      onHand: 4,
      reserved: 4,
    });
    try {
      adjustStock(level(10, 4), { delta: -7, reason: 'lost', actor: 's' }, now);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UnprocessableError);
      expect((error as UnprocessableError).problemType).toBe('stock-below-reserved');
    }
  });

  it('never takes on-hand below zero', () => {
    expect(() => adjustStock(level(3), { delta: -4, reason: 'sold', actor: 's' }, now)).toThrow(
      UnprocessableError,
    );
  });

  it('keeps 0 ≤ reserved ≤ on-hand under any sequence of adjustments (property)', () => {
    const adjustment = fc.record({
      reason: fc.constantFrom(...ADJUSTMENT_REASONS),
      delta: fc.integer({ min: -50, max: 50 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.array(adjustment, { maxLength: 40 }),
        (reserved, steps) => {
          let current = level(reserved, reserved, { version: 0 });
          let ledgerSum = current.onHand;
          for (const step of steps) {
            try {
              const result = adjustStock(current, { ...step, actor: 'p' }, now);
              expect(result.entry.resultingOnHand).toBe(current.onHand + step.delta);
              current = result.level;
              ledgerSum += result.entry.delta;
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
            }
            expect(current.onHand).toBe(ledgerSum);
            expect(current.reserved).toBe(reserved);
            expect(current.onHand).toBeGreaterThanOrEqual(current.reserved);
            expect(availableUnits(current)).toBe(current.onHand - current.reserved);
          }
        },
      ),
    );
  });
});

describe('applying deltas', () => {
  it('moves on-hand and reserved and bumps the version', () => {
    expect(applyDelta(level(10, 1), reserveDelta(4))).toEqual(level(10, 5, { version: 4 }));
  });

  it('refuses a delta whose guard fails, naming the shortage', () => {
    try {
      applyDelta(level(10, 8), reserveDelta(3));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InsufficientStockError);
      expect((error as InsufficientStockError).shortages).toEqual([
        { sku: 'SKU-1', requested: 3, available: 2 },
      ]);
      expect((error as InsufficientStockError).status).toBe(409);
    }
  });

  it('refuses an adjustment made on a stale read', () => {
    const { delta } = adjustStock(level(10), { delta: 1, reason: 'received', actor: 's' }, now);
    expect(() => applyDelta(level(10, 0, { version: 4 }), delta)).toThrow(VersionConflictError);
  });

  it('refuses a delta for another item', () => {
    expect(() => applyDelta(level(10), reserveDelta(1, 'wh-b'))).toThrow(RangeError);
  });

  it('applies all deltas of a step or none', () => {
    const levels = [level(5), level(1, 0, { warehouseId: 'wh-b' })];
    expect(() => applyDeltas(levels, [reserveDelta(2), reserveDelta(2, 'wh-b')])).toThrow(
      InsufficientStockError,
    );
    const after = applyDeltas(levels, [reserveDelta(2), reserveDelta(1, 'wh-b')]);
    expect(after.map((l) => [l.warehouseId, l.reserved])).toEqual([
      ['wh-a', 2],
      ['wh-b', 1],
    ]);
    expect(levels[0]!.reserved).toBe(0);
  });

  it('refuses two deltas for the same item in one step (a transaction cannot touch an item twice)', () => {
    expect(() => applyDeltas([level(10)], [reserveDelta(1), reserveDelta(1)])).toThrow(RangeError);
  });

  it('starts an unknown item at zero', () => {
    const received: StockDelta = { ...reserveDelta(0, 'wh-new'), onHand: 3, available: 3, requires: {} };
    expect(applyDeltas([], [received])).toEqual([
      { sku: 'SKU-1', warehouseId: 'wh-new', onHand: 3, reserved: 0, version: 1 },
    ]);
  });
});

describe('public availability', () => {
  it.each([
    [0, 5, 'out_of_stock'],
    [1, 5, 'low_stock'],
    [5, 5, 'low_stock'],
    [6, 5, 'in_stock'],
    [1, 0, 'in_stock'],
    [0, 0, 'out_of_stock'],
  ] as const)('%s available with threshold %s is %s', (available, threshold, expected) => {
    expect(classifyAvailability(available, threshold)).toBe(expected);
  });

  it('uses the SKU threshold where there is one and the default otherwise', () => {
    const policy = { defaultThreshold: 5, bySku: { RARE: 1, FAST: 20 } };
    expect(lowStockThreshold('RARE', policy)).toBe(1);
    expect(lowStockThreshold('OTHER', policy)).toBe(5);
    expect(lowStockThreshold('OTHER', defaultLowStockPolicy)).toBe(5);
  });

  const levels = [
    level(10, 7, { warehouseId: 'wh-a' }),
    level(4, 0, { warehouseId: 'wh-b' }),
    level(2, 9, { warehouseId: 'wh-c' }),
    level(100, 0, { sku: 'OTHER' }),
  ];

  it('sums a SKU over its warehouses, counting none below zero', () => {
    expect(skuAvailable('SKU-1', levels)).toBe(7);
    expect(availabilityOf('SKU-1', levels, { defaultThreshold: 5 })).toBe('in_stock');
    expect(availabilityOf('SKU-1', levels, { defaultThreshold: 5, bySku: { 'SKU-1': 10 } })).toBe(
      'low_stock',
    );
    expect(availabilityOf('MISSING', levels, defaultLowStockPolicy)).toBe('out_of_stock');
  });

  it('tells the most one order can take: one warehouse, never split', () => {
    expect(orderableQuantity('SKU-1', levels)).toBe(4);
    expect(orderableQuantity('MISSING', levels)).toBe(0);
  });
});

describe('availabilityEvent', () => {
  const policy = { defaultThreshold: 5 };

  it.each([
    [10, 5, 'inventory.low_stock'],
    [10, 0, 'inventory.out_of_stock'],
    [3, 0, 'inventory.out_of_stock'],
    [0, 3, 'inventory.back_in_stock'],
    [0, 50, 'inventory.back_in_stock'],
    [3, 10, undefined],
    [10, 6, undefined],
    [3, 1, undefined],
    [0, 0, undefined],
  ] as const)('from %s to %s available: %s', (before, after, expected) => {
    expect(availabilityEvent('SKU-1', before, after, policy)?.event.detailType).toBe(expected);
  });

  it('carries both classes, the units and the threshold used', () => {
    expect(availabilityEvent('SKU-1', 8, 2, { defaultThreshold: 5, bySku: { 'SKU-1': 3 } })).toEqual({
      event: InventoryLowStock,
      data: {
        sku: 'SKU-1',
        availability: 'low_stock',
        previousAvailability: 'in_stock',
        available: 2,
        threshold: 3,
      },
    });
  });
});
