// Internal `expire-reservations`: the expiry sweep. Expires every held reservation whose hold has ended,
// each with the same transactional release path, and announces inventory.reservation_expired. Meant to run
// every minute on a schedule (see docs/inventory.md); any payload is accepted (a scheduled event's is
// ignored), `limit` caps the reservations of one run. Answers { expired: [orderId...], failed: count }.
// No other service calls it, so its contract lives with the service (schemas.ts), not in @commerce/contracts.
import { internalFunction } from '@commerce/lambda-kit/internal';
import { logger, metrics } from '@commerce/lambda-kit/observability';
import { inventory } from '../runtime.ts';
import { expireReservations } from '../schemas.ts';
import { shortages } from './shortages.ts';

export const handler = internalFunction(
  expireReservations,
  async (input, { correlationId }) => {
    const { expired, failed } = await inventory.sweep({ correlationId }, input.limit);
    for (const { id, error } of failed) {
      logger.warn('Reservation not expired; the next sweep retries', { orderId: id, error });
    }
    if (expired.length > 0) metrics.addMetric('ReservationsExpired', 'Count', expired.length);
    if (failed.length > 0) metrics.addMetric('ReservationExpiryFailures', 'Count', failed.length);
    return { expired, failed: failed.length };
  },
  { extensions: shortages },
);
