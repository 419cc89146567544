// The media use cases from an upload's start to its outcome, on in-memory ports with a fixed clock: the
// presigned instructions (a form POST, or parts), who may upload what and how often, finishing an upload in
// parts, who sees an upload, and what processing the announced object writes, announces and deletes.
import {
  ForbiddenError,
  NotFoundError,
  QuotaExceededError,
  UnprocessableError,
} from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_UPLOADS_PER_DAY,
  MULTIPART_THRESHOLD,
  PART_SIZE,
  PURPOSE_LIMITS,
  uploadKey,
  type Uploader,
} from '../../../functions/media/domain/upload.ts';
import { Media, type UploadRequest } from '../../../functions/media/media.ts';
import {
  MemoryFiles,
  MemoryMediaStore,
  StubRenderer,
  tagOf,
  START,
  SETTINGS,
  context,
  staff,
  erika,
  max,
} from './memory-ports.ts';

const productImage: UploadRequest = { purpose: 'product', contentType: 'image/jpeg', size: 2_000_000 };
const reviewPhoto: UploadRequest = { purpose: 'review', contentType: 'image/png', size: 1_000_000 };

/** The clock every use case reads: move it by assigning. */
let now = START;
const later = (seconds: number) => new Date(START.getTime() + seconds * 1000);

function setup() {
  now = START;
  const store = new MemoryMediaStore(() => now);
  const files = new MemoryFiles();
  const renderer = new StubRenderer();
  const media = new Media(store, files, renderer.render, SETTINGS, () => now);
  /** Starts an upload and puts `bytes` where the browser would have. */
  const uploaded = async (
    uploader: Uploader,
    request: UploadRequest,
    bytes = new Uint8Array(request.size),
  ) => {
    const { id } = await media.createUpload(uploader, request);
    files.objects.set(uploadKey(id), bytes);
    return id;
  };
  return { store, files, renderer, media, uploaded };
}

