// POST /media/uploads (signed-in users): starts the upload of a review photo, counted against the
// customer's day; answers how to send the bytes.
import { httpRoute } from '@commerce/lambda-kit/http';
import { mediaRoutes } from '../routes.ts';
import { media, uploaderOf } from '../runtime.ts';

export const handler = httpRoute({
  ...mediaRoutes['POST /media/uploads'],
  handler: async ({ principal, body }) => ({
    status: 201,
    body: await media.createUpload(uploaderOf(principal), { ...body, purpose: 'review' }),
  }),
});
