// GET /promotions/{id} (staff): one promotion, its version in the etag.
import { httpRoute } from '@commerce/lambda-kit/http';
import { promotionsRoutes } from '../routes.ts';
import { promotions } from '../runtime.ts';

export const handler = httpRoute({
  ...promotionsRoutes['GET /promotions/{id}'],
  handler: async ({ params }) => {
    const promotion = await promotions.get(params.id);
    return { status: 200, body: promotion, headers: { etag: `"${promotion.version}"` } };
  },
});
