// The inventory's steps against an in-memory store that refuses writes exactly where the DynamoDB
// transaction's conditions would, with reads and writes interleaved at random: all or none, never oversold,
// idempotent reservations, expiry, and announcements that stay true under concurrency.
import { NotFoundError, UnprocessableError, ValidationError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import { Inventory, StockBusyError } from '../../../functions/inventory/inventory.ts';
import {
  StockWriteRefused,
  type InventoryStore,
  type StockSnapshot,
  type StockView,
  type StockWrite,
} from '../../../functions/inventory/domain/ports.ts';
import type { Reservation } from '../../../functions/inventory/domain/reservation.ts';
import {
  applyDelta,
  deltaGuardHolds,
  InsufficientStockError,
  newStockLevel,
  stockKey,
  type LedgerEntry,
  type StockLevel,
} from '../../../functions/inventory/domain/stock.ts';
import { totalGuardHolds, type SkuTotals } from '../../../functions/inventory/domain/totals.ts';
import type { Warehouse } from '../../../functions/inventory/domain/warehouse.ts';

const yieldRandomly = () => new Promise<void>((r) => setTimeout(r, Math.floor(Math.random() * 3)));

class MemoryStore implements InventoryStore {
  readonly levels = new Map<string, StockLevel>();
  readonly totals = new Map<string, SkuTotals>();
  readonly reservations = new Map<string, Reservation>();
  readonly warehouses = new Map<string, Warehouse>();
  readonly ledger: LedgerEntry[] = [];
  readonly events: { detailType: string; data: Record<string, unknown> }[] = [];
  writes = 0;
  refusals = 0;

  async getReservation(id: string) {
    await yieldRandomly();
    return this.reservations.get(id);
  }

  async readStock(skus: readonly string[]): Promise<StockSnapshot> {
    await yieldRandomly();
    return {
      levels: [...this.levels.values()].filter((l) => skus.includes(l.sku)),
      totals: new Map([...this.totals].filter(([sku]) => skus.includes(sku))),
    };
  }

  async write(step: StockWrite): Promise<void> {
    await yieldRandomly();
    // Check every condition first, then apply all: one transaction.
    const refuse = (refusal: StockWriteRefused['refusal'], skus: string[] = []) => {
      this.refusals++;
      throw new StockWriteRefused(refusal, skus);
    };
    if (step.reservation) {
      const current = this.reservations.get(step.reservation.after.id);
      const { expected } = step.reservation;
      const ok =
        expected === 'none'
          ? current === undefined
          : current?.version === expected.version && current.status === expected.status;
      if (!ok) refuse('reservation');
    }
    if (step.ledger && !this.warehouses.has(step.ledger.warehouseId)) refuse('warehouse');
    const short = step.deltas.filter((d) => {
      const level = this.levels.get(stockKey(d.sku, d.warehouseId));
      if (d.requires.version === 0) return level !== undefined;
      return level === undefined || !deltaGuardHolds(level, d);
    });
    if (short.length > 0)
      refuse(
        'stock',
        short.map((d) => d.sku),
      );
    if (step.totals.some((t) => !totalGuardHolds(this.totals.get(t.sku)?.available ?? 0, t.requires))) {
      refuse('totals');
    }
    for (const d of step.deltas) {
      const key = stockKey(d.sku, d.warehouseId);
      this.levels.set(key, applyDelta(this.levels.get(key) ?? newStockLevel(d.sku, d.warehouseId), d));
    }
    for (const t of step.totals) {
      const before = this.totals.get(t.sku) ?? { sku: t.sku, onHand: 0, reserved: 0, available: 0 };
      this.totals.set(t.sku, {
        sku: t.sku,
        onHand: before.onHand + t.onHand,
        reserved: before.reserved + t.reserved,
        available: before.available + t.available,
      });
    }
    if (step.reservation) this.reservations.set(step.reservation.after.id, step.reservation.after);
    if (step.ledger) this.ledger.push(step.ledger);
    for (const e of step.events) {
      const detail = JSON.parse(e.detail) as { data: Record<string, unknown> };
      this.events.push({ detailType: e.detailType, data: detail.data });
    }
    this.writes++;
  }

  async dueReservations(now: Date, limit: number) {
    await yieldRandomly();
    return [...this.reservations.values()]
      .filter((r) => r.status === 'held' && Date.parse(r.expiresAt) <= now.getTime())
      .map((r) => r.id)
      .slice(0, limit);
  }

  async getStock(sku: string): Promise<StockView> {
    await yieldRandomly();
    return {
      levels: [...this.levels.values()].filter((l) => l.sku === sku),
      totals: this.totals.get(sku),
      ledger: this.ledger.filter((l) => l.sku === sku).reverse(),
    };
  }

  async getTotals(skus: readonly string[]) {
    await yieldRandomly();
    return skus.flatMap((s) => this.totals.get(s) ?? []);
  }

  async getWarehouse(id: string) {
    await yieldRandomly();
    return this.warehouses.get(id);
  }

  async listWarehouses() {
    await yieldRandomly();
    return [...this.warehouses.values()];
  }

  async saveWarehouse(w: Warehouse) {
    await yieldRandomly();
    this.warehouses.set(w.id, w);
  }

  level(sku: string, warehouseId: string) {
    return this.levels.get(stockKey(sku, warehouseId));
  }
}

const warehouse = (id: string): Warehouse => ({
  id,
  name: id,
  version: 1,
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
});

function setup(clock = () => new Date('2026-03-01T10:00:00.000Z')) {
  const store = new MemoryStore();
  store.warehouses.set('w1', warehouse('w1'));
  store.warehouses.set('w2', warehouse('w2'));
  const inventory = new Inventory(store, {
    policy: { defaultThreshold: 5 },
    clock,
    maxAttempts: 50,
    backoff: () => yieldRandomly(),
  });
  return { store, inventory };
}

const ctx = { correlationId: 'test' };
const receive = (inventory: Inventory, sku: string, warehouseId: string, units: number) =>
  inventory.adjust(sku, warehouseId, { delta: units, reason: 'received', actor: 'staff-1' }, ctx);

async function outcome<T>(p: Promise<T>): Promise<T | Error> {
  try {
    return await p;
  } catch (error) {
    return error as Error;
  }
}

describe('adjustments', () => {
  it('write the ledger and the level, announce inventory.adjusted and the availability change', async () => {
    const { store, inventory } = setup();
    const { entry, level } = await receive(inventory, 'A', 'w1', 7);
    expect(entry).toMatchObject({
      sku: 'A',
      warehouseId: 'w1',
      delta: 7,
      reason: 'received',
      resultingOnHand: 7,
    });
    expect(level).toMatchObject({ onHand: 7, reserved: 0, version: 1 });
    expect(store.totals.get('A')).toEqual({ sku: 'A', onHand: 7, reserved: 0, available: 7 });
    expect(store.events.map((e) => e.detailType)).toEqual(['inventory.adjusted', 'inventory.back_in_stock']);
    await inventory.adjust('A', 'w1', { delta: -3, reason: 'damaged', actor: 'staff-1' }, ctx);
    expect(store.events.at(-1)).toMatchObject({
      detailType: 'inventory.low_stock',
      data: { sku: 'A', availability: 'low_stock', previousAvailability: 'in_stock', available: 4 },
    });
  });

  it('refuse an unknown warehouse (422) and a sign that does not suit the reason (400)', async () => {
    const { inventory } = setup();
    await expect(receive(inventory, 'A', 'nowhere', 1)).rejects.toMatchObject({
      problemType: 'unknown-warehouse',
      status: 422,
    });
    await expect(receive(inventory, 'A', 'w1', -1)).rejects.toThrow(ValidationError);
  });

  it('apply concurrent receipts exactly once each, with exact resulting on-hand in the ledger', async () => {
    const { store, inventory } = setup();
    await Promise.all(Array.from({ length: 15 }, () => receive(inventory, 'A', 'w1', 2)));
    expect(store.level('A', 'w1')).toMatchObject({ onHand: 30, version: 15 });
    expect(store.ledger.map((l) => l.resultingOnHand).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 15 }, (_, i) => 2 * (i + 1)),
    );
    // Out of stock → in stock happened once, so it was announced once.
    expect(store.events.filter((e) => e.detailType === 'inventory.back_in_stock')).toHaveLength(1);
  });
});

