import { ValidationError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import {
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
