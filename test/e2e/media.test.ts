// Media on the local cloud: presigned uploads straight to the bucket (a form POST, or parts for a large
// file), each checked by its bytes in the upload consumer and rendered into content-hashed AVIF and WebP
// files served from the bucket (the local stage's stand-in for CloudFront); rejections (not an image, over
// the pixel limit, over the declared size) that are never served; who may upload what; images attached to a
// product through the catalog, shown in its answer and its search hit, and deleted after the grace period
// once the product no longer shows them.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { EMULATOR_ENDPOINT, REGION } from '@commerce/local-cloud';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, bearer, eventually, listenOnBus, productBody, signIn, stackOutput } from './support.ts';

type Upload = {
  id: string;
  status: string;
  upload:
    | { method: 'POST'; url: string; fields: Record<string, string> }
    | { method: 'PUT'; partSize: number; parts: { partNumber: number; url: string }[] };
};
type Image = {
  id: string;
  url: string;
  key: string;
  width: number;
  height: number;
  sources: { url: string; type: string; width: number; height: number }[];
  thumbnails: { url: string; type: string; width: number; height: number }[];
};
type Media = { id: string; status: string; image?: Image; rejection?: { reason: string; detail: string } };

const lambda = new LambdaClient({
  endpoint: EMULATOR_ENDPOINT,
  region: REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

let staff: Record<string, string>;
let customer: Record<string, string>;
let bucketUrl: string;

const photo = (width: number, height: number) =>
  sharp({
    create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } },
  })
    .composite([
      {
        input: {
          create: {
            width: Math.floor(width / 3),
            height: Math.floor(height / 3),
            channels: 3,
            background: '#1d4ed8',
          },
        },
        top: Math.floor(height / 3),
        left: Math.floor(width / 3),
      },
    ])
    .jpeg({ quality: 85 })
    .toBuffer();

async function startUpload(
  who: Record<string, string>,
  path: '/media/product-uploads' | '/media/uploads',
  contentType: string,
  size: number,
): Promise<Upload> {
  const res = await api('POST', path, { contentType, size }, who);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as unknown as Upload;
}

/** Sends the bytes as the answer says: one form POST (its status), or each part then complete. */
async function send(upload: Upload, bytes: Uint8Array, contentType: string, who = staff): Promise<number> {
  if (upload.upload.method === 'POST') {
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.upload.fields)) form.append(name, value);
    form.append('file', new Blob([bytes], { type: contentType }));
    return (await fetch(upload.upload.url, { method: 'POST', body: form })).status;
  }
  const { partSize, parts } = upload.upload;
  const etags = [];
  for (const part of parts) {
    const chunk = bytes.slice((part.partNumber - 1) * partSize, part.partNumber * partSize);
    const res = await fetch(part.url, { method: 'PUT', body: chunk });
    expect(res.status).toBe(200);
    etags.push({ partNumber: part.partNumber, etag: res.headers.get('etag') ?? '' });
  }
  const done = await api('POST', `/media/uploads/${upload.id}/complete`, { parts: etags }, who);
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return done.status;
}

/** The upload once it left awaiting-upload. */
async function settled(id: string, who = staff): Promise<Media> {
  return eventually(
    async () => {
      const res = await api('GET', `/media/${id}`, undefined, who);
      expect(res.status).toBe(200);
      const media = res.body as unknown as Media;
      return media.status === 'awaiting-upload' ? undefined : media;
    },
    90_000,
    `media ${id} to be processed`,
  );
}

/** The uploaded object itself, which no one may ever read once processed. */
const uploadedObject = (id: string) => fetch(`${bucketUrl}/uploads/${id}`);

beforeAll(async () => {
  staff = bearer(await signIn(['staff']));
  customer = bearer(await signIn([]));
  bucketUrl = stackOutput((k) => k.startsWith('MediaBucketPublicBaseUrl')).replace(/\/m$/, '');
});