describe('reservations', () => {
  it('20 concurrent reservations of 1 unit against 5 units: exactly 5 held, 15 insufficient, never negative', async () => {
    const { store, inventory } = setup();
    await receive(inventory, 'A', 'w1', 5);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        outcome(inventory.reserve(`ord-${i}`, [{ sku: 'A', quantity: 1 }], undefined, ctx)),
      ),
    );
    const held = results.filter((r) => !(r instanceof Error));
    const refused = results.filter((r) => r instanceof InsufficientStockError);
    expect(held).toHaveLength(5);
    expect(refused).toHaveLength(15);
    expect(store.level('A', 'w1')).toMatchObject({ onHand: 5, reserved: 5 });
    expect(store.totals.get('A')).toMatchObject({ onHand: 5, reserved: 5, available: 0 });
    // Low → out of stock happened once, and said so once with the exact total.
    const out = store.events.filter((e) => e.detailType === 'inventory.out_of_stock');
    expect(out).toHaveLength(1);
    expect(out[0]?.data).toMatchObject({ available: 0, previousAvailability: 'low_stock' });
    expect(store.events.filter((e) => e.detailType === 'inventory.reserved')).toHaveLength(5);
  });

  it('spreads concurrent reservations over warehouses without overselling any', async () => {
    const { store, inventory } = setup();
    await receive(inventory, 'A', 'w1', 4);
    await receive(inventory, 'A', 'w2', 3);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        outcome(inventory.reserve(`ord-${i}`, [{ sku: 'A', quantity: 1 }], undefined, ctx)),
      ),
    );
    expect(results.filter((r) => !(r instanceof Error))).toHaveLength(7);
    expect(store.level('A', 'w1')?.reserved).toBe(4);
    expect(store.level('A', 'w2')?.reserved).toBe(3);
  });

  it('reserves all lines or none', async () => {
    const { store, inventory } = setup();
    await receive(inventory, 'A', 'w1', 5);
    await receive(inventory, 'B', 'w1', 1);
    const error = await outcome(
      inventory.reserve(
        'ord-1',
        [
          { sku: 'A', quantity: 2 },
          { sku: 'B', quantity: 2 },
        ],
        undefined,
        ctx,
      ),
    );
    expect(error).toBeInstanceOf(InsufficientStockError);
    expect((error as InsufficientStockError).shortages).toEqual([{ sku: 'B', requested: 2, available: 1 }]);
    expect(store.level('A', 'w1')?.reserved).toBe(0);
    expect(store.reservations.size).toBe(0);
  });

  it('is idempotent per order: the same order id concurrently or later gets the one reservation', async () => {
    const { store, inventory } = setup();
    await receive(inventory, 'A', 'w1', 10);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        inventory.reserve('ord-1', [{ sku: 'A', quantity: 2 }], undefined, ctx),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.reservation.expiresAt)).size).toBe(1);
    expect(store.level('A', 'w1')?.reserved).toBe(2);
  });

  it('commits, releases and expires with the stock moving as the domain says', async () => {
    let now = new Date('2026-03-01T10:00:00.000Z');
    const { store, inventory } = setup(() => now);
    await receive(inventory, 'A', 'w1', 3);
    await inventory.reserve('paid', [{ sku: 'A', quantity: 1 }], undefined, ctx);
    await inventory.reserve('cancelled', [{ sku: 'A', quantity: 1 }], undefined, ctx);
    await inventory.reserve('abandoned', [{ sku: 'A', quantity: 1 }], 60_000, ctx);
    expect(store.level('A', 'w1')).toMatchObject({ onHand: 3, reserved: 3 });

    expect((await inventory.commit('paid', ctx)).status).toBe('committed');
    expect((await inventory.commit('paid', ctx)).status).toBe('committed'); // a repeat changes nothing
    expect(store.level('A', 'w1')).toMatchObject({ onHand: 2, reserved: 2 });

    expect((await inventory.release('cancelled', 'order_cancelled', ctx)).releaseReason).toBe(
      'order_cancelled',
    );
    expect(store.level('A', 'w1')).toMatchObject({ onHand: 2, reserved: 1 });
    await expect(inventory.commit('cancelled', ctx)).rejects.toMatchObject({ status: 422 });

    expect((await inventory.sweep(ctx)).expired).toEqual([]);
    now = new Date(now.getTime() + 61_000);
    expect((await inventory.sweep(ctx)).expired).toEqual(['abandoned']);
    expect(store.level('A', 'w1')).toMatchObject({ onHand: 2, reserved: 0 });
    expect(store.reservations.get('abandoned')?.status).toBe('expired');
    await expect(inventory.commit('nope', ctx)).rejects.toThrow(NotFoundError);
    expect(store.events.map((e) => e.detailType)).toEqual([
      'inventory.adjusted',
      'inventory.back_in_stock',
      'inventory.reserved',
      'inventory.reserved',
      'inventory.reserved',
      'inventory.out_of_stock',
      'inventory.committed',
      'inventory.released',
      'inventory.back_in_stock',
      'inventory.reservation_expired',
    ]);
  });

  it('refuses to expire a reservation before its hold ends', async () => {
    const { inventory } = setup();
    await receive(inventory, 'A', 'w1', 3);
    await inventory.reserve('ord-1', [{ sku: 'A', quantity: 1 }], undefined, ctx);
    await expect(inventory.expire('ord-1', ctx)).rejects.toThrow(UnprocessableError);
  });

  it('gives up with 409 stock-busy, nothing written, when refused on every attempt', async () => {
    const store = new MemoryStore();
    store.write = () => Promise.reject(new StockWriteRefused('contention'));
    const inventory = new Inventory(store, {
      policy: { defaultThreshold: 5 },
      maxAttempts: 3,
      backoff: () => Promise.resolve(),
    });
    store.levels.set(stockKey('A', 'w1'), {
      sku: 'A',
      warehouseId: 'w1',
      onHand: 5,
      reserved: 0,
      version: 1,
    });
    await expect(inventory.reserve('ord-1', [{ sku: 'A', quantity: 1 }], undefined, ctx)).rejects.toThrow(
      StockBusyError,
    );
  });
});

