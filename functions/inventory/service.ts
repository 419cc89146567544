// The inventory service: warehouses, stock per SKU and warehouse with its ledger, public availability, the
// reservations orders take at checkout through internal functions, the consumer that keeps them held once
// the payment is authorized, commits them when the order is paid and releases them when cancelled, and the
// read-only availability search's reindex invokes.
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
import {
  inventoryAvailability,
  inventoryCommit,
  inventoryExtend,
  inventoryRelease,
  inventoryReserve,
} from '@commerce/contracts';
import { defineService } from '@commerce/lambda-kit/service';
import { inventoryRoutes } from './routes.ts';
import { expireReservations } from './schemas.ts';
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
    { contract: inventoryReserve, entry: 'internal/reserve.ts' },
    { contract: inventoryExtend, entry: 'internal/extend.ts' },
    { contract: inventoryCommit, entry: 'internal/commit.ts' },
    { contract: inventoryRelease, entry: 'internal/release.ts' },
    { contract: expireReservations, entry: 'internal/expire-reservations.ts', schedule: 'rate(1 minute)' },
    { contract: inventoryAvailability, entry: 'internal/availability.ts', readOnly: true },
  ],
});
