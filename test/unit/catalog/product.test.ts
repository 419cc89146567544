import { ValidationError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import {
  aggregateRating,
  applyPatch,
  archive,
  countedCategories,
  listedCategories,
  newProduct,
  withRating,
  type ProductContent,
} from '../../../functions/catalog/domain/product.ts';

const now = new Date('2026-01-02T03:04:05.000Z');
const later = new Date('2026-01-03T00:00:00.000Z');

function content(overrides: Partial<ProductContent> = {}): ProductContent {
  return {
    handle: 'linen-shirt',
    title: 'Linen shirt',
    description: 'Breathable.',
    status: 'draft',
    categoryIds: ['shirts'],
    attributes: { material: 'linen' },
    options: [
      { name: 'size', values: ['S', 'M'] },
      { name: 'colour', values: ['white'] },
    ],
    variants: [
      { sku: 'LS-S-W', title: 'S / white', optionValues: { size: 'S', colour: 'white' } },
      { sku: 'LS-M-W', title: 'M / white', optionValues: { size: 'M', colour: 'white' } },
    ],
    media: [],
    ...overrides,
  };
}

function fieldErrors(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => `${e.pointer}: ${e.detail}`);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('newProduct', () => {
  it('starts at version 1 with both timestamps set to now', () => {
    const product = newProduct(content(), 'p1', now);
    expect(product).toMatchObject({
      id: 'p1',
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  });

  it('refuses a SKU used twice in the product', () => {
    const variants = content().variants.map((v) => ({ ...v, sku: 'SAME' }));
    expect(fieldErrors(() => newProduct(content({ variants }), 'p1', now))).toContain(
      '/variants/1/sku: SKU "SAME" appears twice in this product.',
    );
  });

  it('refuses a variant value that its option does not offer, and a missing option value', () => {
    const errors = fieldErrors(() =>
      newProduct(
        content({
          variants: [
            { sku: 'A', title: 'A', optionValues: { size: 'XL', colour: 'white' } },
            { sku: 'B', title: 'B', optionValues: { size: 'S' } },
          ],
        }),
        'p1',
        now,
      ),
    );
    expect(errors).toEqual([
      '/variants/0/optionValues/size: "XL" is not a value of option "size".',
      '/variants/1/optionValues: A value for option "colour" is required.',
    ]);
  });

  it('refuses two variants with the same option values', () => {
    const v = content().variants[0]!;
    const errors = fieldErrors(() =>
      newProduct(content({ variants: [v, { ...v, sku: 'OTHER' }] }), 'p1', now),
    );
    expect(errors).toEqual(['/variants/1/optionValues: Another variant has the same option values.']);
  });
});

describe('applyPatch', () => {
  const product = newProduct(content(), 'p1', now);

  it('bumps the version and lists exactly the changed fields', () => {
    const change = applyPatch(product, { title: 'Linen shirt II', handle: product.handle }, later);
    expect(change.changedFields).toEqual(['title']);
    expect(change.after).toMatchObject({
      title: 'Linen shirt II',
      version: 2,
      updatedAt: later.toISOString(),
    });
    expect(change.after.createdAt).toBe(product.createdAt);
  });

  it('changes nothing, not even the version, when the patch repeats current values', () => {
    const change = applyPatch(product, { title: product.title, categoryIds: ['shirts'] }, later);
    expect(change.changedFields).toEqual([]);
    expect(change.after).toBe(product);
  });

  it('validates the product as it would be after the patch', () => {
    expect(() => applyPatch(product, { options: [{ name: 'size', values: ['S'] }] }, later)).toThrow(
      ValidationError,
    );
  });
});

describe('archive and category bookkeeping', () => {
  const published = newProduct(content({ status: 'published' }), 'p1', now);

  it('archiving moves the status and stops listing and counting the categories', () => {
    const { after, changedFields } = archive(published, later);
    expect(changedFields).toEqual(['status']);
    expect(after.status).toBe('archived');
    expect(listedCategories(published)).toEqual(['shirts']);
    expect(listedCategories(after)).toEqual([]);
    expect(countedCategories(after)).toEqual([]);
  });

  it('a draft is counted in its categories but not listed', () => {
    const draft = newProduct(content(), 'p2', now);
    expect(countedCategories(draft)).toEqual(['shirts']);
    expect(listedCategories(draft)).toEqual([]);
  });

  it('records a new rating once and ignores a repeat', () => {
    const rated = withRating(published, { average: 4.5, count: 2 }, later);
    expect(rated.changedFields).toEqual(['rating']);
    expect(withRating(rated.after, { average: 4.5, count: 2 }, later).changedFields).toEqual([]);
  });
});

describe('ratings with aggregate versions', () => {
  const published = newProduct(content({ status: 'published' }), 'p1', now);
  const v5 = { average: 4.5, count: 2, histogram: [0, 0, 0, 1, 1], version: 5 } as const;

  it('keeps the histogram and the aggregate version it came from', () => {
    const { after, changedFields } = withRating(published, v5, later);
    expect(changedFields).toEqual(['rating']);
    expect(after.rating).toEqual({ average: 4.5, count: 2, histogram: [0, 0, 0, 1, 1], version: 5 });
    expect(after.version).toBe(published.version + 1);
  });

  it('changes nothing for an older or repeated version, or one without a version, once it keeps one', () => {
    const rated = withRating(published, v5, later).after;
    const older = { average: 4, count: 1, histogram: [0, 0, 0, 1, 0], version: 4 } as const;
    for (const rating of [older, v5, { ...v5, average: 3 }, { average: 3, count: 3 }]) {
      const change = withRating(rated, rating, later);
      expect(change.events).toEqual([]);
      expect(change.after).toBe(rated);
    }
  });

  it('takes a higher version, even with the same figures, and a first version over a rating without one', () => {
    const unversioned = withRating(published, { average: 4.5, count: 2 }, later).after;
    expect(withRating(unversioned, v5, later).after.rating?.version).toBe(5);
    const rated = withRating(published, v5, later).after;
    expect(withRating(rated, { ...v5, version: 6 }, later).after.rating?.version).toBe(6);
  });

  it('is schema.org’s AggregateRating while the product has reviews, and absent without', () => {
    expect(aggregateRating(withRating(published, v5, later).after)).toEqual({
      '@type': 'AggregateRating',
      ratingValue: 4.5,
      reviewCount: 2,
      bestRating: 5,
      worstRating: 1,
    });
    expect(aggregateRating(published)).toBeUndefined();
    const noneLeft = { average: 0, count: 0, histogram: [0, 0, 0, 0, 0], version: 6 } as const;
    expect(aggregateRating(withRating(published, noneLeft, later).after)).toBeUndefined();
  });
});
