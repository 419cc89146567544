// Wiring of the orders service: carts, checkout (the synchronous saga step: pricing quote → inventory
// reserve → order → payment authorize), orders for customers and staff, and the consumers that carry an
// order on from the payment, shipping and inventory events.
import {
  CustomerDeleted,
  CustomerRegistered,
  CustomerUpdated,
  InventoryReservationExpired,
  OrderCancelled,
  OrderCreated,
  OrderDelivered,
  OrderFulfilmentStarted,
  OrderPaid,
  OrderRefunded,
  OrderShipped,
  PaymentAuthorized,
  PaymentCaptured,
  PaymentFailed,
  ProductArchived,
  ProductCreated,
  ProductUpdated,
  ShipmentCreated,
  ShipmentDelivered,
  ShipmentInTransit,
} from '@commerce/events';
import type { ServiceDefinition } from '../constructs/service-definition.ts';
import { ordersRoutes } from './orders.routes.ts';

const dir = 'functions/orders/consumers';

export const ordersService: ServiceDefinition = {
  name: 'orders',
  description: 'Carts, checkout, and orders from payment to delivery, cancellation and refunds.',
  routes: ordersRoutes,
  subscriptions: [
    {
      name: 'product-changed',
      events: [ProductCreated, ProductUpdated, ProductArchived],
      handler: `${dir}/product-changed.ts`,
    },
    {
      name: 'customer-changed',
      events: [CustomerRegistered, CustomerUpdated, CustomerDeleted],
      handler: `${dir}/customer-changed.ts`,
    },
    {
      name: 'payment-events',
      events: [PaymentAuthorized, PaymentCaptured, PaymentFailed],
      handler: `${dir}/payment-events.ts`,
      invokes: [
        { service: 'payment', name: 'capture' },
        { service: 'payment', name: 'void' },
      ],
    },
    {
      name: 'fulfilment-events',
      events: [ShipmentCreated, ShipmentInTransit, ShipmentDelivered, InventoryReservationExpired],
      handler: `${dir}/fulfilment-events.ts`,
    },
  ],
  publishes: [
    OrderCreated,
    OrderPaid,
    OrderFulfilmentStarted,
    OrderShipped,
    OrderDelivered,
    OrderCancelled,
    OrderRefunded,
  ],
  environment: (config) => ({
    ORDERS_HOME_COUNTRY: config.orders.homeCountry,
    ORDERS_DEFAULT_CURRENCY: config.orders.defaultCurrency,
    ORDERS_HOLD_SECONDS: String(config.orders.holdSeconds),
  }),
};
