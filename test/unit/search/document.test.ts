// The search document of a product: only published products are indexed, categories carry their ancestors,
// each variant's offers are the prices pricing would charge at `now`, and availability and facets are
// summed up over the variants.
import { describe, expect, it } from 'vitest';
import {
  buildDocument,
  suggestInputs,
  type CategoryRecord,
  type ProductRecord,
  type SkuRecord,
} from '../../../functions/search/domain/document.ts';

const NOW = new Date('2030-06-15T12:00:00.000Z');

function product(overrides: Partial<ProductRecord> = {}): ProductRecord {
  return {
    id: 'p-1',
    handle: 'merino-sweater',
    title: 'Merino Wool Sweater',
    description: 'Warm.',
    status: 'published',
    categoryIds: [],
    attributes: {},
    options: [],
    variants: [{ sku: 'SW-M', title: 'M', optionValues: {} }],
    media: [],
    version: 1,
    createdAt: '2030-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const skuMap = (...records: SkuRecord[]) => new Map(records.map((r) => [r.sku, r]));
const categoryMap = (...records: CategoryRecord[]) => new Map(records.map((c) => [c.id, c]));

function build(
  p: ProductRecord,
  skus: ReadonlyMap<string, SkuRecord> = new Map(),
  categories: ReadonlyMap<string, CategoryRecord> = new Map(),
) {
  return buildDocument({ product: p, skus, categories, now: NOW });
}

describe('buildDocument: what is indexed', () => {
  it('gives no document for a draft or an archived product, one for a published product', () => {
    const draft = build(product({ status: 'draft' }));
    const archived = build(product({ status: 'archived' }));
    const published = build(product({ status: 'published' }));

    expect(draft).toBeUndefined();
    expect(archived).toBeUndefined();
    expect(published?.id).toBe('p-1');
  });
});

describe('buildDocument: categories', () => {
  it('files the product under its categories and all their ancestors, with their names', () => {
    const categories = categoryMap(
      { id: 'men', name: 'Men', parentId: null },
      { id: 'tops', name: 'Tops', parentId: 'men' },
      { id: 'knit', name: 'Knitwear', parentId: 'tops' },
    );

    const doc = build(product({ categoryIds: ['knit'] }), new Map(), categories);

    expect(doc?.categoryIds).toEqual(['knit']);
    expect(doc?.categoryPath).toEqual(['knit', 'tops', 'men']);
    expect(doc?.categoryNames).toEqual(['Knitwear', 'Tops', 'Men']);
  });

  it('stops at a cycle in the parent chain, each category once', () => {
    const categories = categoryMap(
      { id: 'a', name: 'A', parentId: 'b' },
      { id: 'b', name: 'B', parentId: 'c' },
      { id: 'c', name: 'C', parentId: 'a' },
    );

    const doc = build(product({ categoryIds: ['a'] }), new Map(), categories);

    expect(doc?.categoryPath).toEqual(['a', 'b', 'c']);
  });
});

describe('buildDocument: offers', () => {
  it('prices the base offer at the lowest sale active at now, ignoring future and expired sales', () => {
    const skus = skuMap({
      sku: 'SW-M',
      prices: {
        EUR: {
          amount: 10000,
          sales: [
            { amount: 5000, validFrom: '2030-07-01T00:00:00.000Z' },
            { amount: 6000, validFrom: '2030-05-01T00:00:00.000Z', validUntil: '2030-06-01T00:00:00.000Z' },
            { amount: 8000, validFrom: '2030-06-01T00:00:00.000Z', validUntil: '2030-07-01T00:00:00.000Z' },
            { amount: 9000, validFrom: '2030-06-01T00:00:00.000Z' },
          ],
        },
      },
    });

    const doc = build(product(), skus);

    expect(doc?.offers).toEqual([
      { sku: 'SW-M', key: 'base|EUR', currency: 'EUR', amount: 8000, listAmount: 10000, segments: [] },
    ]);
    expect(doc?.currencies).toEqual(['EUR']);
  });

  it('treats validUntil as exclusive and validFrom as inclusive', () => {
    const at = NOW.toISOString();
    const endsNow = skuMap({
      sku: 'SW-M',
      prices: { EUR: { amount: 10000, sales: [{ amount: 7000, validFrom: '2030-01-01', validUntil: at }] } },
    });
    const startsNow = skuMap({
      sku: 'SW-M',
      prices: { EUR: { amount: 10000, sales: [{ amount: 7000, validFrom: at }] } },
    });

    const ended = build(product(), endsNow);
    const started = build(product(), startsNow);

    expect(ended?.offers[0]?.amount).toBe(10000);
    expect(started?.offers[0]?.amount).toBe(7000);
  });

  it('prices a segment offer at the lower of the base (with its sale) and the segment list', () => {
    const skus = skuMap({
      sku: 'SW-M',
      prices: {
        EUR: { amount: 10000, sales: [{ amount: 8000, validFrom: '2030-06-01T00:00:00.000Z' }] },
      },
      segmentPrices: { vip: { EUR: 9000 }, staff: { EUR: 6000 } },
    });

    const doc = build(product(), skus);

    const byKey = new Map(doc?.offers.map((o) => [o.key, o]));
    expect(byKey.get('base|EUR')?.amount).toBe(8000);
    expect(byKey.get('vip|EUR')?.amount).toBe(8000);
    expect(byKey.get('staff|EUR')?.amount).toBe(6000);
    expect(byKey.get('staff|EUR')?.listAmount).toBe(10000);
  });

  it('lists on each offer the segments that price that variant in that currency', () => {
    const skus = skuMap({
      sku: 'SW-M',
      prices: { EUR: { amount: 10000, sales: [] }, USD: { amount: 11000, sales: [] } },
      segmentPrices: { vip: { EUR: 9000 }, staff: { EUR: 7000, USD: 8000 } },
    });

    const doc = build(product(), skus);

    const segmentsOf = (key: string) => doc?.offers.find((o) => o.key === key)?.segments;
    expect(doc?.offers.map((o) => o.key)).toEqual([
      'base|EUR',
      'staff|EUR',
      'vip|EUR',
      'base|USD',
      'staff|USD',
    ]);
    expect(segmentsOf('base|EUR')).toEqual(['staff', 'vip']);
    expect(segmentsOf('vip|EUR')).toEqual(['staff', 'vip']);
    expect(segmentsOf('base|USD')).toEqual(['staff']);
    expect(segmentsOf('staff|USD')).toEqual(['staff']);
  });

  it('offers nothing in a currency the SKU has no base price in (pricing refuses to sell it there)', () => {
    const skus = skuMap({ sku: 'SW-M', segmentPrices: { vip: { GBP: 4200 } } });

    const doc = build(product(), skus);

    expect(doc?.offers).toEqual([]);
    expect(doc?.currencies).toEqual([]);
  });
});

describe('buildDocument: availability', () => {
  const twoVariants = product({
    variants: [
      { sku: 'A', title: 'A', optionValues: {} },
      { sku: 'B', title: 'B', optionValues: {} },
    ],
  });

  it('takes the best availability over the variants', () => {
    const skus = skuMap({ sku: 'A', availability: 'out_of_stock' }, { sku: 'B', availability: 'low_stock' });

    const doc = build(twoVariants, skus);

    expect(doc?.availability).toBe('low_stock');
    expect(doc?.inStock).toBe(true);
    expect(doc?.variants).toEqual([
      { sku: 'A', title: 'A', availability: 'out_of_stock' },
      { sku: 'B', title: 'B', availability: 'low_stock' },
    ]);
  });

  it('counts a variant without availability as out of stock, and the product out when all are', () => {
    const skus = skuMap({ sku: 'A', availability: 'out_of_stock' });

    const doc = build(twoVariants, skus);

    expect(doc?.variants.map((v) => v.availability)).toEqual(['out_of_stock', 'out_of_stock']);
    expect(doc?.availability).toBe('out_of_stock');
    expect(doc?.inStock).toBe(false);
    expect(doc?.suggest.weight).toBe(1);
  });

  it('is in stock when one variant is in stock', () => {
    const skus = skuMap({ sku: 'B', availability: 'in_stock' });

    const doc = build(twoVariants, skus);

    expect(doc?.availability).toBe('in_stock');
    expect(doc?.inStock).toBe(true);
    expect(doc?.suggest.weight).toBe(10);
  });
});

describe('buildDocument: facets and suggestions', () => {
  it('holds Name:Value of every attribute and option value, each once', () => {
    const p = product({
      attributes: { Material: 'Wool', Colour: 'Red' },
      options: [
        { name: 'Size', values: ['S', 'M'] },
        { name: 'Colour', values: ['Red', 'Blue'] },
      ],
    });

    const doc = build(p);

    expect([...(doc?.facets ?? [])].sort()).toEqual([
      'Colour:Blue',
      'Colour:Red',
      'Material:Wool',
      'Size:M',
      'Size:S',
    ]);
    expect(doc?.attributeText).toContain('Material Wool');
  });

  it('suggests the title and each of its word tails', () => {
    const inputs = suggestInputs('  Merino Wool   Sweater ');

    expect(inputs).toEqual(['Merino Wool Sweater', 'Wool Sweater', 'Sweater']);
  });

  it('leaves out one-letter tails and keeps at most six inputs', () => {
    const short = suggestInputs('Tee X');
    const long = suggestInputs('one two three four five six seven eight');

    expect(short).toEqual(['Tee X']);
    expect(long).toHaveLength(6);
    expect(long[5]).toBe('six seven eight');
  });

  it('puts the title tails into the document suggest inputs', () => {
    const doc = build(product({ title: 'Merino Wool Sweater' }));

    expect(doc?.suggest.input).toEqual(['Merino Wool Sweater', 'Wool Sweater', 'Sweater']);
  });
});
