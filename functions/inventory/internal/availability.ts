// Internal `availability` (contract: inventoryAvailability in @commerce/contracts), read-only: search's
// reindex reads the availability of a batch of SKUs. { skus, correlationId? } → { items }: per SKU, in the
// order asked, its public class with the available units and low-stock threshold behind it, or { error }
// (400 malformed).
import { inventoryAvailability } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { inventory } from '../runtime.ts';

export const handler = internalFunction(inventoryAvailability, async ({ skus }) => ({
  items: await inventory.availabilityUnits(skus),
}));
