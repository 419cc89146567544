// The event catalog: every event type on the commerce bus. Rules, publishers, consumers and docs import from here.
export * from './envelope.ts';
export * from './definitions.ts';
export { eventCatalog } from './catalog.ts';
export { productSnapshot, categorySnapshot, productStatusSchema } from './catalog/shared.ts';
export { customerSnapshot } from './customer/shared.ts';
export { userGroupSchema } from './user/shared.ts';
export { availabilitySchema, adjustmentReasonSchema, reservationLineSchema } from './inventory/shared.ts';
export { shipmentAnnouncementSchema, shipmentStatusSchema } from './shipping/shared.ts';
export {
  orderAddressSchema,
  orderContactSchema,
  orderLineRefSchema,
  orderShipmentSchema,
  orderStatusSchema,
} from './orders/shared.ts';
export { orderCancelReasonSchema } from './orders/order-cancelled.ts';
