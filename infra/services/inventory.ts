// Wiring of the inventory service: warehouses, stock per SKU per warehouse with its ledger, public
// availability, and the reservations orders take at checkout through internal functions.
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
import type { ServiceDefinition } from '../constructs/service-definition.ts';
import { inventoryRoutes } from './inventory.routes.ts';

const dir = 'functions/inventory/internal';

export const inventoryService: ServiceDefinition = {
  name: 'inventory',
  description:
    'Warehouses, stock per SKU and warehouse, the adjustment ledger, availability and reservations.',
  routes: inventoryRoutes,
  // Orders call commit and release synchronously; consumers of payment.* and order.cancelled follow when
  // those events exist (docs/inventory.md).
  subscriptions: [],
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
      handler: `${dir}/reserve.ts`,
      description: 'holds stock for all lines of an order or none (checkout)',
    },
    {
      name: 'commit',
      handler: `${dir}/commit.ts`,
      description: "sells an order's held units once its payment succeeded",
    },
    {
      name: 'release',
      handler: `${dir}/release.ts`,
      description: "gives an order's units back (cancelled, payment failed)",
    },
    {
      name: 'expireReservations',
      handler: `${dir}/expire-reservations.ts`,
      description: 'the expiry sweep: expires held reservations whose hold has ended',
      schedule: 'rate(1 minute)',
    },
  ],
};
