// GET /media/{id} (the uploader, or staff): an upload and what became of it.
import { httpRoute } from '@commerce/lambda-kit/http';
import { mediaRoutes } from '../routes.ts';
import { media, uploaderOf } from '../runtime.ts';

export const handler = httpRoute({
  ...mediaRoutes['GET /media/{id}'],
  handler: async ({ principal, params }) => ({
    status: 200,
    body: await media.view(uploaderOf(principal), params.id),
  }),
});
