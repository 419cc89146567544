// An image from the browser straight to the media bucket, for both apps: the checks the API makes before an
// upload (type, size), the upload as the route of its kind answers it (POST /media/product-uploads for staff's
// product images, POST /media/uploads for customers' review photos: one multipart/form-data POST, or a PUT per
// part and then POST /media/uploads/{id}/complete with their ETags), and the wait (GET /media/{id}) until the
// media service has checked and rendered it, or rejected it.
import type { components } from '@commerce/api-client';
import type { CommerceClient } from './api.ts';
import { must } from './problem.ts';

type Media = components['schemas']['Media'];
type UploadInstructions = components['schemas']['UploadInstructions'];
export type ImageType = components['schemas']['CreateProductUploadRequest']['contentType'];
/** The checked, rendered image: its files' URLs, sizes and focal point. */
export type ProcessedImage = NonNullable<Media['image']>;

/** What the API takes for an image of either kind (CreateProductUploadRequest, CreateReviewUploadRequest). */
export const IMAGE_TYPES: readonly ImageType[] = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/gif',
];

/** What is uploaded: the route that starts it, the most bytes the route takes and what messages call a file. */
export interface UploadKind {
  readonly route: '/media/product-uploads' | '/media/uploads';
  readonly maxBytes: number;
  /** One file in a message: "an image", "a photo". */
  readonly noun: string;
}

/** A product image (staff): 25 MiB at most. */
export const PRODUCT_IMAGE_UPLOAD: UploadKind = {
  route: '/media/product-uploads',
  maxBytes: 26_214_400,
  noun: 'an image',
};

/** A review photo (the customer who writes the review): 10 MiB at most. */
export const REVIEW_PHOTO_UPLOAD: UploadKind = {
  route: '/media/uploads',
  maxBytes: 10_485_760,
  noun: 'a photo',
};

/** How often GET /media/{id} is asked, and for how long, before the wait is given up. */
const POLL_EVERY_MS = 500;
const POLL_FOR_MS = 60_000;

const isImageType = (type: string): type is ImageType => (IMAGE_TYPES as readonly string[]).includes(type);

const mebibytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`;

/** Why the API would refuse `file` as `kind` before any byte is sent, or undefined when it may be uploaded. */
export function imageFileProblem(file: File, kind: UploadKind): string | undefined {
  if (!isImageType(file.type)) return `${file.name} is not a JPEG, PNG, WebP, AVIF or GIF image.`;
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > kind.maxBytes) {
    const most = `${kind.maxBytes / 1_048_576} MiB`;
    return `${file.name} is too large (${mebibytes(file.size)}): ${kind.noun} may be at most ${most}.`;
  }
  return undefined;
}

/** What became of an upload: a served image, or the media service's reason for refusing it. */
export type UploadOutcome =
  | { readonly status: 'ready'; readonly image: ProcessedImage }
  | { readonly status: 'rejected'; readonly detail: string };

/**
 * Uploads `file` as `kind` and waits until it is ready or rejected; `onProcessing` is called once the bytes
 * are in the bucket. Throws the API's problem (ApiProblem), a failed storage request or a wait over a minute
 * as an Error, and the abort reason once `signal` aborts.
 */
export async function uploadImage(
  client: CommerceClient,
  kind: UploadKind,
  file: File,
  options: { readonly signal: AbortSignal; readonly onProcessing: () => void },
): Promise<UploadOutcome> {
  const { signal } = options;
  const contentType = file.type;
  if (!isImageType(contentType)) throw new Error(imageFileProblem(file, kind));
  const started = must(await client.POST(kind.route, { body: { contentType, size: file.size }, signal }));
  await sendBytes(client, started.id, started.upload, file, signal);
  options.onProcessing();
  return settled(client, started.id, signal);
}

/** The bytes to storage as `upload` says: every form field then the file, or each part then complete. */
async function sendBytes(
  client: CommerceClient,
  id: string,
  upload: UploadInstructions,
  file: File,
  signal: AbortSignal,
): Promise<void> {
  if (upload.method === 'POST') {
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', file);
    const res = await fetch(upload.url, { method: 'POST', body: form, signal });
    if (!res.ok) throw new Error(`The storage refused the upload (HTTP ${res.status}).`);
    return;
  }
  const { partSize } = upload;
  const parts = await Promise.all(
    upload.parts.map(async ({ partNumber, url }) => {
      const start = (partNumber - 1) * partSize;
      const res = await fetch(url, { method: 'PUT', body: file.slice(start, start + partSize), signal });
      if (!res.ok) throw new Error(`The storage refused part ${partNumber} (HTTP ${res.status}).`);
      const etag = res.headers.get('ETag');
      if (!etag) throw new Error(`The storage did not tell the ETag of part ${partNumber}.`);
      return { partNumber, etag };
    }),
  );
  must(
    await client.POST('/media/uploads/{id}/complete', { params: { path: { id } }, body: { parts }, signal }),
  );
}

/** Asks GET /media/{id} every half second until the upload left awaiting-upload, for a minute at most. */
async function settled(client: CommerceClient, id: string, signal: AbortSignal): Promise<UploadOutcome> {
  const giveUpAt = Date.now() + POLL_FOR_MS;
  for (;;) {
    const media = must(await client.GET('/media/{id}', { params: { path: { id } }, signal }));
    if (media.status === 'ready' && media.image) return { status: 'ready', image: media.image };
    if (media.status === 'rejected') {
      return { status: 'rejected', detail: media.rejection?.detail ?? 'It is not a usable image.' };
    }
    if (media.status === 'purged') {
      return { status: 'rejected', detail: 'It was deleted before anything used it; upload it again.' };
    }
    if (Date.now() >= giveUpAt) {
      throw new Error('Processing is taking more than a minute; try again later.');
    }
    await pause(POLL_EVERY_MS, signal);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const aborted = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', aborted);
      resolve();
    }, ms);
    signal.addEventListener('abort', aborted, { once: true });
  });
}
