// Module-scope wiring shared by the review service's functions: validated env, the table, the media service
// (review photos), the review requests' schedules and the use cases, once per cold start.
import { isInternalError, mediaResolve } from '@commerce/contracts';
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import { UnprocessableError } from '@commerce/lambda-kit/errors';
import { internalClient } from '@commerce/lambda-kit/internal-client';
import type { OneTimeSchedules } from '@commerce/lambda-kit/one-time-schedules';
import * as z from 'zod/mini';
import type { PhotoResolver } from './domain/ports.ts';
import { ReviewQueries } from './queries.ts';
import { DynamoRequestStore } from './request-store.ts';
import { ReviewRequests } from './requests.ts';
import { Reviews } from './reviews.ts';
import { DynamoReviewStore } from './store.ts';

const env = loadEnv(
  z.object({
    TABLE_NAME: z.string().check(z.minLength(1)),
    /** How long after a delivery its buyer is asked for reviews (the stage's `reviews.requestDelaySeconds`). */
    REVIEW_REQUEST_DELAY_SECONDS: z.coerce.number().check(z.int(), z.positive()),
  }),
);
const resolve = internalClient(mediaResolve);

/**
 * The buyer's own review photos, ready, from the media service; its refusal (someone else's, not ready, a
 * product image) becomes the request's 422, each field error pointing at that photo in the body.
 */
const photos: PhotoResolver = async (ids, ownerId) => {
  const answer = await resolve.invoke({ ids: [...ids], purpose: 'review', ownerId });
  if (!isInternalError(answer)) return answer.images;
  throw new UnprocessableError(
    answer.error.detail ?? 'Some photos cannot be attached.',
    answer.error.status === 422 ? 'media-not-usable' : 'unprocessable',
    (answer.error.errors ?? []).map((e) => ({
      in: 'body' as const,
      pointer: e.pointer.replace(/^\/ids\/(\d+)$/, '/photos/$1'),
      detail: e.detail,
    })),
  );
};

const db = createDocumentClient();
const store = new DynamoReviewStore(db, env.TABLE_NAME);
export const reviews = new Reviews(store, photos);
export const queries = new ReviewQueries(store);
/** The Scheduler client, loaded when a delivery first writes a schedule (the delivery consumer only). */
let schedules: Promise<OneTimeSchedules> | undefined;
export const requests = new ReviewRequests(
  new DynamoRequestStore(db, env.TABLE_NAME),
  async (name, at, input, description) => {
    schedules ??= import('@commerce/lambda-kit/one-time-schedules').then((m) => new m.OneTimeSchedules());
    await (await schedules).put(name, at, input, description);
  },
  env.REVIEW_REQUEST_DELAY_SECONDS,
);

/** The signed-in person a route ran for (the authorizer let only them in). */
export function principalOf<P>(principal: P | undefined): P {
  if (!principal) throw new Error('A signed-in route ran without a principal');
  return principal;
}
