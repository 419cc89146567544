// The life of a processed image, on in-memory ports with a clock the tests move: resolving images for a
// service that attaches them, following what each product shows (newer versions only), and the sweep that
// deletes the files of images nothing shows once their grace period is over, and only then.
import { UnprocessableError } from '@commerce/lambda-kit/errors';
import { describe, expect, it, vi } from 'vitest';
import {
  ATTACH_SPARE_SECONDS,
  uploadKey,
  type MediaPurpose,
  type Uploader,
} from '../../../functions/media/domain/upload.ts';
import { Media } from '../../../functions/media/media.ts';
import {
  MemoryFiles,
  MemoryMediaStore,
  StubRenderer,
  START,
  SETTINGS,
  context,
  staff,
  erika,
  max,
} from './memory-ports.ts';

/** The clock every use case reads: move it by assigning. */
let now = START;
const later = (seconds: number) => new Date(START.getTime() + seconds * 1000);
const iso = (seconds: number) => later(seconds).toISOString();

function setup() {
  now = START;
  const store = new MemoryMediaStore(() => now);
  const files = new MemoryFiles();
  const renderer = new StubRenderer();
  const media = new Media(store, files, renderer.render, SETTINGS, () => now);
  let pictures = 0;
  /** An upload processed now; each is a different picture unless `bytes` say otherwise. */
  const processed = async (
    uploader: Uploader = staff,
    purpose: MediaPurpose = 'product',
    bytes = new TextEncoder().encode(`picture ${++pictures}`),
  ) => {
    const { id } = await media.createUpload(uploader, { purpose, contentType: 'image/jpeg', size: 1000 });
    files.objects.set(uploadKey(id), bytes);
    await media.processUpload(uploadKey(id), bytes.length, context);
    return id;
  };
  const record = (id: string) => store.records.get(id);
  /** Whether every served file of the image is still in the bucket. */
  const served = (id: string) => {
    const keys = record(id)?.files ?? [];
    return keys.length > 0 && keys.every((key) => files.objects.has(key));
  };
  return { store, files, renderer, media, processed, record, served };
}

describe('resolving images to attach', () => {
  it('answers ready images in the order asked, and stamps each resolved', async () => {
    const { media, processed, record } = setup();
    const first = await processed();
    const second = await processed();
    now = later(60);

    const images = await media.resolve([second, first, second], { purpose: 'product' });

    expect(images).toEqual([record(second)?.image, record(first)?.image, record(second)?.image]);
    expect(images.map((image) => image.id)).toEqual([second, first, second]);
    expect(record(first)?.resolvedAt).toBe(iso(60));
    expect(record(second)?.resolvedAt).toBe(iso(60));
    expect(await media.resolve([first], { purpose: 'product', ownerId: 'staff-1' })).toHaveLength(1);
  });

  it('refuses them all, with a field error per unusable id, and stamps none', async () => {
    const { renderer, media, processed, record } = setup();
    const ready = await processed();
    const { id: awaiting } = await media.createUpload(staff, {
      purpose: 'product',
      contentType: 'image/png',
      size: 10,
    });
    renderer.outcome = { ok: false, reason: 'corrupt', detail: 'The file is damaged.' };
    const rejected = await processed();
    renderer.outcome = undefined;
    const review = await processed(erika, 'review');

    const refused = media.resolve([ready, 'md_00000000000000000000', awaiting, rejected, review], {
      purpose: 'product',
    });

    await expect(refused).rejects.toBeInstanceOf(UnprocessableError);
    await expect(refused).rejects.toMatchObject({
      status: 422,
      problemType: 'media-not-usable',
      errors: [
        { in: 'body', pointer: '/ids/1', detail: 'No such media.' },
        { in: 'body', pointer: '/ids/2', detail: expect.stringContaining('still being uploaded') as unknown },
        { in: 'body', pointer: '/ids/3', detail: 'This media was rejected: The file is damaged.' },
        { in: 'body', pointer: '/ids/4', detail: 'This media was uploaded for a review.' },
      ],
    });
    expect(record(ready)?.resolvedAt).toBeUndefined();
  });

  it('refuses another owner’s photo when the owner is given', async () => {
    const { media, processed } = setup();
    const own = await processed(erika, 'review');
    const others = await processed(max, 'review');
    await expect(
      media.resolve([own, others], { purpose: 'review', ownerId: 'customer-1' }),
    ).rejects.toMatchObject({
      problemType: 'media-not-usable',
      errors: [{ pointer: '/ids/1', detail: 'No such media.' }],
    });
    expect(await media.resolve([own, others], { purpose: 'review' })).toHaveLength(2);
  });

  it('refuses an image nothing shows once its deletion is closer than the spare', async () => {
    const { media, processed } = setup();
    const id = await processed();
    now = later(SETTINGS.unattachedGraceSeconds - ATTACH_SPARE_SECONDS + 1);
    await expect(media.resolve([id], { purpose: 'product' })).rejects.toMatchObject({
      problemType: 'media-not-usable',
      errors: [{ pointer: '/ids/0', detail: expect.stringContaining('about to be deleted') as unknown }],
    });
    now = later(SETTINGS.unattachedGraceSeconds - ATTACH_SPARE_SECONDS);
    expect(await media.resolve([id], { purpose: 'product' })).toHaveLength(1);
  });

  it('answers no images for no ids, without reading the store', async () => {
    const { store, media } = setup();
    const getMany = vi.spyOn(store, 'getMany');
    const markResolved = vi.spyOn(store, 'markResolved');
    expect(await media.resolve([], { purpose: 'product' })).toEqual([]);
    expect(getMany).not.toHaveBeenCalled();
    expect(markResolved).not.toHaveBeenCalled();
  });
});