describe('order events', () => {
  it('commit on order.paid and release on order.cancelled, repeats changing nothing', async () => {
    const { store, inventory } = setup();
    await receive(inventory, 'A', 'w1', 10);
    await inventory.reserve('o1', [{ sku: 'A', quantity: 2 }], undefined, ctx);
    await inventory.reserve('o2', [{ sku: 'A', quantity: 3 }], undefined, ctx);
    expect(await inventory.orderPaid('o1', ctx)).toMatchObject({
      kind: 'done',
      reservation: { status: 'committed' },
    });
    expect(await inventory.orderPaid('o1', ctx)).toMatchObject({ kind: 'done' });
    expect(await inventory.orderCancelled('o2', 'payment_timeout', ctx)).toMatchObject({
      kind: 'done',
      reservation: { status: 'released', releaseReason: 'payment_failed' },
    });
    expect(store.events.map((e) => e.detailType).slice(-2)).toEqual([
      'inventory.committed',
      'inventory.released',
    ]);
  });

  it('answer no_reservation for an order that holds nothing, operator for a step that cannot apply', async () => {
    const { inventory } = setup();
    await receive(inventory, 'A', 'w1', 10);
    expect(await inventory.orderPaid('nope', ctx)).toEqual({ kind: 'no_reservation' });
    await inventory.reserve('o1', [{ sku: 'A', quantity: 2 }], undefined, ctx);
    await inventory.orderCancelled('o1', 'customer_request', ctx);
    expect(await inventory.orderPaid('o1', ctx)).toMatchObject({
      kind: 'operator',
      why: expect.stringContaining('o1') as unknown,
    });
  });

  it('expire due reservations in the sweep and count those left', async () => {
    let now = new Date('2026-03-01T10:00:00.000Z');
    const { inventory } = setup(() => now);
    await receive(inventory, 'A', 'w1', 10);
    await inventory.reserve('o1', [{ sku: 'A', quantity: 2 }], 60_000, ctx);
    now = new Date('2026-03-01T10:02:00.000Z');
    expect(await inventory.expireDue(ctx)).toEqual({ expired: ['o1'], failed: 0 });
    expect(await inventory.expireDue(ctx)).toEqual({ expired: [], failed: 0 });
  });
});