describe('a product image', () => {
  let image: Image;
  let productId: string;

  it('goes from a presigned form upload to AVIF and WebP files at several widths, served immutable', async () => {
    const bytes = await photo(2000, 1500);
    const upload = await startUpload(staff, '/media/product-uploads', 'image/jpeg', bytes.length);
    expect(upload).toMatchObject({ status: 'awaiting-upload', upload: { method: 'POST' } });
    const started = performance.now();
    expect(await send(upload, bytes, 'image/jpeg')).toBe(204);
    const media = await settled(upload.id);
    console.log(
      `[media] upload to derivatives: ${Math.round(performance.now() - started)} ms (2000×1500 JPEG)`,
    );
    expect(media.status, JSON.stringify(media.rejection)).toBe('ready');
    image = media.image!;
    expect(image).toMatchObject({ id: upload.id, width: 2000, height: 1500 });
    expect(image.sources.map((s) => `${s.type} ${s.width}`)).toEqual([
      'image/avif 320',
      'image/webp 320',
      'image/avif 640',
      'image/webp 640',
      'image/avif 1024',
      'image/webp 1024',
      'image/avif 1600',
      'image/webp 1600',
    ]);
    expect(image.thumbnails.every((t) => t.width === t.height)).toBe(true);
    expect(image.url).toBe(image.sources.at(-1)!.url);
    for (const file of [...image.sources, ...image.thumbnails]) {
      // Named by the hash of its content: a new image never reuses a URL, so nothing needs invalidating.
      expect(file.url).toMatch(new RegExp(`/m/${upload.id}/[0-9a-f]{32}\\.(avif|webp)$`));
    }
    const served = await fetch(image.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const meta = await sharp(new Uint8Array(await served.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 1600, height: 1200 });
    expect(meta.exif).toBeUndefined();
    expect((await uploadedObject(upload.id)).status).toBe(404);
  });

  it('is attached to a product, shown in its answer, its product.created and its search hit', async () => {
    // A made-up word in the title finds the product; a price in EUR puts it in EUR searches.
    const word = `zq${randomUUID()
      .replace(/[^a-f]/g, '')
      .slice(0, 8)}`;
    const body = productBody({ title: `Poster ${word}`, media: [{ id: image.id, alt: 'A blue square' }] });
    const bus = await listenOnBus({ source: ['commerce.catalog'], 'detail-type': ['product.created'] });
    try {
      const created = await api('POST', '/products', body, staff);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      productId = created.body.id as string;
      expect(created.body.media).toEqual([{ ...image, alt: 'A blue square' }]);
      const event = await bus.waitFor(
        (e) => (e.detail.data as { id?: string }).id === productId,
        'product.created',
      );
      expect((event.detail.data as { media: { url: string }[] }).media[0]!.url).toBe(image.url);
    } finally {
      await bus.close();
    }
    const read = await api('GET', `/products/${productId}`);
    expect((read.body.media as Image[])[0]!.url).toBe(image.url);
    const sku = (body.variants as { sku: string }[])[0]!.sku;
    const priced = await api(
      'PUT',
      `/prices/${sku}`,
      { version: 0, prices: { EUR: { amount: 1_500, sales: [] } } },
      staff,
    );
    expect(priced.status).toBe(200);
    const thumbnail = image.thumbnails.find((t) => t.type === 'image/webp')!.url;
    await eventually(
      async () => {
        const res = await api(
          'GET',
          `/search?${new URLSearchParams({ q: word, currency: 'EUR' }).toString()}`,
        );
        const hit = res.body.items?.find((h) => h.id === productId);
        return hit?.image === thumbnail ? hit : undefined;
      },
      60_000,
      'the search hit to show the thumbnail',
    );
  });

  it('loses its files after the grace period once no product shows it', async () => {
    const product = await api('GET', `/products/${productId}`, undefined, staff);
    const updated = await api(
      'PATCH',
      `/products/${productId}`,
      { version: product.body.version, media: [] },
      staff,
    );
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    const sweep = stackOutput((k) => k === 'MediaSweepFunctionName');
    await eventually(
      async () => {
        await lambda.send(new InvokeCommand({ FunctionName: sweep, Payload: Buffer.from('{}') }));
        const res = await api('GET', `/media/${image.id}`, undefined, staff);
        return res.body.status === 'purged' ? res.body : undefined;
      },
      60_000,
      'the image to be purged',
    );
    expect((await fetch(image.url)).status).toBe(404);
  });
});

describe('rejected uploads', () => {
  it('are deleted and never served: not an image, an SVG, over the pixel limit', async () => {
    const text = new TextEncoder().encode('Dear shop, this is a letter, not a picture.');
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const huge = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const cases = [
      { bytes: text, type: 'image/png', reason: 'not-an-image' },
      { bytes: svg, type: 'image/png', reason: 'unsupported-format' },
      { bytes: huge, type: 'image/png', reason: 'too-many-pixels' },
    ];
    for (const c of cases) {
      const upload = await startUpload(staff, '/media/product-uploads', c.type, c.bytes.length);
      expect(await send(upload, c.bytes, c.type)).toBe(204);
      const media = await settled(upload.id);
      expect(media).toMatchObject({ status: 'rejected', rejection: { reason: c.reason } });
      expect(media.image).toBeUndefined();
      expect((await uploadedObject(upload.id)).status).toBe(404);
      // A rejected upload cannot be attached.
      const product = await api('POST', '/products', productBody({ media: [{ id: upload.id }] }), staff);
      expect(product.status).toBe(422);
      expect(product.body).toMatchObject({
        type: 'urn:commerce:problem:media-not-usable',
        errors: [{ in: 'body', pointer: '/media/0/id' }],
      });
    }
  });

  it('refuses more bytes than declared at the bucket itself', async () => {
    const bytes = await photo(400, 300);
    const upload = await startUpload(staff, '/media/product-uploads', 'image/jpeg', bytes.length - 100);
    expect(await send(upload, bytes, 'image/jpeg')).toBe(400);
    expect((await uploadedObject(upload.id)).status).toBe(404);
    const media = await api('GET', `/media/${upload.id}`, undefined, staff);
    expect(media.body.status).toBe('awaiting-upload');
  });
});

describe('a large file', () => {
  it('goes up in parts and is processed like any other', async () => {
    const bytes = await sharp({
      create: {
        width: 1800,
        height: 1800,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const upload = await startUpload(staff, '/media/product-uploads', 'image/png', bytes.length);
    expect(upload.upload).toMatchObject({ method: 'PUT', partSize: 8 * 1024 * 1024 });
    await send(upload, bytes, 'image/png');
    const media = await settled(upload.id);
    expect(media.status, JSON.stringify(media.rejection)).toBe('ready');
    expect(media.image).toMatchObject({ width: 1800, height: 1800 });
  });
});

describe('who uploads what', () => {
  it('lets only staff upload product images, customers their review photos, each seeing only their own', async () => {
    const denied = await api(
      'POST',
      '/media/product-uploads',
      { contentType: 'image/jpeg', size: 1000 },
      customer,
    );
    expect(denied.status).toBe(403);
    const bytes = await photo(800, 600);
    const upload = await startUpload(customer, '/media/uploads', 'image/jpeg', bytes.length);
    expect(await send(upload, bytes, 'image/jpeg')).toBe(204);
    expect((await settled(upload.id, customer)).status).toBe('ready');
    const stranger = bearer(await signIn([]));
    expect((await api('GET', `/media/${upload.id}`, undefined, stranger)).status).toBe(404);
    // A review photo is not a product image.
    const product = await api('POST', '/products', productBody({ media: [{ id: upload.id }] }), staff);
    expect(product.status).toBe(422);
  });

  it('refuses what the document does not allow: SVG, a review photo over 10 MiB', async () => {
    const svg = await api('POST', '/media/uploads', { contentType: 'image/svg+xml', size: 1000 }, customer);
    expect(svg.status).toBe(400);
    const big = await api(
      'POST',
      '/media/uploads',
      { contentType: 'image/jpeg', size: 11 * 1024 * 1024 },
      customer,
    );
    expect(big.status).toBe(400);
    expect(big.body).toMatchObject({ errors: [{ pointer: '/size' }] });
  });
});
