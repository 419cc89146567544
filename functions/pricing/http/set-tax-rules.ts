// PUT /tax-rules (staff): replaces the tax table (rates per country, region and tax class, and the display
// mode per country or region), read at `version` (0 before the first); announces price.changed (scope tax).
import { httpRoute } from '@commerce/lambda-kit/http';
import { pricingRoutes } from '../routes.ts';
import { pricing } from '../runtime.ts';

export const handler = httpRoute({
  ...pricingRoutes['PUT /tax-rules'],
  handler: async ({ body, correlationId }) => ({
    status: 200,
    body: await pricing.setTaxTable(body, { correlationId }),
  }),
});
