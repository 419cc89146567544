// Module-scope wiring shared by the media service's functions: validated env, the table, the bucket, the
// renderer (sharp loads on first use, in the upload consumer only) and the use cases, once per cold start.
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import { S3Files } from './adapters/s3-files.ts';
import type { Renderer } from './domain/ports.ts';
import type { Uploader } from './domain/upload.ts';
import { Media } from './media.ts';
import { DynamoMediaStore } from './store.ts';

const env = loadEnv(
  z.object({
    TABLE_NAME: z.string().check(z.minLength(1)),
    BUCKET_NAME: z.string().check(z.minLength(1)),
    /** Where browsers read the served files: the CDN, or the local stage's bucket URL. */
    PUBLIC_BASE_URL: z.url(),
    MEDIA_DETACHED_GRACE_SECONDS: z.coerce.number().check(z.int(), z.nonnegative()),
    MEDIA_UNATTACHED_GRACE_SECONDS: z.coerce.number().check(z.int(), z.positive()),
    /** Where browsers send uploads, on the local stage only (the emulator's address as browsers know it). */
    MEDIA_UPLOAD_ENDPOINT: z.optional(z.url()),
  }),
);

/** The renderer, imported when the first upload is processed (it pulls in sharp and libvips). */
const render: Renderer = async (bytes, options) => {
  const { renderImage } = await import('./adapters/sharp-renderer.ts');
  return renderImage(bytes, options);
};

export const media = new Media(
  new DynamoMediaStore(createDocumentClient(), env.TABLE_NAME),
  new S3Files(env.BUCKET_NAME, env.PUBLIC_BASE_URL, env.MEDIA_UPLOAD_ENDPOINT),
  render,
  {
    detachedGraceSeconds: env.MEDIA_DETACHED_GRACE_SECONDS,
    unattachedGraceSeconds: env.MEDIA_UNATTACHED_GRACE_SECONDS,
  },
);

const STAFF_GROUPS = ['staff', 'admin'];

/** The uploader a request's principal is (the authorizer let only signed-in users in). */
export function uploaderOf(principal: { sub: string; groups: readonly string[] } | undefined): Uploader {
  if (!principal) throw new Error('A media route ran without a principal');
  return { sub: principal.sub, staff: principal.groups.some((g) => STAFF_GROUPS.includes(g)) };
}
