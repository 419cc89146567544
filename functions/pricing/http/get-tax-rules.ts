// GET /tax-rules (staff): the tax table with its version (empty, version 0, until first set).
import { httpRoute } from '@commerce/lambda-kit/http';
import { pricingRoutes } from '../routes.ts';
import { pricing } from '../runtime.ts';

export const handler = httpRoute({
  ...pricingRoutes['GET /tax-rules'],
  handler: async () => ({ status: 200, body: await pricing.taxTable() }),
});
