// GET /stock/{sku} (staff): the SKU's level in each warehouse, its totals and availability, and the
// recent ledger.
import { NotFoundError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { lowStockPolicy, store } from '../runtime.ts';
import { inventoryRoutes } from '../routes.ts';
import { availabilityView, levelView } from '../views.ts';

export const handler = httpRoute({
  ...inventoryRoutes['GET /stock/{sku}'],
  handler: async ({ params, query }) => {
    const stock = await store.getStock(params.sku, query.ledgerLimit);
    if (stock.levels.length === 0 && stock.ledger.length === 0) {
      throw new NotFoundError(`No stock of ${params.sku} in any warehouse.`);
    }
    const totals = stock.totals ?? { sku: params.sku, onHand: 0, reserved: 0, available: 0 };
    return {
      status: 200,
      body: {
        ...availabilityView(params.sku, stock.totals, lowStockPolicy),
        totals: { onHand: totals.onHand, reserved: totals.reserved, available: totals.available },
        levels: stock.levels.map(levelView),
        ledger: stock.ledger,
      },
    };
  },
});
