import { defineEvent } from '../envelope.ts';
import { shipmentAnnouncementSchema } from './shared.ts';

export const ShipmentInTransit = defineEvent({
  producer: 'shipping',
  detailType: 'shipment.in_transit',
  version: 1,
  description:
    'The parcel left: announced once per shipment, when it first leaves `created` for anything but ' +
    'cancellation (a carrier scan, or staff marking it shipped), also when the first scan already says ' +
    'delivered, so the order always passes through shipped. `status` is the status reached.',
  data: shipmentAnnouncementSchema,
});