describe('starting an upload', () => {
  it('answers a form POST for a small file and stores the record awaiting the upload', async () => {
    const { store, files, media } = setup();
    const focalPoint = { x: 0.25, y: 0.75 };
    const started = await media.createUpload(staff, { ...productImage, focalPoint });
    expect(started.id).toMatch(/^md_[a-z0-9]{20}$/);
    expect(started).toMatchObject({
      purpose: 'product',
      status: 'awaiting-upload',
      contentType: 'image/jpeg',
      size: 2_000_000,
      createdAt: START.toISOString(),
      expiresAt: later(15 * 60).toISOString(),
      upload: {
        method: 'POST',
        url: 'https://uploads.test/',
        fields: { key: `uploads/${started.id}`, 'Content-Type': 'image/jpeg', 'x-max-bytes': '2000000' },
      },
    });
    expect(store.records.get(started.id)).toEqual({
      id: started.id,
      purpose: 'product',
      ownerId: 'staff-1',
      contentType: 'image/jpeg',
      size: 2_000_000,
      status: 'awaiting-upload',
      focalPoint,
      attachments: [],
      createdAt: START.toISOString(),
      updatedAt: START.toISOString(),
    });
    expect(files.multipart.size).toBe(0);
  });

  it('keeps a focal point to four decimals, so no fraction too small for the table reaches it', async () => {
    const { store, media } = setup();
    const started = await media.createUpload(staff, {
      ...productImage,
      focalPoint: { x: 0.123456, y: 1.1125369292536007e-308 },
    });
    expect(store.records.get(started.id)?.focalPoint).toEqual({ x: 0.1235, y: 0 });
  });

  it('answers a presigned PUT per part above the multipart threshold', async () => {
    const { store, files, media } = setup();
    const size = 2 * PART_SIZE + 1;
    const atThreshold = await media.createUpload(staff, { ...productImage, size: MULTIPART_THRESHOLD });
    expect(atThreshold.upload.method).toBe('POST');

    const started = await media.createUpload(staff, { ...productImage, size });
    expect(started.upload).toEqual({
      method: 'PUT',
      partSize: PART_SIZE,
      parts: [1, 2, 3].map((partNumber) => ({
        partNumber,
        url: expect.stringContaining(`uploads/${started.id}?`) as unknown,
      })),
    });
    const [uploadId] = [...files.multipart.keys()];
    expect(files.multipart.get(uploadId!)).toEqual({ key: `uploads/${started.id}`, parts: 3 });
    expect(store.records.get(started.id)).toMatchObject({ multipartUploadId: uploadId, size });
  });

  it('refuses product images to anyone but staff, and stores nothing', async () => {
    const { store, files, media } = setup();
    const refused = media.createUpload(erika, productImage);
    await expect(refused).rejects.toBeInstanceOf(ForbiddenError);
    await expect(refused).rejects.toMatchObject({ status: 403 });
    expect(store.records.size).toBe(0);
    expect(store.quotas.size).toBe(0);
    expect(files.multipart.size).toBe(0);
  });

  it(`counts a customer's uploads per UTC day: the ${CUSTOMER_UPLOADS_PER_DAY + 1}st is refused`, async () => {
    const { store, media } = setup();
    for (let i = 0; i < CUSTOMER_UPLOADS_PER_DAY; i++) await media.createUpload(erika, reviewPhoto);
    const refused = media.createUpload(erika, reviewPhoto);
    await expect(refused).rejects.toBeInstanceOf(QuotaExceededError);
    await expect(refused).rejects.toMatchObject({
      status: 429,
      problemType: 'upload-quota-exceeded',
      retryAfterSeconds: 14 * 3600,
    });
    expect(store.records.size).toBe(CUSTOMER_UPLOADS_PER_DAY);

    // Another customer has a day of their own; the next UTC day starts afresh.
    await media.createUpload(max, reviewPhoto);
    now = new Date('2026-03-03T00:00:00.000Z');
    await media.createUpload(erika, reviewPhoto);
    expect(store.quotas).toEqual(
      new Map([
        ['customer-1#2026-03-02', CUSTOMER_UPLOADS_PER_DAY],
        ['customer-2#2026-03-02', 1],
        ['customer-1#2026-03-03', 1],
      ]),
    );
  });

  it('never counts staff, whatever they upload', async () => {
    const { store, media } = setup();
    for (let i = 0; i <= CUSTOMER_UPLOADS_PER_DAY; i++) {
      await media.createUpload(staff, i % 2 ? productImage : reviewPhoto);
    }
    expect(store.records.size).toBe(CUSTOMER_UPLOADS_PER_DAY + 1);
    expect(store.quotas.size).toBe(0);
  });
});

