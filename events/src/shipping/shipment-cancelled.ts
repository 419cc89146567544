import { defineEvent } from '../envelope.ts';
import { shipmentAnnouncementSchema } from './shared.ts';

export const ShipmentCancelled = defineEvent({
  producer: 'shipping',
  detailType: 'shipment.cancelled',
  version: 1,
  description: 'The shipment was cancelled before the parcel moved; its label is void (final).',
  data: shipmentAnnouncementSchema,
});
