// The indexer over the projection and the engine in memory: each event is kept only when newer than what
// is kept (a rating by its aggregate version), and the product's document is rebuilt at a version that only
// moves forward, so repeated, late and reordered events end in the same document.
import { describe, expect, it } from 'vitest';
import type { CurrencyPrice, ProductRecord } from '../../../functions/search/domain/document.ts';
import { Indexer } from '../../../functions/search/indexer.ts';
import { MemoryProjection, MemorySearchEngine } from './memory.ts';

const NOW = new Date('2030-06-15T12:00:00.000Z');

function product(overrides: Partial<ProductRecord> = {}): ProductRecord {
  return {
    id: 'p-1',
    handle: 'merino-sweater',
    title: 'Merino Sweater',
    description: 'Warm.',
    status: 'published',
    categoryIds: ['knit'],
    attributes: { Material: 'Wool' },
    options: [],
    variants: [{ sku: 'SW-M', title: 'M', optionValues: {} }],
    media: [],
    version: 1,
    createdAt: '2030-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const eur = (amount: number): CurrencyPrice => ({ amount, sales: [] });

function setUp() {
  const projection = new MemoryProjection();
  const engine = new MemorySearchEngine();
  const indexer = new Indexer(projection, engine, () => NOW);
  return { projection, engine, indexer, document: (id = 'p-1') => engine.live().get(id) };
}

describe('Indexer', () => {
  it('indexes a created product and then the price it is given', async () => {
    const { indexer, document } = setUp();

    await indexer.productChanged(product());
    const beforePrice = document();
    await indexer.skuPricesChanged('SW-M', 1, [{ currency: 'EUR', after: eur(4900) }]);

    expect(beforePrice?.offers).toEqual([]);
    expect(document()?.offers).toEqual([
      { sku: 'SW-M', key: 'base|EUR', currency: 'EUR', amount: 4900, listAmount: 4900, segments: [] },
    ]);
    expect(document()?.currencies).toEqual(['EUR']);
  });

  it('ends in the same document when the events come twice or in reverse order', async () => {
    const events: ((indexer: Indexer) => Promise<void>)[] = [
      (i) => i.categoryChanged({ id: 'knit', name: 'Knitwear', parentId: null, version: 1 }, false),
      (i) => i.productChanged(product()),
      (i) => i.skuPricesChanged('SW-M', 1, [{ currency: 'EUR', after: eur(5000) }]),
      (i) => i.skuPricesChanged('SW-M', 2, [{ currency: 'EUR', after: eur(4500) }]),
      (i) => i.segmentPricesChanged('vip', 1, 10, [{ sku: 'SW-M', currency: 'EUR', after: 4000 }]),
      (i) => i.availabilityChanged('SW-M', 'low_stock', '2030-06-15T10:00:00.000Z'),
      (i) => i.ratingChanged('p-1', { average: 4, count: 1 }, { version: 1, at: '2030-06-15T11:00:00.000Z' }),
      (i) =>
        i.ratingChanged('p-1', { average: 4.5, count: 2 }, { version: 2, at: '2030-06-15T11:00:00.000Z' }),
    ];
    const inOrder = setUp();
    const twiceReversed = setUp();

    for (const event of events) await event(inOrder.indexer);
    for (const event of [...events].reverse()) await event(twiceReversed.indexer);
    for (const event of [...events, ...events]) await event(twiceReversed.indexer);

    expect(inOrder.document()).toBeDefined();
    expect(twiceReversed.document()).toEqual(inOrder.document());
    expect(inOrder.document()?.offers.map((o) => [o.key, o.amount])).toEqual([
      ['base|EUR', 4500],
      ['vip|EUR', 4000],
    ]);
    expect(inOrder.document()?.categoryNames).toEqual(['Knitwear']);
    expect(inOrder.document()?.availability).toBe('low_stock');
    expect(inOrder.document()?.rating).toBe(4.5);
  });

  it('changes nothing when an older product version arrives after a newer one', async () => {
    const { indexer, engine, document } = setUp();
    await indexer.productChanged(product({ version: 2, title: 'Merino Sweater, new' }));
    const written = engine.indices.get('products-initial')?.get('p-1')?.version;

    await indexer.productChanged(product({ version: 1, title: 'Merino Sweater, old' }));

    expect(document()?.title).toBe('Merino Sweater, new');
    expect(engine.indices.get('products-initial')?.get('p-1')?.version).toBe(written);
  });

  it('removes the document of an archived product, and a late older version does not bring it back', async () => {
    const { indexer, document } = setUp();
    await indexer.productChanged(product({ version: 1 }));
    const published = document();

    await indexer.productChanged(product({ version: 2, status: 'archived' }));
    const archived = document();
    await indexer.productChanged(product({ version: 1 }));

    expect(published).toBeDefined();
    expect(archived).toBeUndefined();
    expect(document()).toBeUndefined();
  });

  it('keeps the newer availability when an older one arrives after it', async () => {
    const { indexer, document } = setUp();
    await indexer.productChanged(product());

    await indexer.availabilityChanged('SW-M', 'in_stock', '2030-06-15T11:00:00.000Z');
    await indexer.availabilityChanged('SW-M', 'out_of_stock', '2030-06-15T10:00:00.000Z');

    expect(document()?.availability).toBe('in_stock');
    expect(document()?.inStock).toBe(true);
  });

  it('keeps the higher aggregate version when an older one arrives after it, whatever their times', async () => {
    const { indexer, engine, document } = setUp();
    await indexer.productChanged(product());
    await indexer.ratingChanged(
      'p-1',
      { average: 4.5, count: 2 },
      { version: 2, at: '2030-06-15T10:00:00.000Z' },
    );
    const written = engine.indices.get('products-initial')?.get('p-1')?.version;

    await indexer.ratingChanged(
      'p-1',
      { average: 3, count: 1 },
      { version: 1, at: '2030-06-15T11:00:00.000Z' },
    );
    await indexer.ratingChanged('p-1', { average: 3, count: 3 }, { at: '2030-06-15T12:00:00.000Z' });

    expect(document()).toMatchObject({ rating: 4.5, reviewCount: 2 });
    expect(engine.indices.get('products-initial')?.get('p-1')?.version).toBe(written);
  });

  it('orders ratings without an aggregate version by time, and takes a first version over them', async () => {
    const { indexer, document } = setUp();
    await indexer.productChanged(product());
    await indexer.ratingChanged('p-1', { average: 4, count: 2 }, { at: '2030-06-15T11:00:00.000Z' });
    await indexer.ratingChanged('p-1', { average: 2, count: 1 }, { at: '2030-06-15T10:00:00.000Z' });
    const byTime = document()?.rating;

    await indexer.ratingChanged(
      'p-1',
      { average: 5, count: 3 },
      { version: 1, at: '2030-06-15T09:00:00.000Z' },
    );

    expect(byTime).toBe(4);
    expect(document()).toMatchObject({ rating: 5, reviewCount: 3 });
  });

  it('keeps a price of a SKU whose product is not known yet, and indexes it once the product arrives', async () => {
    const { indexer, engine, document } = setUp();

    await indexer.skuPricesChanged('SW-M', 3, [{ currency: 'EUR', after: eur(3900) }]);
    const beforeProduct = engine.live().size;
    await indexer.productChanged(product());

    expect(beforeProduct).toBe(0);
    expect(document()?.offers.map((o) => [o.key, o.amount])).toEqual([['base|EUR', 3900]]);
  });

  it('rebuilds the documents of the products under a renamed category, and only those', async () => {
    const { indexer, engine, document } = setUp();
    await indexer.categoryChanged({ id: 'men', name: 'Men', parentId: null, version: 1 }, false);
    await indexer.categoryChanged({ id: 'knit', name: 'Knitwear', parentId: 'men', version: 1 }, false);
    await indexer.categoryChanged({ id: 'shoes', name: 'Shoes', parentId: null, version: 1 }, false);
    await indexer.productChanged(product({ id: 'p-1', categoryIds: ['knit'] }));
    await indexer.productChanged(
      product({
        id: 'p-2',
        categoryIds: ['shoes'],
        variants: [{ sku: 'SH-42', title: '42', optionValues: {} }],
      }),
    );
    const shoesVersion = engine.indices.get('products-initial')?.get('p-2')?.version;

    await indexer.categoryChanged({ id: 'men', name: 'Menswear', parentId: null, version: 2 }, false);

    expect(document('p-1')?.categoryNames).toEqual(['Knitwear', 'Menswear']);
    expect(document('p-2')?.categoryNames).toEqual(['Shoes']);
    expect(engine.indices.get('products-initial')?.get('p-2')?.version).toBe(shoesVersion);
  });

  it('ignores a category change older than the one kept', async () => {
    const { indexer, document } = setUp();
    await indexer.categoryChanged({ id: 'knit', name: 'Knits', parentId: null, version: 2 }, false);
    await indexer.productChanged(product());

    await indexer.categoryChanged({ id: 'knit', name: 'Knitwear', parentId: null, version: 1 }, false);

    expect(document()?.categoryNames).toEqual(['Knits']);
  });
});
