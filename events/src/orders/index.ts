// The orders events of the catalog, each named once (one module per event), and the schemas they share.
export { OrderCancelled } from './order-cancelled.ts';
export { OrderCreated } from './order-created.ts';
export { OrderDelivered, orderDeliveredLineSchema } from './order-delivered.ts';
export { OrderFulfilmentStarted } from './order-fulfilment-started.ts';
export { OrderPaid } from './order-paid.ts';
export { OrderRefunded } from './order-refunded.ts';
export { OrderShipped } from './order-shipped.ts';
export {
  orderAddressSchema,
  orderContactSchema,
  orderLineRefSchema,
  orderShipmentSchema,
  orderStatusSchema,
} from './shared.ts';
export { orderCancelReasonSchema } from './order-cancelled.ts';