describe('the hold of an authorized payment', () => {
  it('payment.authorized keeps the units held for a week: the sweep leaves them, the capture commits them', async () => {
    let now = new Date('2026-03-01T10:00:00.000Z');
    const { store, inventory } = setup(() => now);
    await receive(inventory, 'A', 'w1', 10);
    await inventory.reserve('o1', [{ sku: 'A', quantity: 2 }], 60_000, ctx);
    const events = store.events.length;

    expect(await inventory.paymentAuthorized('o1', ctx)).toMatchObject({
      kind: 'done',
      reservation: { status: 'held', expiresAt: '2026-03-08T10:00:00.000Z' },
    });
    expect(await inventory.paymentAuthorized('o1', ctx)).toMatchObject({ kind: 'done' });
    now = new Date('2026-03-01T12:00:00.000Z');
    expect(await inventory.expireDue(ctx)).toEqual({ expired: [], failed: 0 });
    expect(store.level('A', 'w1')).toMatchObject({ onHand: 10, reserved: 2 });
    // Extending moves no stock and announces nothing.
    expect(store.events).toHaveLength(events);
    expect(await inventory.orderPaid('o1', ctx)).toMatchObject({ reservation: { status: 'committed' } });
  });

  it('a hold that expired first is not revived: extend refuses, the consumer acknowledges', async () => {
    let now = new Date('2026-03-01T10:00:00.000Z');
    const { store, inventory } = setup(() => now);
    await receive(inventory, 'A', 'w1', 10);
    await inventory.reserve('o1', [{ sku: 'A', quantity: 2 }], 60_000, ctx);
    now = new Date('2026-03-01T10:02:00.000Z');
    await inventory.expireDue(ctx);

    await expect(inventory.extend('o1', ctx)).rejects.toMatchObject({ problemType: 'illegal-transition' });
    expect(await inventory.paymentAuthorized('o1', ctx)).toEqual({ kind: 'no_reservation' });
    expect(store.level('A', 'w1')).toMatchObject({ reserved: 0 });
    expect(store.totals.get('A')).toMatchObject({ available: 10 });
  });

  it('extend racing the sweep: exactly one wins, the units are either kept or freed, never both', async () => {
    let now: Date;
    for (let round = 0; round < 20; round++) {
      now = new Date('2026-03-01T10:00:00.000Z');
      const { store, inventory } = setup(() => now);
      await receive(inventory, 'A', 'w1', 10);
      await inventory.reserve('o1', [{ sku: 'A', quantity: 2 }], 60_000, ctx);
      now = new Date('2026-03-01T10:01:00.000Z');
      const [kept, swept] = await Promise.all([
        inventory.paymentAuthorized('o1', ctx),
        inventory.expireDue(ctx),
      ]);
      const reservation = store.reservations.get('o1')!;
      expect(swept.failed).toBe(0);
      if (reservation.status === 'held') {
        expect(kept.kind).toBe('done');
        expect(swept.expired).toEqual([]);
        expect(store.level('A', 'w1')).toMatchObject({ reserved: 2 });
        expect(store.totals.get('A')).toMatchObject({ available: 8 });
      } else {
        expect(reservation.status).toBe('expired');
        expect(kept.kind).toBe('no_reservation');
        expect(store.level('A', 'w1')).toMatchObject({ reserved: 0 });
        expect(store.totals.get('A')).toMatchObject({ available: 10 });
      }
    }
  });
});

