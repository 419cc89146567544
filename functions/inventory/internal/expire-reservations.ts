// Internal `expire-reservations`: the expiry sweep. Expires every held reservation whose hold has ended,
// each with the same transactional release path, and announces inventory.reservation_expired. Meant to run
// every minute on a schedule (see docs/inventory.md); any payload is accepted (a scheduled event's is
// ignored), `limit` caps the reservations of one run. Answers { expired: [orderId...], failed: count }.
// No other service calls it, so its definition lives here rather than in @commerce/contracts.
import { defineInternal } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { logger, metrics } from '@commerce/lambda-kit/observability';
import * as z from 'zod';
import { inventory } from '../runtime.ts';
import { correlationId } from '../schemas.ts';
import { shortages } from './shortages.ts';

const expireReservations = defineInternal({
  service: 'inventory',
  name: 'expireReservations',
  description: 'the expiry sweep: expires held reservations whose hold has ended',
  request: z.looseObject({ limit: z.number().int().min(1).max(5000).optional(), correlationId }),
  reply: z.object({ expired: z.array(z.string()), failed: z.number().int().min(0) }),
});

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
