// POST /promotions/preview (staff): what a promotion, as the editor holds it and not saved, gives a sample
// basket, or why it gives nothing (preview.ts); reads the catalog copy only.
import { httpRoute } from '@commerce/lambda-kit/http';
import { previewPromotion } from '../preview.ts';
import { promotionsRoutes } from '../routes.ts';
import { catalogCopy } from '../runtime.ts';

export const handler = httpRoute({
  ...promotionsRoutes['POST /promotions/preview'],
  handler: async ({ body }) => ({
    status: 200,
    body: await previewPromotion(body.promotion, body.basket, catalogCopy),
  }),
});
