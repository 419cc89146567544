import { defineEvent } from '../envelope.ts';
import { availabilityChangeSchema } from './shared.ts';

export const InventoryBackInStock = defineEvent({
  producer: 'inventory',
  detailType: 'inventory.back_in_stock',
  version: 1,
  description:
    'A SKU that was out of stock has available units again (received, returned, or a reservation released or ' +
    'expired): waiting customers can be told.',
  data: availabilityChangeSchema,
});
