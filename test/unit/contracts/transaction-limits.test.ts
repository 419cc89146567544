// DynamoDB takes at most 100 items in one TransactWriteItems. The biggest transactions the platform builds
// grow with the lines of an order: inventory's reservation steps (a level and the totals per line, an
// availability event per SKU that crosses a threshold, the reservation and its event) and orders' checkout
// writes (the order, its number, its events, the key, the closed cart). Built here through the real adapters
// at MAX_ORDER_LINES, the worst case each, and counted.
import { MAX_ORDER_LINES } from '@commerce/contracts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { toOutbox } from '@commerce/lambda-kit/outbox';
import { describe, expect, it } from 'vitest';
import { commit, release, reserve } from '../../../functions/inventory/domain/reservation.ts';
import { defaultLowStockPolicy, type StockLevel } from '../../../functions/inventory/domain/stock.ts';
import { totalsStep, type SkuTotals } from '../../../functions/inventory/domain/totals.ts';
import { DynamoInventoryStore } from '../../../functions/inventory/store.ts';
import { MAX_CART_LINES } from '../../../functions/orders/domain/cart.ts';
import type { Order } from '../../../functions/orders/domain/order.ts';
import { OrderStore } from '../../../functions/orders/store/order-store.ts';
import { APPROVE, context, ordersWorld } from '../orders/support/world.ts';

/** DynamoDB's limit, and what we keep free of it for events added later. */
const DYNAMODB_TRANSACTION_ITEMS = 100;
const HEADROOM = 5;

/** A document client that records the size of every transaction and answers every call with nothing. */
function recordingClient() {
  const sizes: number[] = [];
  const db = {
    send: (command: { input: { TransactItems?: unknown[] } }) => {
      if (command.input.TransactItems) sizes.push(command.input.TransactItems.length);
      return Promise.resolve({});
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, sizes };
}

const now = new Date('2026-03-01T10:00:00.000Z');
const skus = Array.from({ length: MAX_ORDER_LINES }, (_, i) => `SKU-${i}`);

describe('transactions stay under DynamoDB’s 100 items at the most lines an order can have', () => {
  it('carts and reservations share one limit', () => {
    expect(MAX_CART_LINES).toBe(MAX_ORDER_LINES);
  });

  it('inventory: reserve, commit and release of a full reservation, every SKU crossing a threshold', async () => {
    const { db, sizes } = recordingClient();
    const store = new DynamoInventoryStore(db, 'inventory');
    // Each SKU has exactly what the order takes: reserving makes every one of them out of stock.
    const levels: StockLevel[] = skus.map((sku) => ({
      sku,
      warehouseId: 'w1',
      onHand: 3,
      reserved: 0,
      version: 1,
    }));
    const full = new Map<string, SkuTotals>(
      skus.map((sku) => [sku, { sku, onHand: 3, reserved: 0, available: 3 }]),
    );
    const empty = new Map<string, SkuTotals>(
      skus.map((sku) => [sku, { sku, onHand: 3, reserved: 3, available: 0 }]),
    );
    const held = reserve(
      'ord_1',
      skus.map((sku) => ({ sku, quantity: 3 })),
      levels,
      now,
    );
    const committed = commit(held.reservation, now);
    const write = async (
      step: typeof held,
      totals: Map<string, SkuTotals>,
      expected: 'none' | { version: number; status: 'held' | 'committed' },
    ) => {
      const { changes, events } = totalsStep(step.deltas, totals, defaultLowStockPolicy);
      await store.write({
        reservation: { after: step.reservation, expected },
        deltas: step.deltas,
        totals: changes,
        events: toOutbox([...step.events, ...events], context, now),
      });
      return events.length;
    };

    expect(await write(held, full, 'none')).toBe(MAX_ORDER_LINES);
    await write(committed, empty, { version: 1, status: 'held' });
    const releasedHeld = release(held.reservation, 'payment_failed', now);
    expect(await write(releasedHeld, empty, { version: 1, status: 'held' })).toBe(MAX_ORDER_LINES);

    expect(sizes).toHaveLength(3);
    expect(sizes[0]).toBe(3 * MAX_ORDER_LINES + 2);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(DYNAMODB_TRANSACTION_ITEMS - HEADROOM);
  });

  it('orders: the checkout’s writes of a full cart (order, number, events, key, closed cart)', async () => {
    const w = ordersWorld();
    for (const sku of skus) {
      w.table.seedSku({
        sku,
        productId: 'p',
        title: sku,
        weightGrams: 100,
        published: true,
        productVersion: 1,
      });
      w.peers.prices.set(sku, 100);
      w.peers.stock.set(sku, 10);
    }
    const access = { kind: 'customer', customerId: 'cust-1', email: 'grace@example.com' } as const;
    for (const sku of skus) await w.carts.addLine(access, sku, 5, context.correlationId);
    await w.carts.updateCart(
      access,
      {
        shippingAddress: { name: 'G', line1: 'A 1', city: 'Berlin', postalCode: '10178', country: 'DE' },
        shippingMethod: 'standard',
      },
      context.correlationId,
    );
    const outcome = await w.checkout.checkout(access, 'key-1', APPROVE, context);
    expect(outcome.kind).toBe('placed');
    const order = w.table.allOrders()[0] as Order;
    expect(order.lines).toHaveLength(MAX_ORDER_LINES);
    const events = w.table.outboxItems();

    // The same writes through the DynamoDB adapter, with every event the checkout announced in each.
    const { db, sizes } = recordingClient();
    const orders = new OrderStore(db, 'orders');
    await orders.createOrder(order, events);
    await orders.saveOrder(order, order.version - 1, events, {
      checkout: {
        key: { scope: 'customer:cust-1', idempotencyKey: 'key-1' },
        record: { fingerprint: 'f', status: 'completed', orderId: order.id, leaseUntil: 0, expiresAt: 0 },
      },
      closeCart: { cartId: 'c-cust-1', orderId: order.id, secretHash: null },
    });

    expect(sizes).toEqual([2 + events.length, 3 + events.length]);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(DYNAMODB_TRANSACTION_ITEMS - HEADROOM);
  });
});
