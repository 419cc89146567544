// GET /availability/{sku} (public): in stock, low on stock or out of stock; never the number of units.
import { httpRoute } from '@commerce/lambda-kit/http';
import { lowStockPolicy, store } from '../runtime.ts';
import { inventoryRoutes } from '../routes.ts';
import { availabilityView } from '../views.ts';

export const handler = httpRoute({
  ...inventoryRoutes['GET /availability/{sku}'],
  handler: async ({ params }) => {
    const [totals] = await store.getTotals([params.sku]);
    return { status: 200, body: availabilityView(params.sku, totals, lowStockPolicy) };
  },
});
