// Wiring of the inventory service: warehouses, stock per SKU per warehouse with its ledger, public
// availability, the reservations orders take at checkout through internal functions, and the consumer that
// commits or releases them when an order is paid or cancelled.
import {
  InventoryAdjusted,
  InventoryBackInStock,
  InventoryCommitted,
  InventoryLowStock,
  InventoryOutOfStock,
  InventoryReleased,
  InventoryReservationExpired,
  InventoryReserved,
  OrderCancelled,
  OrderPaid,
} from '@commerce/events';
import type { ServiceDefinition } from '../constructs/service-definition.ts';
import { inventoryRoutes } from './inventory.routes.ts';

const dir = 'functions/inventory/internal';

export const inventoryService: ServiceDefinition = {
  name: 'inventory',
  description:
    'Warehouses, stock per SKU and warehouse, the adjustment ledger, availability and reservations.',
  routes: inventoryRoutes,
  subscriptions: [
    {
      name: 'order-events',
      events: [OrderPaid, OrderCancelled],
      handler: 'functions/inventory/consumers/order-events.ts',
    },
  ],
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
