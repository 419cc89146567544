// Part 7 of the bench: how long an image takes from the browser's form POST to its served files. A
// generated 2000 × 1500 JPEG (a photo's size from a studio) is uploaded `uploads` times one after another
// as staff upload a product image (POST /media/product-uploads, then the presigned form POST), and each is
// polled (GET /media/{id}) until it is ready: p50 and max of upload-to-derivatives, target p50 ≤
// MEDIA_TARGETS.uploadToDerivativesMs on the local cloud (the upload consumer checks the bytes and renders
// ten files: AVIF and WebP at four widths and the square thumbnails).
import { accessToken, ensureDemoUsers, identityOutputs, readDeployedOutputs } from '@commerce/local-cloud';
import sharp from 'sharp';
import { call, must } from './checkout-bench.ts';
import { percentile } from './stats.ts';

export const MEDIA_TARGETS = {
  /** p50 from the form POST to the media record being ready, on the local cloud. */
  uploadToDerivativesMs: 5_000,
} as const;

export interface MediaBench {
  readonly n: number;
  readonly bytes: number;
  readonly p50: number;
  readonly max: number;
  readonly pass: boolean;
}

const POLL_MS = 100;
const GIVE_UP_MS = 60_000;

export async function mediaBench(
  baseUrl: string,
  options: { uploads: number },
  log: (line: string) => void,
): Promise<MediaBench> {
  const ids = identityOutputs(readDeployedOutputs());
  const staff = (await ensureDemoUsers(ids)).staff;
  const auth = {
    authorization: `Bearer ${await accessToken(ids.adminConsoleClientId, staff.email, staff.password)}`,
  };
  const width = 2000;
  const height = 1500;
  const samples: number[] = [];
  let bytes = 0;
  log(`media: 1 warm-up + ${options.uploads} uploads of a ${width}×${height} JPEG`);
  for (let i = 0; i <= options.uploads; i++) {
    // A different image each time, with a photo's grain (noise is what makes a JPEG large and slow to
    // encode again), as real uploads are.
    const image = await sharp({
      create: {
        width,
        height,
        channels: 3,
        background: { r: (40 * i) % 256, g: 120, b: 200 },
        noise: { type: 'gaussian', mean: 120, sigma: 20 },
      },
    })
      .composite([
        {
          input: { create: { width: 600, height: 400, channels: 3, background: '#f59e0b' } },
          top: 100 + i * 10,
          left: 200 + i * 10,
        },
      ])
      .jpeg({ quality: 85 })
      .toBuffer();
    bytes = image.length;
    const started = must(
      await call(baseUrl, 'POST', '/media/product-uploads', { contentType: 'image/jpeg', size: bytes }, auth),
      201,
      'POST /media/product-uploads',
    ).json as { id: string; upload: { url: string; fields: Record<string, string> } };
    const t0 = performance.now();
    const form = new FormData();
    for (const [name, value] of Object.entries(started.upload.fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }));
    const sent = await fetch(started.upload.url, { method: 'POST', body: form });
    if (sent.status !== 204) throw new Error(`The form POST answered ${sent.status}`);
    for (;;) {
      const media = must(
        await call(baseUrl, 'GET', `/media/${started.id}`, undefined, auth),
        200,
        'GET /media',
      ).json as { status: string; rejection?: { detail: string } };
      if (media.status === 'ready') break;
      if (media.status !== 'awaiting-upload') {
        throw new Error(`The bench image was ${media.status}: ${media.rejection?.detail ?? ''}`);
      }
      if (performance.now() - t0 > GIVE_UP_MS) throw new Error('The bench image was not processed in 60 s');
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    if (i > 0) samples.push(performance.now() - t0);
  }
  const p50 = percentile(samples, 50);
  return {
    n: samples.length,
    bytes,
    p50,
    max: Math.max(...samples),
    pass: p50 <= MEDIA_TARGETS.uploadToDerivativesMs,
  };
}