describe('finishing an upload in parts', () => {
  const parts = [
    { partNumber: 1, etag: '"a"' },
    { partNumber: 2, etag: '"b"' },
  ];

  it('completes the parts of its owner’s upload', async () => {
    const { files, media } = setup();
    const { id } = await media.createUpload(staff, { ...productImage, size: PART_SIZE + 1 });
    const view = await media.completeUpload(staff, id, parts);
    expect(view).toMatchObject({ id, status: 'awaiting-upload' });
    expect(files.completed).toEqual([
      { key: `uploads/${id}`, uploadId: expect.any(String) as unknown, parts },
    ]);
  });

  it('is not found for anyone else, staff included', async () => {
    const { files, media } = setup();
    const { id } = await media.createUpload(erika, { ...reviewPhoto, size: PART_SIZE + 1 });
    await expect(media.completeUpload(max, id, parts)).rejects.toBeInstanceOf(NotFoundError);
    await expect(media.completeUpload(staff, id, parts)).rejects.toBeInstanceOf(NotFoundError);
    await expect(media.completeUpload(erika, 'md_00000000000000000000', parts)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(files.completed).toEqual([]);
  });

  it('refuses a form upload: there is nothing to complete', async () => {
    const { media } = setup();
    const { id } = await media.createUpload(erika, reviewPhoto);
    const refused = media.completeUpload(erika, id, parts);
    await expect(refused).rejects.toBeInstanceOf(UnprocessableError);
    await expect(refused).rejects.toMatchObject({ problemType: 'not-multipart' });
  });

  it('completes nothing once the upload was processed', async () => {
    const { files, media } = setup();
    const { id } = await media.createUpload(staff, { ...productImage, size: PART_SIZE + 1 });
    files.objects.set(uploadKey(id), new Uint8Array(10));
    await media.processUpload(uploadKey(id), 10, context);
    expect(await media.completeUpload(staff, id, parts)).toMatchObject({ id, status: 'ready' });
    expect(files.completed).toEqual([]);
  });
});

describe('viewing an upload', () => {
  it('shows it to its owner and to staff, and to no other customer', async () => {
    const { media } = setup();
    const { id } = await media.createUpload(erika, reviewPhoto);
    const expected = {
      id,
      purpose: 'review',
      status: 'awaiting-upload',
      contentType: 'image/png',
      size: 1_000_000,
      createdAt: START.toISOString(),
      updatedAt: START.toISOString(),
    };
    expect(await media.view(erika, id)).toEqual(expected);
    expect(await media.view(staff, id)).toEqual(expected);
    await expect(media.view(max, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(media.view(erika, 'md_00000000000000000000')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('processing an uploaded object', () => {
  it('serves the rendered files, records the image, announces media.processed and deletes the upload', async () => {
    const { store, files, renderer, media, uploaded } = setup();
    const focalPoint = { x: 0.3, y: 0.6 };
    const bytes = new Uint8Array([1, 2, 3]);
    const id = await uploaded(staff, { ...productImage, focalPoint }, bytes);
    now = later(30);

    expect(await media.processUpload(uploadKey(id), bytes.length, context)).toBe('ready');

    expect(renderer.calls).toEqual([
      {
        bytes,
        options: { limits: PURPOSE_LIMITS.product, declaredContentType: 'image/jpeg', focalPoint },
      },
    ]);
    // Each file under the media's id, named by its content.
    const tag = `${id}/${tagOf(bytes)}`;
    const served = [
      `${tag}-thumbnail-400.avif`,
      `${tag}-thumbnail-400.webp`,
      `${tag}-width-320.avif`,
      `${tag}-width-320.webp`,
      `${tag}-width-640.avif`,
      `${tag}-width-640.webp`,
    ];
    expect([...files.objects.keys()].sort()).toEqual(served.map((name) => `m/${name}`));
    expect(files.contentTypes.get(`m/${tag}-width-320.avif`)).toBe('image/avif');
    expect(files.contentTypes.get(`m/${tag}-width-640.webp`)).toBe('image/webp');

    const source = (name: string, type: string, width: number, height: number) => ({
      url: `https://cdn.test/${tag}-${name}`,
      type,
      width,
      height,
    });
    const image = {
      id,
      width: 1000,
      height: 750,
      focalPoint,
      url: `https://cdn.test/${tag}-width-640.webp`,
      key: `m/${tag}-width-640.webp`,
      sources: [
        source('width-320.avif', 'image/avif', 320, 240),
        source('width-320.webp', 'image/webp', 320, 240),
        source('width-640.avif', 'image/avif', 640, 480),
        source('width-640.webp', 'image/webp', 640, 480),
      ],
      thumbnails: [
        source('thumbnail-400.avif', 'image/avif', 400, 400),
        source('thumbnail-400.webp', 'image/webp', 400, 400),
      ],
    };
    const purgeAfter = later(30 + SETTINGS.unattachedGraceSeconds).toISOString();
    const record = store.records.get(id);
    expect(record).toMatchObject({ status: 'ready', image, purgeAfter, updatedAt: now.toISOString() });
    expect([...(record?.files ?? [])].sort()).toEqual(served.map((name) => `m/${name}`));
    expect(store.purges).toEqual([{ id, at: purgeAfter }]);
    expect(store.published).toEqual([
      {
        detailType: 'media.processed',
        metadata: expect.objectContaining({
          correlationId: 'corr-1',
          occurredAt: now.toISOString(),
        }) as unknown,
        data: { mediaId: id, purpose: 'product', ownerId: 'staff-1', image },
      },
    ]);
    expect(await media.view(staff, id)).toMatchObject({ status: 'ready', image });
  });

  it('rejects what the renderer refuses: announced, deleted, never served', async () => {
    const { store, files, renderer, media, uploaded } = setup();
    const rejection = {
      reason: 'type-mismatch',
      detail: 'The file is a PNG image, not the JPEG declared.',
    } as const;
    renderer.outcome = { ok: false, ...rejection };
    const id = await uploaded(erika, { ...reviewPhoto, size: 100 });

    expect(await media.processUpload(uploadKey(id), 100, context)).toBe('rejected');

    expect(renderer.calls[0]?.options.limits).toEqual(PURPOSE_LIMITS.review);
    expect(store.records.get(id)).toMatchObject({ status: 'rejected', rejection });
    expect(store.records.get(id)?.image).toBeUndefined();
    expect(store.purges).toEqual([]);
    expect(files.objects.size).toBe(0);
    expect(store.published).toEqual([
      {
        detailType: 'media.rejected',
        metadata: expect.objectContaining({ correlationId: 'corr-1' }) as unknown,
        data: { mediaId: id, purpose: 'review', ownerId: 'customer-1', ...rejection },
      },
    ]);
    expect(await media.view(erika, id)).toMatchObject({ status: 'rejected', rejection });
  });

  it('rejects an object larger than declared without reading or rendering it', async () => {
    const { store, files, renderer, media, uploaded } = setup();
    const id = await uploaded(erika, { ...reviewPhoto, size: 100 });

    expect(await media.processUpload(uploadKey(id), 101, context)).toBe('rejected');

    expect(renderer.calls).toEqual([]);
    expect(store.records.get(id)).toMatchObject({
      status: 'rejected',
      rejection: { reason: 'too-large', detail: 'The upload is 101 bytes, more than the 100 declared.' },
    });
    expect(store.published.map((e) => e.detailType)).toEqual(['media.rejected']);
    expect(files.objects.size).toBe(0);
  });

  it('ignores a redelivered announcement once the upload is processed, and deletes the object again', async () => {
    const { store, files, renderer, media, uploaded } = setup();
    const id = await uploaded(staff, productImage, new Uint8Array(10));
    await media.processUpload(uploadKey(id), 10, context);
    const before = store.records.get(id);
    files.objects.set(uploadKey(id), new Uint8Array(10));

    expect(await media.processUpload(uploadKey(id), 10, context)).toBe('ignored');

    expect(renderer.calls).toHaveLength(1);
    expect(store.records.get(id)).toBe(before);
    expect(store.published).toHaveLength(1);
    expect(files.objects.has(uploadKey(id))).toBe(false);
  });

  it('ignores an object gone before it is read, and leaves the record awaiting it', async () => {
    const { store, renderer, media } = setup();
    const { id } = await media.createUpload(staff, productImage);
    expect(await media.processUpload(uploadKey(id), 10, context)).toBe('ignored');
    expect(renderer.calls).toEqual([]);
    expect(store.records.get(id)?.status).toBe('awaiting-upload');
    expect(store.published).toEqual([]);
  });

  it('ignores and deletes an object no record awaits', async () => {
    const { store, files, renderer, media } = setup();
    for (const key of ['uploads/md_00000000000000000000', 'uploads/not-a-media-id']) {
      files.objects.set(key, new Uint8Array(10));
      expect(await media.processUpload(key, 10, context)).toBe('ignored');
      expect(files.objects.has(key)).toBe(false);
    }
    expect(renderer.calls).toEqual([]);
    expect(store.published).toEqual([]);
  });
});
