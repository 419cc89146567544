// PUT /promotions/{id} (staff): replaces a promotion read at `version`; a stale version gets 409.
import { eventContextOf, httpRoute } from '@commerce/lambda-kit/http';
import { promotionsRoutes } from '../routes.ts';
import { promotions } from '../runtime.ts';

export const handler = httpRoute({
  ...promotionsRoutes['PUT /promotions/{id}'],
  handler: async ({ params, body: { version, ...content }, ...request }) => {
    const promotion = await promotions.replace(params.id, content, version, eventContextOf(request));
    return { status: 200, body: promotion, headers: { etag: `"${promotion.version}"` } };
  },
});
