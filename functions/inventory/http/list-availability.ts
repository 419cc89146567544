// GET /availability?skus=a,b (public): the availability of several SKUs at once (a product page's variants).
import { httpRoute } from '@commerce/lambda-kit/http';
import { lowStockPolicy, store } from '../runtime.ts';
import { inventoryRoutes } from '../routes.ts';
import { availabilityView } from '../views.ts';

export const handler = httpRoute({
  ...inventoryRoutes['GET /availability'],
  handler: async ({ query }) => {
    const totals = new Map((await store.getTotals(query.skus)).map((t) => [t.sku, t]));
    return {
      status: 200,
      body: { items: query.skus.map((sku) => availabilityView(sku, totals.get(sku), lowStockPolicy)) },
    };
  },
});
