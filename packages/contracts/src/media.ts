// Media's internal function for other services: `resolve`, the processed images behind media ids (the catalog
// when staff attach images to a product; reviews for their photos).
import { mediaPurposeSchema, processedImageSchema } from '@commerce/events';
import * as z from 'zod/mini';
import { correlationIdSchema, defineInternal } from './define.ts';

/** The most media one product or review may show. */
export const MAX_ATTACHED_MEDIA = 20;

export const mediaIdSchema = z
  .string()
  .check(
    z.regex(/^md_[a-z0-9]{20}$/, 'A media id as POST /media/uploads answers it (md_ and 20 characters).'),
  );

/**
 * The images behind `ids`, in the same order, each ready and uploaded for `purpose` (and, when `ownerId` is
 * given, by that user: a customer attaches only their own photos). Refusals: 400 malformed; 422
 * `media-not-usable` with one field error per id that is unknown, still processing, rejected, for another
 * purpose, someone else's, or about to be deleted because nothing used it.
 */
export const mediaResolve = defineInternal({
  service: 'media',
  name: 'resolve',
  description: 'the processed images behind media ids, checked for their purpose and owner (attaching)',
  request: z.strictObject({
    ids: z.array(mediaIdSchema).check(z.maxLength(MAX_ATTACHED_MEDIA)),
    purpose: mediaPurposeSchema,
    ownerId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
    correlationId: correlationIdSchema,
  }),
  reply: z.object({ images: z.array(processedImageSchema) }),
});