describe('following what a product shows', () => {
  it('attaches the images of a newer version, and queues the deletion of one it no longer shows', async () => {
    const { store, media, processed, record } = setup();
    const id = await processed();
    now = later(60);
    expect(await media.referenceChanged('product:p1', 1, [id])).toBe(true);
    expect(record(id)).toMatchObject({ status: 'ready', attachments: ['product:p1'] });
    expect(record(id)?.purgeAfter).toBeUndefined();

    now = later(120);
    expect(await media.referenceChanged('product:p1', 2, [])).toBe(true);
    expect(record(id)).toMatchObject({
      attachments: [],
      purgeAfter: iso(120 + SETTINGS.detachedGraceSeconds),
    });
    expect(store.purges).toContainEqual({ id, at: iso(120 + SETTINGS.detachedGraceSeconds) });
    expect(store.references.get('product:p1')).toEqual({ ref: 'product:p1', version: 2, mediaIds: [] });
  });

  it('changes nothing for a version it already followed, or an older one', async () => {
    const { store, media, processed, record } = setup();
    const id = await processed();
    await media.referenceChanged('product:p1', 1, [id]);
    await media.referenceChanged('product:p1', 2, []);
    const detached = record(id);
    const queue = store.purges;

    expect(await media.referenceChanged('product:p1', 1, [id])).toBe(false);
    expect(await media.referenceChanged('product:p1', 2, [id])).toBe(false);

    expect(record(id)).toBe(detached);
    expect(store.purges).toEqual(queue);
    expect(store.references.get('product:p1')?.version).toBe(2);
  });

  it('keeps an image the newest version shows when an older version is followed at the same time', async () => {
    const { media, processed, record, served } = setup();
    const id = await processed();
    await media.referenceChanged('product:p1', 1, [id]);

    // Versions 2 (without the image) and 3 (with it again) delivered side by side: 3 is applied first.
    await Promise.all([
      media.referenceChanged('product:p1', 3, [id]),
      media.referenceChanged('product:p1', 2, []),
    ]);

    expect(record(id)).toMatchObject({ attachments: ['product:p1'] });
    expect(record(id)?.purgeAfter).toBeUndefined();
    now = later(SETTINGS.unattachedGraceSeconds + SETTINGS.detachedGraceSeconds);
    await media.sweep();
    expect(record(id)?.status).toBe('ready');
    expect(served(id)).toBe(true);
  });
});

