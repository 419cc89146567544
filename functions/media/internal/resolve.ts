// Internal `resolve` (contract: mediaResolve in @commerce/contracts): the processed images behind media ids,
// for the service attaching them (the catalog, reviews). Answers { images } in the order asked, or { error }
// (400 malformed, 422 media-not-usable with a field error per id).
import { mediaResolve } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { media } from '../runtime.ts';

export const handler = internalFunction(mediaResolve, async ({ ids, purpose, ownerId }) => ({
  images: await media.resolve(ids, { purpose, ownerId }),
}));
