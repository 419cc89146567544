// The inventory events of the catalog, each named once (one module per event), and the schemas they share.
export { InventoryAdjusted } from './inventory-adjusted.ts';
export { InventoryBackInStock } from './inventory-back-in-stock.ts';
export { InventoryCommitted } from './inventory-committed.ts';
export { InventoryLowStock } from './inventory-low-stock.ts';
export { InventoryOutOfStock } from './inventory-out-of-stock.ts';
export { InventoryReleased } from './inventory-released.ts';
export { InventoryReservationExpired } from './inventory-reservation-expired.ts';
export { InventoryReserved } from './inventory-reserved.ts';
export { availabilitySchema, adjustmentReasonSchema, reservationLineSchema } from './shared.ts';