describe('the sweep', () => {
  it('deletes the files of an image nothing ever showed once its grace is over', async () => {
    const { store, files, media, processed, record, served } = setup();
    const id = await processed();
    now = later(SETTINGS.unattachedGraceSeconds - 1);
    expect(await media.sweep()).toBe(0);
    expect(served(id)).toBe(true);

    now = later(SETTINGS.unattachedGraceSeconds);
    expect(await media.sweep()).toBe(1);
    expect(record(id)).toMatchObject({ status: 'purged', updatedAt: now.toISOString() });
    expect(record(id)?.files?.some((key) => files.objects.has(key))).toBe(false);
    expect(store.purges).toEqual([]);
  });

  it('deletes a detached image’s files after the detached grace, not before', async () => {
    const { store, files, media, processed, record } = setup();
    const id = await processed();
    const keys = record(id)?.files ?? [];
    await media.referenceChanged('product:p1', 1, [id]);
    now = later(120);
    await media.referenceChanged('product:p1', 2, []);

    now = later(120 + SETTINGS.detachedGraceSeconds - 1);
    expect(await media.sweep()).toBe(0);
    expect(record(id)?.status).toBe('ready');
    expect(keys.every((key) => files.objects.has(key))).toBe(true);

    now = later(120 + SETTINGS.detachedGraceSeconds);
    expect(await media.sweep()).toBe(1);
    expect(keys.some((key) => files.objects.has(key))).toBe(false);
    expect(record(id)).toMatchObject({ status: 'purged', attachments: [] });
    expect(record(id)?.image).toBeUndefined();
    expect(record(id)?.purgeAfter).toBeUndefined();
    expect(await media.view(staff, id)).not.toHaveProperty('image');
    await expect(media.resolve([id], { purpose: 'product' })).rejects.toMatchObject({
      errors: [{ pointer: '/ids/0', detail: expect.stringContaining('deleted') as unknown }],
    });

    // The entry queued when it was processed finds it purged and is dropped.
    now = later(SETTINGS.unattachedGraceSeconds);
    expect(await media.sweep()).toBe(0);
    expect(store.purges).toEqual([]);
  });

  it('never deletes an image detached from one product while another still shows it', async () => {
    const { store, media, processed, record, served } = setup();
    const id = await processed();
    await media.referenceChanged('product:p1', 1, [id]);
    await media.referenceChanged('product:p2', 1, [id]);
    await media.referenceChanged('product:p1', 2, []);
    expect(record(id)).toMatchObject({ attachments: ['product:p2'] });
    expect(record(id)?.purgeAfter).toBeUndefined();

    now = later(30 * 86_400);
    expect(await media.sweep()).toBe(0);
    expect(record(id)?.status).toBe('ready');
    expect(served(id)).toBe(true);
    expect(store.purges).toEqual([]);
  });

  it('postpones an image resolved to be attached within the spare, then deletes it if nothing came', async () => {
    const { store, media, processed, record, served } = setup();
    const id = await processed();
    await media.referenceChanged('product:p1', 1, [id]);
    now = later(120);
    // Another product resolves it just as the first one lets it go.
    await media.resolve([id], { purpose: 'product' });
    await media.referenceChanged('product:p1', 2, []);

    now = later(120 + SETTINGS.detachedGraceSeconds);
    expect(await media.sweep()).toBe(0);
    expect(record(id)).toMatchObject({ status: 'ready', purgeAfter: iso(120 + ATTACH_SPARE_SECONDS) });
    expect(store.purges).toEqual([
      { id, at: iso(120 + ATTACH_SPARE_SECONDS) },
      { id, at: iso(SETTINGS.unattachedGraceSeconds) },
    ]);
    expect(served(id)).toBe(true);

    now = later(120 + ATTACH_SPARE_SECONDS);
    expect(await media.sweep()).toBe(1);
    expect(record(id)?.status).toBe('purged');
  });

  it('drops the stale entry of an image that is shown now', async () => {
    const { store, media, processed, record, served } = setup();
    const id = await processed();
    await media.referenceChanged('product:p1', 1, [id]);
    expect(store.purges).toEqual([{ id, at: iso(SETTINGS.unattachedGraceSeconds) }]);

    now = later(SETTINGS.unattachedGraceSeconds);
    expect(await media.sweep()).toBe(0);
    expect(store.purges).toEqual([]);
    expect(record(id)?.status).toBe('ready');
    expect(served(id)).toBe(true);
  });

  it('keeps the files a second upload of the same picture still shows', async () => {
    const { media, processed, record, served } = setup();
    const picture = new TextEncoder().encode('the same picture');
    const first = await processed(staff, 'product', picture);
    const second = await processed(staff, 'product', picture);
    await media.referenceChanged('product:p1', 1, [first]);
    await media.referenceChanged('product:p2', 1, [second]);
    await media.referenceChanged('product:p1', 2, []);

    now = later(SETTINGS.detachedGraceSeconds);
    expect(await media.sweep()).toBe(1);
    expect(record(first)?.status).toBe('purged');
    expect(record(second)?.status).toBe('ready');
    expect(served(second)).toBe(true);
  });
});
