import { defineEvent } from '../envelope.ts';
import { shipmentAnnouncementSchema } from './shared.ts';

export const ShipmentCreated = defineEvent({
  producer: 'shipping',
  detailType: 'shipment.created',
  version: 1,
  description:
    'The carrier issued a label and a tracking number for an order; nothing has moved yet (status `created`).',
  data: shipmentAnnouncementSchema,
});
