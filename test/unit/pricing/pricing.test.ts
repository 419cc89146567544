// Pricing's use cases on an in-memory store: a staff change announces price.changed with what changed, in
// the same write; a stale version or a change of nothing writes nothing; display prices and what pricing
// learns of catalog products.
import { NotFoundError, ValidationError, VersionConflictError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import { Pricing } from '../../../functions/pricing/pricing.ts';
import { MemoryPricingStore } from './memory-store.ts';

const now = new Date('2026-06-15T12:00:00.000Z');
const context = { correlationId: 'corr-1' };

function setup() {
  const store = new MemoryPricingStore();
  return { store, pricing: new Pricing(store, () => now) };
}

const product = (version: number, status: 'draft' | 'published' | 'archived' = 'published') => ({
  id: 'prod-1',
  handle: 'tee',
  title: 'Tee',
  description: '',
  status,
  categoryIds: [],
  attributes: {},
  options: [],
  variants: [
    { sku: 'TEE-S', title: 'S', optionValues: {} },
    { sku: 'TEE-M', title: 'M', optionValues: {} },
  ],
  media: [],
  version,
  createdAt: '2026-06-01T00:00:00.000Z',
  updatedAt: '2026-06-01T00:00:00.000Z',
});

describe('a SKU price change', () => {
  it('is written at the next version and announces price.changed with the currencies that changed', async () => {
    const { store, pricing } = setup();
    const first = await pricing.setSkuPrices(
      'TEE-S',
      { version: 0, prices: { EUR: { amount: 2_999, sales: [] } } },
      context,
    );
    expect(first).toEqual({
      sku: 'TEE-S',
      prices: { EUR: { amount: 2_999, sales: [] } },
      version: 1,
      updatedAt: now.toISOString(),
    });
    const second = await pricing.setSkuPrices(
      'TEE-S',
      { version: 1, prices: { EUR: { amount: 2_499, sales: [] }, USD: { amount: 3_200, sales: [] } } },
      context,
    );
    expect(store.prices.get('TEE-S')).toEqual(second);
    expect(store.published).toEqual([
      {
        detailType: 'price.changed',
        metadata: expect.objectContaining({
          correlationId: 'corr-1',
          occurredAt: now.toISOString(),
        }) as unknown,
        data: {
          scope: 'sku',
          sku: 'TEE-S',
          version: 1,
          changes: [{ currency: 'EUR', before: null, after: { amount: 2_999, sales: [] } }],
        },
      },
      {
        detailType: 'price.changed',
        metadata: expect.objectContaining({ correlationId: 'corr-1' }) as unknown,
        data: {
          scope: 'sku',
          sku: 'TEE-S',
          version: 2,
          changes: [
            { currency: 'EUR', before: { amount: 2_999, sales: [] }, after: { amount: 2_499, sales: [] } },
            { currency: 'USD', before: null, after: { amount: 3_200, sales: [] } },
          ],
        },
      },
    ]);
  });

  it('refuses a stale version, and a first write that prices nothing, writing nothing', async () => {
    const { store, pricing } = setup();
    await pricing.setSkuPrices(
      'TEE-S',
      { version: 0, prices: { EUR: { amount: 2_999, sales: [] } } },
      context,
    );
    await expect(
      pricing.setSkuPrices('TEE-S', { version: 0, prices: { EUR: { amount: 1, sales: [] } } }, context),
    ).rejects.toThrow(VersionConflictError);
    await expect(pricing.setSkuPrices('TEE-M', { version: 0, prices: {} }, context)).rejects.toThrow(
      ValidationError,
    );
    expect(store.writes).toBe(1);
  });

  it('writes and announces nothing when the prices are the same, sales in any order', async () => {
    const { store, pricing } = setup();
    const sales = [
      { amount: 2_499, validFrom: '2026-07-01T00:00:00.000Z' },
      { amount: 1_999, validFrom: '2026-06-01T00:00:00.000Z' },
    ];
    const first = await pricing.setSkuPrices(
      'TEE-S',
      { version: 0, prices: { EUR: { amount: 2_999, sales } } },
      context,
    );
    const again = await pricing.setSkuPrices(
      'TEE-S',
      { version: 1, prices: { EUR: { amount: 2_999, sales: [...sales].reverse() } } },
      context,
    );
    expect(again).toEqual(first);
    expect(store.writes).toBe(1);
  });

  it('is a 404 to read for a SKU without prices', async () => {
    const { pricing } = setup();
    await expect(pricing.skuPrices('NONE')).rejects.toThrow(NotFoundError);
  });
});

describe('segment lists and tax', () => {
  it('announce a price list change with its priority and changed entries, and nothing for a repeat', async () => {
    const { store, pricing } = setup();
    const request = { version: 0, priority: 10, entries: [{ sku: 'TEE-S', currency: 'EUR', amount: 1_999 }] };
    const list = await pricing.setPriceList('vip', request, context);
    expect(list).toMatchObject({ segment: 'vip', version: 1 });
    expect(await pricing.setPriceList('vip', { ...request, version: 1 }, context)).toEqual(list);
    expect(store.published.map((e) => e.data)).toEqual([
      {
        scope: 'segment',
        segment: 'vip',
        version: 1,
        priority: { before: null, after: 10 },
        changes: [{ sku: 'TEE-S', currency: 'EUR', before: null, after: 1_999 }],
      },
    ]);
    expect(await pricing.priceLists()).toEqual([list]);
  });

  it('announce a tax table change with the rates and modes that changed', async () => {
    const { store, pricing } = setup();
    const table = await pricing.setTaxTable(
      {
        version: 0,
        rules: [{ country: 'DE', taxClass: 'standard', ratePpm: 190_000 }],
        modes: [{ country: 'DE', mode: 'inclusive' }],
      },
      context,
    );
    expect(table).toMatchObject({ version: 1, updatedAt: now.toISOString() });
    expect(await pricing.taxTable()).toEqual(table);
    expect(store.published.map((e) => e.data)).toEqual([
      {
        scope: 'tax',
        version: 1,
        rules: [{ country: 'DE', taxClass: 'standard', before: null, after: 190_000 }],
        modes: [{ country: 'DE', before: null, after: 'inclusive' }],
      },
    ]);
  });

  it('refuses an invalid tax table before looking at the version', async () => {
    const { store, pricing } = setup();
    const invalid = {
      version: 5,
      rules: [{ country: 'DE', taxClass: 'standard', ratePpm: 190_000 }],
      modes: [],
    };
    await expect(pricing.setTaxTable(invalid, context)).rejects.toThrow(ValidationError);
    expect(store.writes).toBe(0);
  });
});

describe('products and display prices', () => {
  it('learns a product from catalog events and ignores an older one arriving late', async () => {
    const { store, pricing } = setup();
    await pricing.learnProduct(product(2));
    await pricing.learnProduct(product(1, 'archived'));
    expect(store.products.get('prod-1')).toMatchObject({ status: 'published', productVersion: 2 });
  });

  it('reads again and applies a product event that lost a race with another one', async () => {
    const { store, pricing } = setup();
    await pricing.learnProduct(product(1));
    // Version 2 lands between learnProduct's read and its write of version 3.
    const save = store.saveProduct.bind(store);
    let raced = false;
    store.saveProduct = async (p, previous) => {
      if (!raced) {
        raced = true;
        await save({ ...p, productVersion: 2 }, previous);
      }
      return save(p, previous);
    };
    await pricing.learnProduct(product(3));
    expect(store.products.get('prod-1')).toMatchObject({ productVersion: 3 });
  });

  it("shows a published product's prices at a destination, and 404 for one not published", async () => {
    const { pricing } = setup();
    await pricing.learnProduct(product(1));
    await pricing.setSkuPrices(
      'TEE-S',
      { version: 0, prices: { EUR: { amount: 2_380, sales: [] } } },
      context,
    );
    await pricing.setTaxTable(
      {
        version: 0,
        rules: [{ country: 'DE', taxClass: 'standard', ratePpm: 190_000 }],
        modes: [{ country: 'DE', mode: 'inclusive' }],
      },
      context,
    );
    expect(await pricing.productPrices('prod-1', { currency: 'EUR', country: 'DE' })).toMatchObject({
      productId: 'prod-1',
      currency: 'EUR',
      country: 'DE',
      taxMode: 'inclusive',
      items: [{ sku: 'TEE-S', effective: 2_380, tax: 380 }],
      unpriced: ['TEE-M'],
    });
    await pricing.learnProduct(product(2, 'draft'));
    await expect(pricing.productPrices('prod-1', { currency: 'EUR', country: 'DE' })).rejects.toThrow(
      NotFoundError,
    );
  });
});
