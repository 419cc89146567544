// Module-scope wiring shared by the catalog's handlers: validated env, the DynamoDB client, the store and the
// use cases over it. Built once per cold start; handlers call the use cases instead of creating clients.
import { mediaResolve } from '@commerce/contracts';
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import { UnprocessableError } from '@commerce/lambda-kit/errors';
import { internalClient } from '@commerce/lambda-kit/internal-client';
import { isInternalError } from '@commerce/contracts';
import * as z from 'zod/mini';
import { Catalog } from './catalog.ts';
import { DynamoCatalogStore } from './store.ts';

const env = loadEnv(z.object({ TABLE_NAME: z.string().check(z.minLength(1)) }));
const resolve = internalClient(mediaResolve);

/**
 * The media service's images behind the ids staff attach; its refusal (an id not ready, not a product
 * image) becomes the request's 422, each field error pointing at that image's `id` in the body.
 */
async function resolveImages(ids: readonly string[]) {
  const answer = await resolve.invoke({ ids: [...ids], purpose: 'product' });
  if (!isInternalError(answer)) return answer.images;
  throw new UnprocessableError(
    answer.error.detail ?? 'Some images cannot be attached.',
    answer.error.status === 422 ? 'media-not-usable' : 'unprocessable',
    (answer.error.errors ?? []).map((e) => ({
      in: 'body' as const,
      pointer: e.pointer.replace(/^\/ids\/(\d+)$/, '/media/$1/id'),
      detail: e.detail,
    })),
  );
}

export const catalog = new Catalog(new DynamoCatalogStore(createDocumentClient(), env.TABLE_NAME), {
  resolveImages,
});
