// The internal availability as deployed (internalFunction over the contract and the use case) over SKU
// totals held in memory: per SKU asked for, in that order, the class the public availability answers with
// the units and threshold behind it; a SKU never stocked is out of stock; the 400 refusal.
import { inventoryAvailability, type AvailabilityResult } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { InventoryStore } from '../../../functions/inventory/domain/ports.ts';
import type { LowStockPolicy } from '../../../functions/inventory/domain/stock.ts';
import type { SkuTotals } from '../../../functions/inventory/domain/totals.ts';
import { Inventory } from '../../../functions/inventory/inventory.ts';

const lambdaContext = {
  functionName: 'availability',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 1000,
} as Context;

const unused = () => Promise.reject(new Error('Not a read the availability makes'));

/** A store that holds only SKU totals: the one read availability makes. */
function totalsStore(totals: readonly SkuTotals[]): InventoryStore & { readonly asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    getTotals: (skus) => {
      asked.push([...skus]);
      return Promise.resolve(totals.filter((t) => skus.includes(t.sku)));
    },
    getReservation: unused,
    readStock: unused,
    write: unused,
    dueReservations: unused,
    getStock: unused,
    getWarehouse: unused,
    listWarehouses: unused,
    saveWarehouse: unused,
  };
}

const totals = (sku: string, onHand: number, reserved: number): SkuTotals => ({
  sku,
  onHand,
  reserved,
  available: onHand - reserved,
});

/** The function as internal/availability.ts builds it. */
function availabilityOver(store: InventoryStore, policy: LowStockPolicy) {
  const inventory = new Inventory(store, { policy });
  const handler = internalFunction(inventoryAvailability, async ({ skus }) => ({
    items: await inventory.availabilityUnits(skus),
  }));
  return (input: unknown): Promise<AvailabilityResult> => handler(input, lambdaContext);
}

describe('availability', () => {
  it('answers each SKU asked for, in order, with its class, available units and threshold', async () => {
    const store = totalsStore([totals('IN', 20, 4), totals('LOW', 8, 5), totals('GONE', 3, 3)]);
    const availability = availabilityOver(store, { defaultThreshold: 5, bySku: { LOW: 3 } });

    const result = await availability({ skus: ['LOW', 'NEVER', 'IN', 'GONE'], correlationId: 'reindex-1' });

    expect(result).toStrictEqual({
      items: [
        { sku: 'LOW', availability: 'low_stock', available: 3, threshold: 3 },
        { sku: 'NEVER', availability: 'out_of_stock', available: 0, threshold: 5 },
        { sku: 'IN', availability: 'in_stock', available: 16, threshold: 5 },
        { sku: 'GONE', availability: 'out_of_stock', available: 0, threshold: 5 },
      ],
    });
    expect(store.asked).toEqual([['LOW', 'NEVER', 'IN', 'GONE']]);
  });

  it('classifies exactly as the public availability does, at the threshold and one above', async () => {
    const store = totalsStore([totals('AT', 5, 0), totals('ABOVE', 6, 0)]);
    const policy = { defaultThreshold: 5 };
    const availability = availabilityOver(store, policy);
    const inventory = new Inventory(store, { policy });

    const result = await availability({ skus: ['AT', 'ABOVE'] });
    const publicView = await inventory.availabilities(['AT', 'ABOVE']);

    expect(
      'items' in result && result.items.map(({ sku, availability: a }) => ({ sku, availability: a })),
    ).toEqual(publicView);
    expect(publicView.map((v) => v.availability)).toEqual(['low_stock', 'in_stock']);
  });

  it('refuses no SKUs, too many, a malformed one and unknown members with the 400 refusal', async () => {
    const availability = availabilityOver(totalsStore([]), { defaultThreshold: 5 });
    const tooMany = Array.from({ length: 501 }, (_, i) => `SKU-${i}`);
    for (const input of [
      { skus: [] },
      { skus: tooMany },
      { skus: ['a/b'] },
      { skus: ['A'], warehouse: 'w1' },
    ]) {
      expect(await availability(input), JSON.stringify(input).slice(0, 60)).toMatchObject({
        error: { status: 400, type: 'urn:commerce:problem:validation-error' },
      });
    }
  });
});
