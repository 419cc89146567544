// Shapes shared by the catalog's events: the product snapshot carried in product.* and the category.
import * as z from 'zod';

export const productStatusSchema = z.enum(['draft', 'published', 'archived']);

export const productVariantSnapshot = z.object({
  sku: z.string(),
  title: z.string(),
  optionValues: z.record(z.string(), z.string()),
  barcode: z.string().optional(),
  weightGrams: z.number().int().nonnegative().optional(),
  dimensionsMm: z
    .object({ length: z.number().int(), width: z.number().int(), height: z.number().int() })
    .optional(),
});

export const productSnapshot = z.object({
  id: z.string(),
  handle: z.string(),
  title: z.string(),
  description: z.string(),
  status: productStatusSchema,
  categoryIds: z.array(z.string()),
  attributes: z.record(z.string(), z.string()),
  options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  variants: z.array(productVariantSnapshot),
  media: z.array(z.object({ key: z.string(), alt: z.string().optional() })),
  rating: z.object({ average: z.number().min(0).max(5), count: z.number().int().nonnegative() }).optional(),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const categorySnapshot = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  parentId: z.string().nullable(),
  position: z.number().int(),
  version: z.number().int().positive(),
});
