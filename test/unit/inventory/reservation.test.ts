import { DomainError, UnprocessableError, ValidationError } from '@commerce/lambda-kit/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  commit,
  DEFAULT_HOLD_MS,
  expire,
  IllegalReservationTransitionError,
  release,
  reserve,
  type Reservation,
  type ReservationStatus,
} from '../../../functions/inventory/domain/reservation.ts';
import {
  applyDeltas,
  availableUnits,
  InsufficientStockError,
  stockKey,
  type StockLevel,
} from '../../../functions/inventory/domain/stock.ts';

const t0 = new Date('2026-03-01T10:00:00.000Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

const stock = (sku: string, warehouseId: string, onHand: number, reserved = 0): StockLevel => ({
  sku,
  warehouseId,
  onHand,
  reserved,
  version: 1,
});

function shortagesOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof InsufficientStockError) return error.shortages;
    throw error;
  }
  throw new Error('expected an InsufficientStockError');
}

describe('allocate', () => {
  it('sends the whole order from one warehouse when one can fill it, even if another has more of a SKU', () => {
    const levels = [
      stock('A', 'wh-big-a', 50),
      stock('A', 'wh-both', 5),
      stock('B', 'wh-both', 5),
      stock('B', 'wh-big-b', 50),
    ];
    expect(
      allocate(
        [
          { sku: 'A', quantity: 2 },
          { sku: 'B', quantity: 2 },
        ],
        levels,
      ),
    ).toEqual([
      { sku: 'A', quantity: 2, warehouseId: 'wh-both' },
      { sku: 'B', quantity: 2, warehouseId: 'wh-both' },
    ]);
  });

  it('among warehouses that can fill everything, takes the one with most available, ties to the lowest id', () => {
    const levels = [
      stock('A', 'wh-1', 10),
      stock('B', 'wh-1', 10),
      stock('A', 'wh-2', 15, 2),
      stock('B', 'wh-2', 10),
      stock('A', 'wh-0', 10),
      stock('B', 'wh-0', 10),
    ];
    expect(
      allocate(
        [
          { sku: 'A', quantity: 1 },
          { sku: 'B', quantity: 1 },
        ],
        levels,
      ).map((l) => l.warehouseId),
    ).toEqual(['wh-2', 'wh-2']);
    const tied = levels.filter((l) => l.warehouseId !== 'wh-2');
    expect(allocate([{ sku: 'A', quantity: 1 }], tied)).toEqual([
      { sku: 'A', quantity: 1, warehouseId: 'wh-0' },
    ]);
  });

  it('otherwise gives each line the warehouse with most available that can fill it', () => {
    const levels = [
      stock('A', 'wh-1', 3),
      stock('A', 'wh-2', 9, 4),
      stock('B', 'wh-1', 0),
      stock('B', 'wh-3', 2),
    ];
    expect(
      allocate(
        [
          { sku: 'A', quantity: 3 },
          { sku: 'B', quantity: 2 },
        ],
        levels,
      ),
    ).toEqual([
      { sku: 'A', quantity: 3, warehouseId: 'wh-2' },
      { sku: 'B', quantity: 2, warehouseId: 'wh-3' },
    ]);
  });

  it('merges lines of the same SKU before choosing', () => {
    const levels = [stock('A', 'wh-1', 4), stock('A', 'wh-2', 6)];
    expect(
      allocate(
        [
          { sku: 'A', quantity: 3 },
          { sku: 'A', quantity: 2 },
        ],
        levels,
      ),
    ).toEqual([{ sku: 'A', quantity: 5, warehouseId: 'wh-2' }]);
  });

  it('does not split a line: 3 + 3 in two warehouses cannot fill 5', () => {
    const levels = [stock('A', 'wh-1', 3), stock('A', 'wh-2', 3)];
    expect(shortagesOf(() => allocate([{ sku: 'A', quantity: 5 }], levels))).toEqual([
      { sku: 'A', requested: 5, available: 3 },
    ]);
  });

  it('fails all or none, naming every short SKU', () => {
    const levels = [stock('A', 'wh-1', 10), stock('B', 'wh-1', 1, 1), stock('C', 'wh-2', 2)];
    expect(
      shortagesOf(() =>
        allocate(
          [
            { sku: 'A', quantity: 1 },
            { sku: 'B', quantity: 1 },
            { sku: 'C', quantity: 3 },
            { sku: 'D', quantity: 1 },
          ],
          levels,
        ),
      ),
    ).toEqual([
      { sku: 'B', requested: 1, available: 0 },
      { sku: 'C', requested: 3, available: 2 },
      { sku: 'D', requested: 1, available: 0 },
    ]);
  });

  it.each([[[]], [[{ sku: 'A', quantity: 0 }]], [[{ sku: 'A', quantity: 1.5 }]]])(
    'refuses the lines %j',
    (lines) => {
      expect(() => allocate(lines, [stock('A', 'wh-1', 10)])).toThrow(ValidationError);
    },
  );
});

