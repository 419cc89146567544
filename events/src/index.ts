// The event catalog: every event type on the commerce bus. Rules, publishers, consumers and docs import from here.
import { CategoryCreated } from './catalog/category-created.ts';
import { CategoryDeleted } from './catalog/category-deleted.ts';
import { CategoryUpdated } from './catalog/category-updated.ts';
import { ProductArchived } from './catalog/product-archived.ts';
import { ProductCreated } from './catalog/product-created.ts';
import { ProductUpdated } from './catalog/product-updated.ts';
import { CustomerDeleted } from './customer/customer-deleted.ts';
import { CustomerRegistered } from './customer/customer-registered.ts';
import { CustomerUpdated } from './customer/customer-updated.ts';
import { InventoryAdjusted } from './inventory/inventory-adjusted.ts';
import { InventoryLowStock } from './inventory/inventory-low-stock.ts';
import { InventoryOutOfStock } from './inventory/inventory-out-of-stock.ts';
import { InventoryBackInStock } from './inventory/inventory-back-in-stock.ts';
import { InventoryReserved } from './inventory/inventory-reserved.ts';
import { InventoryCommitted } from './inventory/inventory-committed.ts';
import { InventoryReleased } from './inventory/inventory-released.ts';
import { InventoryReservationExpired } from './inventory/inventory-reservation-expired.ts';
import type { EventDefinition } from './envelope.ts';
import { OrderCreated } from './orders/order-created.ts';
import { OrderPaid } from './orders/order-paid.ts';
import { OrderFulfilmentStarted } from './orders/order-fulfilment-started.ts';
import { OrderShipped } from './orders/order-shipped.ts';
import { OrderDelivered } from './orders/order-delivered.ts';
import { OrderCancelled } from './orders/order-cancelled.ts';
import { OrderRefunded } from './orders/order-refunded.ts';
import { PaymentAuthorized } from './payment/payment-authorized.ts';
import { PaymentCaptured } from './payment/payment-captured.ts';
import { PaymentFailed } from './payment/payment-failed.ts';
import { PaymentRefunded } from './payment/payment-refunded.ts';
import { PaymentRequiresAction } from './payment/payment-requires-action.ts';
import { PaymentVoided } from './payment/payment-voided.ts';
import { PriceChanged } from './pricing/price-changed.ts';
import { ReviewAggregated } from './review/review-aggregated.ts';
import { ShipmentCancelled } from './shipping/shipment-cancelled.ts';
import { ShipmentCreated } from './shipping/shipment-created.ts';
import { ShipmentDelivered } from './shipping/shipment-delivered.ts';
import { ShipmentInTransit } from './shipping/shipment-in-transit.ts';
import { UserDisabled } from './user/user-disabled.ts';
import { UserEnabled } from './user/user-enabled.ts';
import { UserGroupAdded } from './user/user-group-added.ts';
import { UserGroupRemoved } from './user/user-group-removed.ts';
import { UserInvited } from './user/user-invited.ts';
import { UserPasswordReset } from './user/user-password-reset.ts';
import { UserSignedOut } from './user/user-signed-out.ts';

export * from './envelope.ts';
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
export {
  CategoryCreated,
  CategoryDeleted,
  CategoryUpdated,
  ProductArchived,
  ProductCreated,
  ProductUpdated,
  ReviewAggregated,
  CustomerRegistered,
  CustomerUpdated,
  CustomerDeleted,
  PriceChanged,
  UserInvited,
  UserDisabled,
  UserEnabled,
  UserGroupAdded,
  UserGroupRemoved,
  UserPasswordReset,
  UserSignedOut,
  InventoryAdjusted,
  InventoryLowStock,
  InventoryOutOfStock,
  InventoryBackInStock,
  InventoryReserved,
  InventoryCommitted,
  InventoryReleased,
  InventoryReservationExpired,
  PaymentAuthorized,
  PaymentRequiresAction,
  PaymentFailed,
  PaymentCaptured,
  PaymentVoided,
  PaymentRefunded,
  ShipmentCreated,
  ShipmentInTransit,
  ShipmentDelivered,
  ShipmentCancelled,
  OrderCreated,
  OrderPaid,
  OrderFulfilmentStarted,
  OrderShipped,
  OrderDelivered,
  OrderCancelled,
  OrderRefunded,
};

/** Every event in the catalog, for documentation and contract tests. */
export const eventCatalog: readonly EventDefinition[] = [
  ProductCreated,
  ProductUpdated,
  ProductArchived,
  CategoryCreated,
  CategoryUpdated,
  CategoryDeleted,
  ReviewAggregated,
  CustomerRegistered,
  CustomerUpdated,
  CustomerDeleted,
  PriceChanged,
  UserInvited,
  UserDisabled,
  UserEnabled,
  UserGroupAdded,
  UserGroupRemoved,
  UserPasswordReset,
  UserSignedOut,
  InventoryAdjusted,
  InventoryLowStock,
  InventoryOutOfStock,
  InventoryBackInStock,
  InventoryReserved,
  InventoryCommitted,
  InventoryReleased,
  InventoryReservationExpired,
  PaymentAuthorized,
  PaymentRequiresAction,
  PaymentFailed,
  PaymentCaptured,
  PaymentVoided,
  PaymentRefunded,
  ShipmentCreated,
  ShipmentInTransit,
  ShipmentDelivered,
  ShipmentCancelled,
  OrderCreated,
  OrderPaid,
  OrderFulfilmentStarted,
  OrderShipped,
  OrderDelivered,
  OrderCancelled,
  OrderRefunded,
];

/** Looks an event definition up by its source and detail-type. */
export function findEvent(source: string, detailType: string): EventDefinition | undefined {
  return eventCatalog.find((e) => e.source === source && e.detailType === detailType);
}
