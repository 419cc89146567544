// GET /stock/{sku} (staff): the SKU's level in each warehouse, its totals and availability, and the
// recent ledger; 404 when no warehouse ever had it.
import { httpRoute } from '@commerce/lambda-kit/http';
import { inventory } from '../runtime.ts';
import { inventoryRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...inventoryRoutes['GET /stock/{sku}'],
  handler: async ({ params, query }) => ({
    status: 200,
    body: await inventory.stock(params.sku, query.ledgerLimit),
  }),
});
