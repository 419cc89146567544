// POST /media/uploads/{id}/complete (the uploader): assembles an upload sent in parts.
import { httpRoute } from '@commerce/lambda-kit/http';
import { mediaRoutes } from '../routes.ts';
import { media, uploaderOf } from '../runtime.ts';

export const handler = httpRoute({
  ...mediaRoutes['POST /media/uploads/{id}/complete'],
  handler: async ({ principal, params, body }) => ({
    status: 200,
    body: await media.completeUpload(uploaderOf(principal), params.id, body.parts),
  }),
});
