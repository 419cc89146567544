import { defineEvent } from '../envelope.ts';
import { shipmentAnnouncementSchema } from './shared.ts';

export const ShipmentDelivered = defineEvent({
  producer: 'shipping',
  detailType: 'shipment.delivered',
  version: 1,
  description: 'The carrier reports the parcel delivered (final).',
  data: shipmentAnnouncementSchema,
});
