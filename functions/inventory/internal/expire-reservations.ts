// Internal `expire-reservations`: the expiry sweep. Expires every held reservation whose hold has ended,
// each with the same transactional release path, and announces inventory.reservation_expired. Meant to run
// every minute on a schedule (see docs/inventory.md); any payload is accepted (a scheduled event's is
// ignored), `limit` caps the reservations of one run. Answers { expired: [orderId...], failed: count }.
// No other service calls it, so its contract lives with the service (schemas.ts), not in @commerce/contracts.
import { internalFunction } from '@commerce/lambda-kit/internal';
import { inventory } from '../runtime.ts';
import { expireReservations } from '../schemas.ts';
import { shortages } from './shortages.ts';

export const handler = internalFunction(
  expireReservations,
  async (input, { correlationId }) => inventory.expireDue({ correlationId }, input.limit),
  { extensions: shortages },
);