describe('reads and warehouses', () => {
  it('answer availability classes and the stock of a SKU; 404 for a SKU never stocked', async () => {
    const { inventory } = setup();
    await receive(inventory, 'A', 'w1', 3);
    await receive(inventory, 'B', 'w2', 50);
    expect(await inventory.availability('A')).toEqual({ sku: 'A', availability: 'low_stock' });
    expect(await inventory.availabilities(['B', 'C'])).toEqual([
      { sku: 'B', availability: 'in_stock' },
      { sku: 'C', availability: 'out_of_stock' },
    ]);
    expect(await inventory.stock('A', 20)).toMatchObject({
      sku: 'A',
      availability: 'low_stock',
      totals: { onHand: 3, reserved: 0, available: 3 },
      levels: [{ warehouseId: 'w1', onHand: 3, reserved: 0, available: 3 }],
      ledger: [{ sku: 'A', delta: 3, reason: 'received' }],
    });
    await expect(inventory.stock('C', 20)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('create and replace warehouses at the version read', async () => {
    const { inventory } = setup();
    const created = await inventory.putWarehouse('w3', { name: 'Hamburg', country: 'DE' });
    expect(created).toMatchObject({ id: 'w3', name: 'Hamburg', version: 1 });
    expect(await inventory.putWarehouse('w3', { name: 'Hamburg', country: 'DE', version: 1 })).toEqual(
      created,
    );
    expect(await inventory.putWarehouse('w3', { name: 'Bremen', version: 1 })).toMatchObject({ version: 2 });
    await expect(inventory.putWarehouse('w3', { name: 'Kiel', version: 1 })).rejects.toMatchObject({
      status: 409,
    });
    expect((await inventory.warehouses()).map((w) => w.id).sort()).toEqual(['w1', 'w2', 'w3']);
  });
});

describe('random concurrent steps (invariants)', () => {
  it('keep every level and total consistent with the reservations and never negative', async () => {
    let tick = 0;
    const base = Date.parse('2026-03-01T10:00:00.000Z');
    const { store, inventory } = setup(() => new Date(base + tick * 1000));
    for (const sku of ['A', 'B']) {
      await receive(inventory, sku, 'w1', 6);
      await receive(inventory, sku, 'w2', 4);
    }
    const ops: Promise<unknown>[] = [];
    for (let i = 0; i < 120; i++) {
      const id = `ord-${i % 40}`;
      const pick = i % 7;
      const sku = i % 2 ? 'A' : 'B';
      tick += 1;
      ops.push(
        outcome<unknown>(
          pick <= 2
            ? inventory.reserve(
                id,
                [
                  { sku, quantity: 1 + (i % 3) },
                  { sku: 'A', quantity: 1 },
                ],
                5_000,
                ctx,
              )
            : pick === 3
              ? inventory.commit(id, ctx)
              : pick === 4
                ? inventory.release(id, i % 2 ? 'order_cancelled' : 'payment_failed', ctx)
                : pick === 5
                  ? inventory.sweep(ctx)
                  : receive(inventory, sku, i % 3 ? 'w1' : 'w2', 1),
        ),
      );
    }
    const results = await Promise.all(ops);
    expect(results.filter((r) => r instanceof Error && !(r as { status?: number }).status)).toEqual([]);

    for (const sku of ['A', 'B']) {
      const levels = [...store.levels.values()].filter((l) => l.sku === sku);
      for (const l of levels) {
        expect(l.reserved).toBeGreaterThanOrEqual(0);
        expect(l.onHand).toBeGreaterThanOrEqual(l.reserved);
        const held = [...store.reservations.values()]
          .filter((r) => r.status === 'held')
          .flatMap((r) => r.lines)
          .filter((line) => line.sku === sku && line.warehouseId === l.warehouseId)
          .reduce((n, line) => n + line.quantity, 0);
        expect(l.reserved).toBe(held);
      }
      const totals = store.totals.get(sku)!;
      expect(totals.onHand).toBe(levels.reduce((n, l) => n + l.onHand, 0));
      expect(totals.reserved).toBe(levels.reduce((n, l) => n + l.reserved, 0));
      expect(totals.available).toBe(totals.onHand - totals.reserved);
      // The announcements, in order, tell a consistent story ending at the current class.
      const story = store.events.filter(
        (e) =>
          e.data.sku === sku && e.detailType !== 'inventory.adjusted' && 'previousAvailability' in e.data,
      );
      for (let i = 1; i < story.length; i++) {
        const previous = story[i - 1]!.data.availability;
        const next = story[i]!.data.previousAvailability;
        // low → in is not announced, so a story may resume from in stock after low.
        expect(previous === next || (previous === 'low_stock' && next === 'in_stock')).toBe(true);
      }
    }
  });
});
