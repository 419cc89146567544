// media.processed and media.rejected: what became of an upload once its bytes were checked.
import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { processedImageSchema } from './image.ts';

export const mediaPurposeSchema = z.enum(['product', 'review']);

const upload = {
  mediaId: z.string().check(z.minLength(1)),
  purpose: mediaPurposeSchema,
  /** Who uploaded it: the user's sub. */
  ownerId: z.string().check(z.minLength(1)),
};

export const MediaProcessed = defineEvent({
  producer: 'media',
  detailType: 'media.processed',
  version: 1,
  description:
    'An upload passed the checks of its bytes and its derivatives (AVIF and WebP at several widths, square ' +
    'thumbnails) are served; it can be attached to a product or a review.',
  data: z.strictObject({ ...upload, image: processedImageSchema }),
});

export const MediaRejected = defineEvent({
  producer: 'media',
  detailType: 'media.rejected',
  version: 1,
  description: 'An upload failed the checks of its bytes; it was deleted and is never served.',
  data: z.strictObject({
    ...upload,
    reason: z.enum([
      'not-an-image',
      'unsupported-format',
      'too-many-pixels',
      'too-large',
      'type-mismatch',
      'corrupt',
    ]),
    detail: z.string(),
  }),
});
