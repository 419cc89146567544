// POST /stock/{sku}/adjustments (staff): changes on-hand units in one warehouse with a reason, kept in the
// ledger, announced as inventory.adjusted (and low, out of or back in stock when the class changes).
import { UnauthorizedError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { inventory } from '../runtime.ts';
import { inventoryRoutes } from '../routes.ts';
import { levelView } from '../views.ts';

export const handler = httpRoute({
  ...inventoryRoutes['POST /stock/{sku}/adjustments'],
  handler: async ({ params, body, principal, correlationId }) => {
    if (!principal) throw new UnauthorizedError('Sign in as staff.');
    const { entry, level } = await inventory.adjust(
      params.sku,
      body.warehouseId,
      {
        delta: body.delta,
        reason: body.reason,
        actor: principal.sub,
        ...(body.note !== undefined ? { note: body.note } : {}),
      },
      { correlationId },
    );
    return { status: 201, body: { entry, level: levelView(level) } };
  },
});
