// The catalog's HTTP contract: zod schemas for paths, queries and bodies (unknown fields rejected).
import * as z from 'zod';
import { MAX_CATEGORIES, MAX_VARIANTS } from './domain/product.ts';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be 1-64 letters, digits, "-" or "_".');
export const handleSchema = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lower-case letters and digits separated by single hyphens.');
const sku = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'Must be 1-64 letters, digits, ".", "-" or "_".');
const label = z.string().trim().min(1).max(100);

const dimensions = z
  .object({
    length: z.number().int().positive().max(100_000),
    width: z.number().int().positive().max(100_000),
    height: z.number().int().positive().max(100_000),
  })
  .strict();

const variant = z
  .object({
    sku,
    title: z.string().trim().min(1).max(200),
    optionValues: z.record(label, label).default({}),
    barcode: z
      .string()
      .regex(/^[0-9]{8,14}$/, 'A GTIN/EAN/UPC of 8 to 14 digits.')
      .optional(),
    weightGrams: z.number().int().nonnegative().max(1_000_000).optional(),
    dimensionsMm: dimensions.optional(),
  })
  .strict();

const option = z.object({ name: label, values: z.array(label).min(1).max(50) }).strict();

const media = z
  .object({
    key: z.string().regex(/^[A-Za-z0-9!_.*'()/-]{1,512}$/, 'An object key in the media bucket.'),
    alt: z.string().max(300).optional(),
  })
  .strict();

const productFields = {
  handle: handleSchema,
  title: z.string().trim().min(1).max(200),
  description: z.string().max(20_000),
  categoryIds: z.array(id).max(MAX_CATEGORIES),
  attributes: z
    .record(z.string().min(1).max(50), z.string().max(500))
    .refine((r) => Object.keys(r).length <= 50, {
      message: 'At most 50 attributes.',
    }),
  options: z.array(option).max(3),
  variants: z.array(variant).min(1).max(MAX_VARIANTS),
  media: z.array(media).max(20),
};

export const createProductBody = z
  .object({
    ...productFields,
    description: productFields.description.default(''),
    status: z.enum(['draft', 'published']).default('draft'),
    categoryIds: productFields.categoryIds.default([]),
    attributes: productFields.attributes.default({}),
    options: productFields.options.default([]),
    media: productFields.media.default([]),
  })
  .strict();

export const updateProductBody = z
  .object({
    version: z.number().int().positive(),
    handle: productFields.handle.optional(),
    title: productFields.title.optional(),
    description: productFields.description.optional(),
    status: z.enum(['draft', 'published']).optional(),
    categoryIds: productFields.categoryIds.optional(),
    attributes: productFields.attributes.optional(),
    options: productFields.options.optional(),
    variants: productFields.variants.optional(),
    media: productFields.media.optional(),
  })
  .strict();

export const productIdParams = z.object({ id }).strict();
export const handleParams = z.object({ handle: handleSchema }).strict();

export const listProductsQuery = z
  .object({
    category: id.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(2048).optional(),
  })
  .strict();

export const createCategoryBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    slug: handleSchema,
    parentId: id.nullable().default(null),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();

export const updateCategoryBody = z
  .object({
    version: z.number().int().positive(),
    name: z.string().trim().min(1).max(100).optional(),
    slug: handleSchema.optional(),
    parentId: id.nullable().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();

export const categoryIdParams = productIdParams;
export const versionQuery = z.object({ version: z.coerce.number().int().positive().optional() }).strict();
