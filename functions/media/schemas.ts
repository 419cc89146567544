// The media service's request and response shapes (zod/mini), shared by its routes and handlers.
import { focalPointSchema, mediaPurposeSchema, processedImageSchema } from '@commerce/events';
import { mediaIdSchema } from '@commerce/contracts';
import * as z from 'zod/mini';
import { PURPOSE_LIMITS, UPLOAD_CONTENT_TYPES } from './domain/upload.ts';

const contentType = z
  .enum(UPLOAD_CONTENT_TYPES)
  .check(z.describe('What the file is; its bytes must be that format (checked after the upload).'));

const uploadBody = (maxBytes: number, what: string) =>
  z.strictObject({
    contentType,
    size: z
      .number()
      .check(
        z.int(),
        z.gte(1),
        z.lte(maxBytes),
        z.describe(`The file's exact size in bytes; ${what} may be at most ${maxBytes} bytes.`),
      ),
    focalPoint: z.optional(
      z
        .strictObject(focalPointSchema.shape)
        .check(
          z.describe(
            'What must stay in view when the image is cropped (square thumbnails); the centre if absent.',
          ),
        ),
    ),
  });

export const productUploadBody = uploadBody(PURPOSE_LIMITS.product.maxBytes, 'a product image');
export const reviewUploadBody = uploadBody(PURPOSE_LIMITS.review.maxBytes, 'a review photo');

export const mediaIdParams = z.strictObject({ id: mediaIdSchema });

export const completeUploadBody = z.strictObject({
  parts: z
    .array(
      z.strictObject({
        partNumber: z.number().check(z.int(), z.gte(1), z.lte(10_000)),
        etag: z
          .string()
          .check(z.minLength(1), z.maxLength(200), z.describe('The ETag S3 answered the part’s PUT with.')),
      }),
    )
    .check(z.minLength(1), z.maxLength(10_000)),
});

export const mediaSchema = z
  .object({
    id: mediaIdSchema,
    purpose: mediaPurposeSchema,
    status: z
      .enum(['awaiting-upload', 'ready', 'rejected', 'purged'])
      .check(
        z.describe(
          'awaiting-upload until the bytes arrive and are checked (seconds); ready: `image` is served; ' +
            'rejected: see `rejection`, nothing is served; purged: nothing used it and its files are gone.',
        ),
      ),
    contentType: z.string(),
    size: z.number().check(z.int()),
    image: z.optional(processedImageSchema),
    rejection: z.optional(z.object({ reason: z.string(), detail: z.string() })),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .check(z.meta({ id: 'Media' }));

const uploadInstructions = z
  .union([
    z.object({
      method: z.literal('POST'),
      url: z.string(),
      fields: z
        .record(z.string(), z.string())
        .check(z.describe('Send these as form fields, then the file as the last field, `file`.')),
    }),
    z.object({
      method: z.literal('PUT'),
      partSize: z.number().check(z.int(), z.describe('Every part but the last has exactly this many bytes.')),
      parts: z.array(z.object({ partNumber: z.number().check(z.int()), url: z.string() })),
    }),
  ])
  .check(
    z.meta({ id: 'UploadInstructions' }),
    z.describe(
      'How to send the bytes straight to storage: one multipart/form-data POST; or, for large files, a PUT ' +
        'of each part and then POST /media/uploads/{id}/complete with their ETags.',
    ),
  );

export const uploadSchema = z
  .object({ ...mediaSchema.shape, upload: uploadInstructions, expiresAt: z.iso.datetime() })
  .check(z.meta({ id: 'MediaUpload' }));
