import { describe, expect, it } from 'vitest';
import { skusOf } from '../../../functions/orders/domain/sku.ts';

const product = {
  id: 'p1',
  handle: 'linen-shirt',
  title: 'Linen shirt',
  description: '',
  status: 'published' as const,
  categoryIds: [],
  attributes: {},
  options: [{ name: 'size', values: ['S', 'M'] }],
  variants: [
    { sku: 'SHIRT-S', title: 'S', optionValues: { size: 'S' }, weightGrams: 300 },
    { sku: 'SHIRT-M', title: 'M', optionValues: { size: 'M' } },
  ],
  media: [],
  version: 4,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};

describe('skusOf', () => {
  it('names each variant after its product, keeps its weight (0 when unknown) and the product version', () => {
    expect(skusOf(product)).toEqual([
      {
        sku: 'SHIRT-S',
        productId: 'p1',
        title: 'Linen shirt — S',
        weightGrams: 300,
        published: true,
        productVersion: 4,
      },
      {
        sku: 'SHIRT-M',
        productId: 'p1',
        title: 'Linen shirt — M',
        weightGrams: 0,
        published: true,
        productVersion: 4,
      },
    ]);
  });

  it('sells only published products, and a single variant reads as the product', () => {
    const [draft] = skusOf({ ...product, status: 'draft', variants: [product.variants[0]!] });
    expect(draft).toMatchObject({ title: 'Linen shirt', published: false });
    expect(skusOf({ ...product, status: 'archived' }).every((s) => !s.published)).toBe(true);
  });
});
