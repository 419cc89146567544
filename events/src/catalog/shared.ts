// Shapes shared by the catalog's events: the product snapshot carried in product.* and the category.
import * as z from 'zod/mini';
import { processedImageSchema } from '../media/image.ts';

const reviewCount = z.number().check(z.int(), z.nonnegative());

export const productStatusSchema = z.enum(['draft', 'published', 'archived']);

export const productVariantSnapshot = z.object({
  sku: z.string(),
  title: z.string(),
  optionValues: z.record(z.string(), z.string()),
  barcode: z.optional(z.string()),
  weightGrams: z.optional(z.number().check(z.int(), z.nonnegative())),
  dimensionsMm: z.optional(
    z.object({
      length: z.number().check(z.int()),
      width: z.number().check(z.int()),
      height: z.number().check(z.int()),
    }),
  ),
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
  // `key` names the image's main file in the media bucket; the rest arrived with the media service and is
  // optional, so consumers of version 1 read the same events.
  media: z.array(
    z.object({
      ...z.partial(processedImageSchema).shape,
      key: z.string(),
      alt: z.optional(z.string()),
    }),
  ),
  // The rating aggregate from review.aggregated. `histogram` and `version` arrived with the review service and
  // are optional, so consumers of version 1 read the same events.
  rating: z.optional(
    z.object({
      average: z.number().check(z.gte(0), z.lte(5)),
      count: z.number().check(z.int(), z.nonnegative()),
      /** Published reviews with 1, 2, 3, 4 and 5 stars. */
      histogram: z.optional(z.array(reviewCount).check(z.length(5))),
      /** The review service's aggregateVersion this rating came from: the catalog keeps the highest. */
      version: z.optional(z.number().check(z.int(), z.positive())),
    }),
  ),
  version: z.number().check(z.int(), z.positive()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const categorySnapshot = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  parentId: z.nullable(z.string()),
  position: z.number().check(z.int()),
  version: z.number().check(z.int(), z.positive()),
});
