// The inventory service: warehouses, stock per SKU and warehouse with its ledger, public availability, the
// reservations orders take at checkout through internal functions, and the consumer that commits or
// releases them when an order is paid or cancelled.
import {
  InventoryAdjusted,
  InventoryBackInStock,
  InventoryCommitted,
  InventoryLowStock,
  InventoryOutOfStock,
  InventoryReleased,
  InventoryReservationExpired,
  InventoryReserved,
} from '@commerce/events';
import { defineService } from '@commerce/lambda-kit/service';
import { inventoryRoutes } from './routes.ts';
import { inventorySubscriptions } from './subscriptions.ts';

export const inventoryService = defineService({
  name: 'inventory',
  description:
    'Warehouses, stock per SKU and warehouse, the adjustment ledger, availability and reservations.',
  routes: inventoryRoutes,
  subscriptions: inventorySubscriptions,
  publishes: [
    InventoryAdjusted,
    InventoryLowStock,
    InventoryOutOfStock,
    InventoryBackInStock,
    InventoryReserved,
    InventoryCommitted,
    InventoryReleased,
    InventoryReservationExpired,
  ],
  internal: [
    {
      name: 'reserve',
      entry: 'internal/reserve.ts',
      description: 'holds stock for all lines of an order or none (checkout)',
    },
    {
      name: 'commit',
      entry: 'internal/commit.ts',
      description: "sells an order's held units once its payment succeeded",
    },
    {
      name: 'release',
      entry: 'internal/release.ts',
      description: "gives an order's units back (cancelled, payment failed)",
    },
    {
      name: 'expireReservations',
      entry: 'internal/expire-reservations.ts',
      description: 'the expiry sweep: expires held reservations whose hold has ended',
      schedule: 'rate(1 minute)',
    },
  ],
});
