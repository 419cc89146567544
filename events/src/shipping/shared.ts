// Shapes shared by the shipment.* events: the shipment statuses and the data every announcement carries.
import * as z from 'zod/mini';

export const shipmentStatusSchema = z.enum([
  'created',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
  'cancelled',
]);

/** What every shipment.* event carries: the shipment, its order and tracking, the status it reached, when. */
export const shipmentAnnouncementSchema = z.strictObject({
  shipmentId: z.string().check(z.minLength(1)),
  orderId: z.string().check(z.minLength(1)),
  /** The carrier that carries the parcel ('sandbox', ...). */
  carrier: z.string().check(z.minLength(1)),
  /** The shipping method (service level) the customer chose. */
  service: z.string().check(z.minLength(1)),
  trackingNumber: z.string().check(z.minLength(1)),
  trackingUrl: z.optional(z.url()),
  status: shipmentStatusSchema,
  /** When it happened: the carrier's scan time, or when staff or the system recorded it. */
  at: z.iso.datetime({ offset: true }),
});
