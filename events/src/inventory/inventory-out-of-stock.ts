import { defineEvent } from '../envelope.ts';
import { availabilityChangeSchema } from './shared.ts';

export const InventoryOutOfStock = defineEvent({
  producer: 'inventory',
  detailType: 'inventory.out_of_stock',
  version: 1,
  description:
    'A SKU has no available units left in any warehouse (sold, reserved or written off). Sent once per change ' +
    'of class; a drop straight from in stock says only this.',
  data: availabilityChangeSchema,
});
