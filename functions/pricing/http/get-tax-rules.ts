// GET /tax-rules (staff): the tax table with its version (empty, version 0, until first set).
import { httpRoute } from '@commerce/lambda-kit/http';
import { store } from '../runtime.ts';
import { pricingRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...pricingRoutes['GET /tax-rules'],
  handler: async () => ({ status: 200, body: await store.getTaxTable() }),
});
