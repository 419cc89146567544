// The shipping events of the catalog, each named once (one module per event), and the schemas they share.
export { ShipmentCancelled } from './shipment-cancelled.ts';
export { ShipmentCreated } from './shipment-created.ts';
export { ShipmentDelivered } from './shipment-delivered.ts';
export { ShipmentInTransit } from './shipment-in-transit.ts';
export { shipmentAnnouncementSchema, shipmentStatusSchema } from './shared.ts';
