import { defineEvent } from '../envelope.ts';
import { availabilityChangeSchema } from './shared.ts';

export const InventoryLowStock = defineEvent({
  producer: 'inventory',
  detailType: 'inventory.low_stock',
  version: 1,
  description:
    'A SKU went from in stock to low stock: its available units over all warehouses fell to the low-stock ' +
    'threshold or below (time to reorder). Sent once per change of class.',
  data: availabilityChangeSchema,
});
