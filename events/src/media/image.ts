// The shape of a processed image as every service shows it (the catalog's product media, a review's photos):
// its content-hashed files, which never change once written, so no CDN cache ever needs an invalidation.
import * as z from 'zod/mini';

export const imageFileSchema = z.object({
  /** Where browsers fetch it: the media CDN (or, on the local stage, the emulator's bucket). */
  url: z.string(),
  type: z.enum(['image/avif', 'image/webp']),
  width: z.number().check(z.int(), z.positive()),
  height: z.number().check(z.int(), z.positive()),
});

export const focalPointSchema = z.object({
  /** Fractions of the width and height from the top left corner, 0 to 1. */
  x: z.number().check(z.gte(0), z.lte(1)),
  y: z.number().check(z.gte(0), z.lte(1)),
});

export const processedImageSchema = z.object({
  /** The media id (POST /media/uploads answered it). */
  id: z.string(),
  /** The upright source size in pixels. */
  width: z.number().check(z.int(), z.positive()),
  height: z.number().check(z.int(), z.positive()),
  focalPoint: focalPointSchema,
  /** The widest WebP: the one file every browser shows. */
  url: z.string(),
  /** Where `url` is in the media bucket (its object key). */
  key: z.string(),
  /** Every width in AVIF and WebP, narrowest first: a `srcset` per type. */
  sources: z.array(imageFileSchema),
  /** Square crops around the focal point, AVIF and WebP. */
  thumbnails: z.array(imageFileSchema),
});

export type ImageFile = z.infer<typeof imageFileSchema>;
export type FocalPoint = z.infer<typeof focalPointSchema>;
export type ProcessedImage = z.infer<typeof processedImageSchema>;
