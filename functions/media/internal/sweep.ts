// Internal `sweep`, on a schedule: deletes the files of images whose grace period is over and that nothing
// shows (docs/media.md, "Deletion"). Any payload is accepted (a scheduled event's is ignored); answers
// { purged }. No other service calls it, so its contract lives with the service.
import { internalFunction } from '@commerce/lambda-kit/internal';
import { media } from '../runtime.ts';
import { mediaSweep } from '../sweep-contract.ts';

export const handler = internalFunction(mediaSweep, async ({ limit }) => ({
  purged: await media.sweep(limit),
}));