describe('reservation steps', () => {
  const levels = [stock('A', 'wh-1', 10), stock('B', 'wh-1', 5)];
  const lines = [
    { sku: 'A', quantity: 3 },
    { sku: 'B', quantity: 1 },
  ];
  const held = (): Reservation => reserve('ord-1', lines, levels, t0).reservation;
  const committed = (): Reservation => commit(held(), at(5)).reservation;
  const released = (): Reservation => release(held(), 'payment_failed', at(5)).reservation;
  const expired = (): Reservation => expire(held(), at(31)).reservation;

  it('reserve holds the units until the hold ends: reserved +q, guarded by available ≥ q', () => {
    const { reservation, deltas, changed } = reserve('ord-1', lines, levels, t0);
    expect(reservation).toEqual({
      id: 'ord-1',
      lines: [
        { sku: 'A', quantity: 3, warehouseId: 'wh-1' },
        { sku: 'B', quantity: 1, warehouseId: 'wh-1' },
      ],
      status: 'held',
      expiresAt: new Date(t0.getTime() + DEFAULT_HOLD_MS).toISOString(),
      version: 1,
      createdAt: t0.toISOString(),
      updatedAt: t0.toISOString(),
    });
    expect(changed).toBe(true);
    expect(deltas).toEqual([
      { sku: 'A', warehouseId: 'wh-1', onHand: 0, reserved: 3, available: -3, requires: { available: 3 } },
      { sku: 'B', warehouseId: 'wh-1', onHand: 0, reserved: 1, available: -1, requires: { available: 1 } },
    ]);
    expect(applyDeltas(levels, deltas).map((l) => [l.onHand, l.reserved])).toEqual([
      [10, 3],
      [5, 1],
    ]);
  });

  it('reserve takes a custom hold time', () => {
    expect(reserve('ord-1', lines, levels, t0, 60_000).reservation.expiresAt).toBe(at(1).toISOString());
  });

  it('commit sells the units: on-hand −q and reserved −q, guarded by reserved ≥ q', () => {
    const { reservation, deltas } = commit(held(), at(5));
    expect(reservation).toMatchObject({ status: 'committed', version: 2, updatedAt: at(5).toISOString() });
    expect(deltas[0]).toEqual({
      sku: 'A',
      warehouseId: 'wh-1',
      onHand: -3,
      reserved: -3,
      available: 0,
      requires: { reserved: 3 },
    });
  });

  it('commit still works past the hold time while the reservation has not been expired', () => {
    expect(commit(held(), at(90)).reservation.status).toBe('committed');
  });

  it.each(['payment_failed', 'order_cancelled'] as const)(
    'release of a held reservation (%s): reserved −q',
    (reason) => {
      const { reservation, deltas } = release(held(), reason, at(5));
      expect(reservation).toMatchObject({ status: 'released', releaseReason: reason, version: 2 });
      expect(deltas[1]).toEqual({
        sku: 'B',
        warehouseId: 'wh-1',
        onHand: 0,
        reserved: -1,
        available: 1,
        requires: { reserved: 1 },
      });
    },
  );

  it('release of a committed reservation by cancelling the order puts the units back on hand', () => {
    const { reservation, deltas } = release(committed(), 'order_cancelled', at(10));
    expect(reservation.status).toBe('released');
    expect(deltas[0]).toEqual({
      sku: 'A',
      warehouseId: 'wh-1',
      onHand: 3,
      reserved: 0,
      available: 3,
      requires: {},
    });
  });

  it('a failed payment cannot release a committed reservation', () => {
    const error = (() => {
      try {
        release(committed(), 'payment_failed', at(10));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(IllegalReservationTransitionError);
    expect(error).toMatchObject({
      from: 'committed',
      to: 'released',
      problemType: 'illegal-transition',
      status: 422,
    });
  });

  it('expire frees held units once the hold has ended, not before', () => {
    expect(() => expire(held(), at(29))).toThrow(UnprocessableError);
    const { reservation, deltas } = expire(held(), at(30));
    expect(reservation.status).toBe('expired');
    expect(deltas.map((d) => [d.reserved, d.onHand])).toEqual([
      [-3, 0],
      [-1, 0],
    ]);
  });

  const steps: Record<string, (r: Reservation) => unknown> = {
    commit: (r) => commit(r, at(60)),
    'release (payment failed)': (r) => release(r, 'payment_failed', at(60)),
    'release (order cancelled)': (r) => release(r, 'order_cancelled', at(60)),
    expire: (r) => expire(r, at(60)),
  };
  // What each step does from each status: 'moves', 'repeat' (no change, no deltas) or 'illegal'.
  const table: [ReservationStatus, () => Reservation, Record<string, 'moves' | 'repeat' | 'illegal'>][] = [
    [
      'held',
      held,
      {
        commit: 'moves',
        'release (payment failed)': 'moves',
        'release (order cancelled)': 'moves',
        expire: 'moves',
      },
    ],
    [
      'committed',
      committed,
      {
        commit: 'repeat',
        'release (payment failed)': 'illegal',
        'release (order cancelled)': 'moves',
        expire: 'illegal',
      },
    ],
    [
      'released',
      released,
      {
        commit: 'illegal',
        'release (payment failed)': 'repeat',
        'release (order cancelled)': 'repeat',
        expire: 'repeat',
      },
    ],
    [
      'expired',
      expired,
      {
        commit: 'illegal',
        'release (payment failed)': 'repeat',
        'release (order cancelled)': 'repeat',
        expire: 'repeat',
      },
    ],
  ];
  const cases = table.flatMap(([from, make, outcomes]) =>
    Object.entries(outcomes).map(([name, outcome]) => [from, name, outcome, make] as const),
  );

  it.each(cases)('from %s, %s: %s', (_from, name, outcome, make) => {
    const before = make();
    const run = () => steps[name]!(before) as ReturnType<typeof commit>;
    if (outcome === 'illegal') {
      expect(run).toThrow(IllegalReservationTransitionError);
      return;
    }
    const { reservation, deltas, changed } = run();
    if (outcome === 'repeat') {
      expect(changed).toBe(false);
      expect(deltas).toEqual([]);
      expect(reservation).toBe(before);
    } else {
      expect(changed).toBe(true);
      expect(deltas).toHaveLength(before.lines.length);
      expect(reservation.version).toBe(before.version + 1);
    }
  });

  it('a hold allocated on a stale snapshot is refused whole by the guards', () => {
    const snapshot = [stock('A', 'wh-1', 4), stock('B', 'wh-1', 4)];
    const first = reserve('ord-1', [{ sku: 'A', quantity: 3 }], snapshot, t0);
    const current = applyDeltas(snapshot, first.deltas);
    const second = reserve(
      'ord-2',
      [
        { sku: 'B', quantity: 1 },
        { sku: 'A', quantity: 2 },
      ],
      snapshot,
      t0,
    );
    expect(() => applyDeltas(current, second.deltas)).toThrow(InsufficientStockError);
  });
});

describe('random reserve, commit, release, expire and adjustments (property)', () => {
  const skus = ['A', 'B', 'C'];
  const warehouses = ['wh-1', 'wh-2'];

  type Op =
    | { kind: 'reserve'; lines: { sku: string; quantity: number }[]; stale: boolean }
    | { kind: 'commit' | 'expire' | 'release'; pick: number; reason: 'payment_failed' | 'order_cancelled' }
    | { kind: 'receive' | 'damage'; sku: string; warehouseId: string; quantity: number };

  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      kind: fc.constant('reserve' as const),
      lines: fc.array(
        fc.record({ sku: fc.constantFrom(...skus), quantity: fc.integer({ min: 1, max: 8 }) }),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
      stale: fc.boolean(),
    }),
    fc.record({
      kind: fc.constantFrom('commit' as const, 'expire' as const, 'release' as const),
      pick: fc.nat(),
      reason: fc.constantFrom('payment_failed' as const, 'order_cancelled' as const),
    }),
    fc.record({
      kind: fc.constantFrom('receive' as const, 'damage' as const),
      sku: fc.constantFrom(...skus),
      warehouseId: fc.constantFrom(...warehouses),
      quantity: fc.integer({ min: 1, max: 10 }),
    }),
  );

  const initial = fc.array(fc.integer({ min: 0, max: 15 }), {
    minLength: skus.length * warehouses.length,
    maxLength: skus.length * warehouses.length,
  });

  it('keep on-hand, reserved and available ≥ 0, reserved equal to what is held, and conserve units', () => {
    fc.assert(
      fc.property(initial, fc.array(op, { maxLength: 60 }), (onHands, ops) => {
        let levels: StockLevel[] = skus.flatMap((sku, i) =>
          warehouses.map((w, j) => stock(sku, w, onHands[i * warehouses.length + j]!)),
        );
        let snapshot = levels;
        const reservations: Reservation[] = [];
        let unitsIn = onHands.reduce((a, b) => a + b, 0);
        let clock = 0;

        for (const o of ops) {
          clock += 1;
          const now = at(clock * 10);
          try {
            if (o.kind === 'reserve') {
              const { reservation, deltas } = reserve(
                `ord-${reservations.length}`,
                o.lines,
                o.stale ? snapshot : levels,
                now,
              );
              levels = applyDeltas(levels, deltas);
              reservations.push(reservation);
            } else if (o.kind === 'receive' || o.kind === 'damage') {
              const delta = o.kind === 'receive' ? o.quantity : -o.quantity;
              const current = levels.find((l) => l.sku === o.sku && l.warehouseId === o.warehouseId)!;
              // The adjustment rule (stock.ts): on-hand never below reserved.
              if (current.onHand + delta < current.reserved) continue;
              levels = applyDeltas(levels, [
                {
                  sku: o.sku,
                  warehouseId: o.warehouseId,
                  onHand: delta,
                  reserved: 0,
                  available: delta,
                  requires: delta < 0 ? { available: -delta } : {},
                },
              ]);
              unitsIn += delta;
            } else if (
              reservations.length > 0 &&
              (o.kind === 'commit' || o.kind === 'expire' || o.kind === 'release')
            ) {
              const i = o.pick % reservations.length;
              const r = reservations[i]!;
              const result =
                o.kind === 'commit'
                  ? commit(r, now)
                  : o.kind === 'expire'
                    ? expire(r, at(clock * 10 + 31))
                    : release(r, o.reason, now);
              levels = applyDeltas(levels, result.deltas);
              reservations[i] = result.reservation;
            }
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          if (clock % 5 === 0) snapshot = levels;

          const heldUnits = new Map<string, number>();
          let committedUnits = 0;
          for (const r of reservations) {
            for (const l of r.lines) {
              if (r.status === 'held') {
                const key = stockKey(l.sku, l.warehouseId);
                heldUnits.set(key, (heldUnits.get(key) ?? 0) + l.quantity);
              }
              if (r.status === 'committed') committedUnits += l.quantity;
            }
          }
          for (const l of levels) {
            expect(l.onHand).toBeGreaterThanOrEqual(0);
            expect(l.reserved).toBeGreaterThanOrEqual(0);
            expect(l.onHand - l.reserved).toBeGreaterThanOrEqual(0);
            expect(availableUnits(l)).toBe(l.onHand - l.reserved);
            expect(l.reserved).toBe(heldUnits.get(stockKey(l.sku, l.warehouseId)) ?? 0);
          }
          const onHandTotal = levels.reduce((sum, l) => sum + l.onHand, 0);
          expect(onHandTotal + committedUnits).toBe(unitsIn);
        }
      }),
      { numRuns: 300 },
    );
  });
});
