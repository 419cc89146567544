// The catalog's HTTP contract: zod schemas for paths, queries and bodies (unknown fields rejected).
import { cursorQuery, text } from '@commerce/lambda-kit/contract';
import { MAX_ATTACHED_MEDIA, mediaIdSchema } from '@commerce/contracts';
import * as z from 'zod/mini';
import { MAX_CATEGORIES, MAX_VARIANTS } from './domain/product.ts';

const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be 1-64 letters, digits, "-" or "_".'));
export const handleSchema = z
  .string()
  .check(
    z.maxLength(100),
    z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lower-case letters and digits separated by single hyphens.'),
  );
const sku = z
  .string()
  .check(z.regex(/^[A-Za-z0-9._-]{1,64}$/, 'Must be 1-64 letters, digits, ".", "-" or "_".'));
const label = text(100);

const dimensions = z.strictObject({
  length: z.number().check(z.int(), z.positive(), z.lte(100_000)),
  width: z.number().check(z.int(), z.positive(), z.lte(100_000)),
  height: z.number().check(z.int(), z.positive(), z.lte(100_000)),
});

const variant = z.strictObject({
  sku,
  title: text(200),
  optionValues: z._default(z.record(label, label), {}),
  barcode: z.optional(z.string().check(z.regex(/^[0-9]{8,14}$/, 'A GTIN/EAN/UPC of 8 to 14 digits.'))),
  weightGrams: z.optional(z.number().check(z.int(), z.nonnegative(), z.lte(1_000_000))),
  dimensionsMm: z.optional(dimensions),
});

const option = z.strictObject({ name: label, values: z.array(label).check(z.minLength(1), z.maxLength(50)) });

const media = z.strictObject({
  id: mediaIdSchema.check(
    z.describe('A ready product image (POST /media/product-uploads, then its upload).'),
  ),
  alt: z.optional(
    z.string().check(z.maxLength(300), z.describe('What the image shows, for screen readers.')),
  ),
});

const productFields = {
  handle: handleSchema,
  title: text(200),
  description: z.string().check(z.maxLength(20_000)),
  categoryIds: z.array(id).check(z.maxLength(MAX_CATEGORIES)),
  attributes: z
    .record(z.string().check(z.minLength(1), z.maxLength(50)), z.string().check(z.maxLength(500)))
    .check(
      z.refine((r) => Object.keys(r).length <= 50, {
        message: 'At most 50 attributes.',
      }),
    ),
  options: z.array(option).check(z.maxLength(3)),
  variants: z.array(variant).check(z.minLength(1), z.maxLength(MAX_VARIANTS)),
  media: z.array(media).check(
    z.maxLength(MAX_ATTACHED_MEDIA),
    z.describe('The images in the order shown; the first is the main one. Each id at most once.'),
    z.refine((items) => new Set(items.map((m) => m.id)).size === items.length, {
      message: 'Each image at most once.',
    }),
  ),
};

export const createProductBody = z.strictObject({
  ...productFields,
  description: z._default(productFields.description, ''),
  status: z._default(z.enum(['draft', 'published']), 'draft'),
  categoryIds: z._default(productFields.categoryIds, []),
  attributes: z._default(productFields.attributes, {}),
  options: z._default(productFields.options, []),
  media: z._default(productFields.media, []),
});

export const updateProductBody = z.strictObject({
  version: z.number().check(z.int(), z.positive()),
  handle: z.optional(productFields.handle),
  title: z.optional(productFields.title),
  description: z.optional(productFields.description),
  status: z.optional(z.enum(['draft', 'published'])),
  categoryIds: z.optional(productFields.categoryIds),
  attributes: z.optional(productFields.attributes),
  options: z.optional(productFields.options),
  variants: z.optional(productFields.variants),
  media: z.optional(productFields.media),
});

export const productIdParams = z.strictObject({ id });
export const handleParams = z.strictObject({ handle: handleSchema });

export const listProductsQuery = z.strictObject({
  category: z.optional(id),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
  cursor: cursorQuery(),
});

export const createCategoryBody = z.strictObject({
  name: text(100),
  slug: handleSchema,
  parentId: z._default(z.nullable(id), null),
  position: z._default(z.number().check(z.int(), z.gte(0), z.lte(10_000)), 0),
});

export const updateCategoryBody = z.strictObject({
  version: z.number().check(z.int(), z.positive()),
  name: z.optional(text(100)),
  slug: z.optional(handleSchema),
  parentId: z.optional(z.nullable(id)),
  position: z.optional(z.number().check(z.int(), z.gte(0), z.lte(10_000))),
});

export const categoryIdParams = productIdParams;
export const versionQuery = z.strictObject({
  version: z.optional(z.coerce.number().check(z.int(), z.positive())),
});
