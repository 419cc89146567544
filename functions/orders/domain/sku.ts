// What orders keeps of a product: one record per SKU with the title a customer reads on the order
// ("Linen shirt — M"), the weight the carrier bills, and whether it may be bought. Pure.
import type { productSnapshot } from '@commerce/events';
import type * as z from 'zod';

export interface SkuRecord {
  readonly sku: string;
  readonly productId: string;
  readonly title: string;
  readonly weightGrams: number;
  readonly published: boolean;
  readonly productVersion: number;
}

export function skusOf(product: z.infer<typeof productSnapshot>): SkuRecord[] {
  return product.variants.map((variant) => ({
    sku: variant.sku,
    productId: product.id,
    title:
      product.variants.length > 1 && variant.title && variant.title !== product.title
        ? `${product.title} — ${variant.title}`
        : product.title,
    weightGrams: variant.weightGrams ?? 0,
    published: product.status === 'published',
    productVersion: product.version,
  }));
}
