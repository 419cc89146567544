// The manual carrier: staff pack the parcel, hand it to whichever carrier they use and enter its tracking
// number (POST /shipments/{id}/ship). No label API and no network: creating a shipment only records that a
// parcel waits for hand-over, under a provisional reference; cancelling it needs no one's consent until
// staff mark it shipped (from then on the shipment's own state refuses: docs/shipping.md, "The manual
// carrier"). It sends no webhooks and has no tracking of its own.
import { NotFoundError, ValidationError } from '@commerce/lambda-kit/errors';
import type { CreatedShipment, CreateShipmentRequest } from '../domain/carrier.ts';
import type { Carrier } from '../domain/ports.ts';

export const MANUAL_CARRIER = 'manual';
/** The provisional tracking reference of a parcel waiting for hand-over; staff replace it when they ship. */
export const MANUAL_REFERENCE_PREFIX = 'MANUAL-';

/** `MANUAL-<shipmentId>` as tracking number and carrier reference: a retry gets the same, no label. */
function created(request: CreateShipmentRequest): CreatedShipment {
  if (request.shipmentId.length === 0) {
    throw new ValidationError([{ in: 'body', pointer: '/shipmentId', detail: 'Must not be empty.' }]);
  }
  const reference = `${MANUAL_REFERENCE_PREFIX}${request.shipmentId}`;
  return { trackingNumber: reference, carrierRef: reference };
}

export function manualCarrier(): Carrier {
  return {
    name: MANUAL_CARRIER,
    // The executor's throw (an empty shipment id) becomes the rejection.
    createShipment: (request) => new Promise((resolve) => resolve(created(request))),
    // Nothing was booked anywhere: there is nothing to void. A parcel staff marked shipped is refused by the
    // shipment's state (in_transit cannot be cancelled), which the cancelling use case checks.
    cancel: () => Promise.resolve({ outcome: 'cancelled' }),
    track: (trackingNumber) =>
      Promise.reject(
        new NotFoundError(`The manual carrier keeps no tracking; ${trackingNumber} is followed by hand.`),
      ),
    parseWebhook: () => Promise.reject(new NotFoundError('The manual carrier sends no webhooks.')),
  };
}
