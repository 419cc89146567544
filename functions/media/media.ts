// The media use cases: start an upload (a presigned form or parts, after the purpose's and the quota's
// checks), finish an upload in parts, show an upload to its owner, process what S3 announces (the bytes
// checked and rendered, or rejected and deleted), resolve images for a service that attaches them, follow
// what shows each image, and sweep the files of images nothing shows once their grace period is over.
import { MediaProcessed, MediaRejected, type FocalPoint, type ProcessedImage } from '@commerce/events';
import {
  ForbiddenError,
  NotFoundError,
  UnprocessableError,
  type FieldError,
} from '@commerce/lambda-kit/errors';
import { randomId } from '@commerce/lambda-kit';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import type { FileStore, MediaStore, Renderer, RenderedFile } from './domain/ports.ts';
import {
  ATTACH_SPARE_SECONDS,
  CUSTOMER_UPLOADS_PER_DAY,
  mediaIdOfKey,
  PUBLIC_PREFIX,
  PURPOSE_LIMITS,
  UPLOAD_URL_SECONDS,
  uploadKey,
  uploadPlan,
  unusableReason,
  type MediaPurpose,
  type MediaRecord,
  type Uploader,
  type UploadContentType,
} from './domain/upload.ts';

export interface MediaSettings {
  /** How long an image nothing shows any more keeps its files. */
  readonly detachedGraceSeconds: number;
  /** How long a processed upload nothing ever showed keeps its files. */
  readonly unattachedGraceSeconds: number;
}

export interface UploadRequest {
  readonly purpose: MediaPurpose;
  readonly contentType: UploadContentType;
  readonly size: number;
  readonly focalPoint?: FocalPoint | undefined;
}

/** How the browser sends the bytes: one form POST, or PUTs of parts and then POST …/complete. */
export type UploadInstructions =
  | { readonly method: 'POST'; readonly url: string; readonly fields: Readonly<Record<string, string>> }
  | {
      readonly method: 'PUT';
      readonly partSize: number;
      readonly parts: readonly { readonly partNumber: number; readonly url: string }[];
    };

/** A media record as its owner (or staff) sees it. */
export interface MediaView {
  readonly id: string;
  readonly purpose: MediaPurpose;
  readonly status: MediaRecord['status'];
  readonly contentType: string;
  readonly size: number;
  readonly image?: ProcessedImage;
  readonly rejection?: { readonly reason: string; readonly detail: string };
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const newMediaId = (): string => randomId('md_', 20);

/**
 * A focal point to four decimals (a tenth of a pixel on a 1,000-pixel side is already more than a crop can
 * use): no denormal fraction reaches the table, which stores numbers down to 1e-130 only.
 */
export function roundedFocalPoint(point: FocalPoint): FocalPoint {
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  return { x: round(point.x), y: round(point.y) };
}

const addSeconds = (at: Date, seconds: number): string =>
  new Date(at.getTime() + seconds * 1000).toISOString();

export function viewOf(record: MediaRecord): MediaView {
  return {
    id: record.id,
    purpose: record.purpose,
    status: record.status,
    contentType: record.contentType,
    size: record.size,
    ...(record.image && record.status === 'ready' ? { image: record.image } : {}),
    ...(record.rejection ? { rejection: record.rejection } : {}),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** The processed image from its rendered files: the widest WebP is the one every browser shows. */
export function imageOf(
  id: string,
  rendered: { source: { width: number; height: number }; focalPoint: FocalPoint },
  files: readonly { file: RenderedFile; key: string; url: string }[],
): ProcessedImage {
  const shape = ({ file, url }: { file: RenderedFile; url: string }) => ({
    url,
    type: file.contentType as 'image/avif' | 'image/webp',
    width: file.width,
    height: file.height,
  });
  const byWidth = (a: { file: RenderedFile }, b: { file: RenderedFile }) =>
    a.file.width - b.file.width || a.file.contentType.localeCompare(b.file.contentType);
  const widths = files.filter((f) => f.file.kind === 'width').sort(byWidth);
  const webp = widths.filter((f) => f.file.format === 'webp');
  const main = webp[webp.length - 1] ?? widths[widths.length - 1];
  if (!main) throw new Error(`Media ${id} rendered no file`);
  return {
    id,
    width: rendered.source.width,
    height: rendered.source.height,
    focalPoint: rendered.focalPoint,
    url: main.url,
    key: main.key,
    sources: widths.map(shape),
    thumbnails: files
      .filter((f) => f.file.kind === 'thumbnail')
      .sort(byWidth)
      .map(shape),
  };
}

export class Media {
  readonly #store: MediaStore;
  readonly #files: FileStore;
  readonly #render: Renderer;
  readonly #settings: MediaSettings;
  readonly #now: () => Date;

  constructor(
    store: MediaStore,
    files: FileStore,
    render: Renderer,
    settings: MediaSettings,
    now: () => Date = () => new Date(),
  ) {
    this.#store = store;
    this.#files = files;
    this.#render = render;
    this.#settings = settings;
    this.#now = now;
  }

  /** Starts an upload: the record (counted against a customer's day), then the presigned request(s). */
  async createUpload(
    uploader: Uploader,
    request: UploadRequest,
  ): Promise<MediaView & { readonly upload: UploadInstructions; readonly expiresAt: string }> {
    if (request.purpose === 'product' && !uploader.staff) {
      throw new ForbiddenError('Only staff upload product images.');
    }
    const now = this.#now();
    const id = newMediaId();
    const key = uploadKey(id);
    const plan = uploadPlan(request.size);
    let upload: UploadInstructions;
    let multipartUploadId: string | undefined;
    if (plan.multipart) {
      const started = await this.#files.startMultipart(
        key,
        request.contentType,
        plan.parts,
        UPLOAD_URL_SECONDS,
      );
      multipartUploadId = started.uploadId;
      upload = {
        method: 'PUT',
        partSize: plan.partSize,
        parts: started.urls.map((url, i) => ({ partNumber: i + 1, url })),
      };
    } else {
      const post = await this.#files.presignPost(key, request.contentType, request.size, UPLOAD_URL_SECONDS);
      upload = { method: 'POST', url: post.url, fields: post.fields };
    }
    const record: MediaRecord = {
      id,
      purpose: request.purpose,
      ownerId: uploader.sub,
      contentType: request.contentType,
      size: request.size,
      status: 'awaiting-upload',
      ...(multipartUploadId ? { multipartUploadId } : {}),
      ...(request.focalPoint ? { focalPoint: roundedFocalPoint(request.focalPoint) } : {}),
      attachments: [],
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    await this.#store.create(
      record,
      uploader.staff
        ? undefined
        : { ownerId: uploader.sub, day: now.toISOString().slice(0, 10), limit: CUSTOMER_UPLOADS_PER_DAY },
    );
    return { ...viewOf(record), upload, expiresAt: addSeconds(now, UPLOAD_URL_SECONDS) };
  }

  /** Finishes an upload in parts with each part's ETag; S3 then announces the object. */
  async completeUpload(
    uploader: Uploader,
    id: string,
    parts: readonly { readonly partNumber: number; readonly etag: string }[],
  ): Promise<MediaView> {
    const record = await this.#owned(uploader, id, false);
    if (!record.multipartUploadId) {
      throw new UnprocessableError(
        'This upload is one form POST; there is nothing to complete.',
        'not-multipart',
      );
    }
    if (record.status !== 'awaiting-upload') return viewOf(record);
    await this.#files.completeMultipart(uploadKey(id), record.multipartUploadId, parts);
    return viewOf(record);
  }

  /** An upload as its owner (or staff) sees it; 404 for anyone else's. */
  async view(uploader: Uploader, id: string): Promise<MediaView> {
    return viewOf(await this.#owned(uploader, id, true));
  }

  async #owned(uploader: Uploader, id: string, staffMaySee: boolean): Promise<MediaRecord> {
    const record = await this.#store.get(id);
    if (!record || (record.ownerId !== uploader.sub && !(staffMaySee && uploader.staff))) {
      throw new NotFoundError(`No media ${id}.`);
    }
    return record;
  }

  /**
   * What S3 announced under uploads/: the bytes checked and rendered into served files, or the upload
   * rejected; the uploaded object is deleted either way. A redelivered announcement changes nothing.
   */
  async processUpload(
    key: string,
    size: number,
    context: EventContext,
  ): Promise<'ready' | 'rejected' | 'ignored'> {
    const id = mediaIdOfKey(key);
    const record = id ? await this.#store.get(id) : undefined;
    if (!record || record.status !== 'awaiting-upload') {
      await this.#files.delete([key]);
      return 'ignored';
    }
    const bytes = size > record.size ? undefined : await this.#files.read(key);
    if (size <= record.size && !bytes) return 'ignored';
    const outcome = bytes
      ? await this.#render(bytes, {
          limits: PURPOSE_LIMITS[record.purpose],
          declaredContentType: record.contentType,
          ...(record.focalPoint ? { focalPoint: record.focalPoint } : {}),
        })
      : ({
          ok: false,
          reason: 'too-large',
          detail: `The upload is ${size} bytes, more than the ${record.size} declared.`,
        } as const);
    const now = this.#now();
    const upload = { mediaId: record.id, purpose: record.purpose, ownerId: record.ownerId };
    let result: 'ready' | 'rejected';
    let finished: boolean;
    if (outcome.ok) {
      const written = await Promise.all(
        outcome.derivatives.map(async (file) => {
          // Under the media's own id: the same picture uploaded twice gives two sets of files, and deleting
          // one never takes the other's.
          const fileKey = `${PUBLIC_PREFIX}${record.id}/${file.hash}.${file.format}`;
          await this.#files.putPublic(fileKey, file.bytes, file.contentType);
          return { file, key: fileKey, url: this.#files.publicUrl(fileKey) };
        }),
      );
      const image = imageOf(record.id, outcome, written);
      const purgeAfter = addSeconds(now, this.#settings.unattachedGraceSeconds);
      finished = await this.#store.finish(
        record.id,
        {
          status: 'ready',
          image,
          files: written.map((w) => w.key),
          purgeAfter,
          updatedAt: now.toISOString(),
        },
        [outboxItem(MediaProcessed, { ...upload, image }, context, now)],
      );
      result = 'ready';
    } else {
      const rejection = { reason: outcome.reason, detail: outcome.detail };
      finished = await this.#store.finish(
        record.id,
        { status: 'rejected', rejection, updatedAt: now.toISOString() },
        [outboxItem(MediaRejected, { ...upload, ...rejection }, context, now)],
      );
      result = 'rejected';
    }
    await this.#files.delete([key]);
    // A duplicate delivery processed side by side wrote the same files; the other one finished the record.
    return finished ? result : 'ignored';
  }

  /**
   * The images behind `ids` in their order, each ready, for `purpose` and (if given) `ownerId`'s; 422
   * `media-not-usable` with a field error per id otherwise. Each is stamped as resolved, so the sweep spares
   * it until the attachment (an event) arrives.
   */
  async resolve(
    ids: readonly string[],
    wanted: { readonly purpose: MediaPurpose; readonly ownerId?: string | undefined },
  ): Promise<ProcessedImage[]> {
    if (ids.length === 0) return [];
    const now = this.#now();
    const records = await this.#store.getMany(ids);
    const errors: FieldError[] = [];
    ids.forEach((id, i) => {
      const reason = unusableReason(records.get(id), wanted, now);
      if (reason) errors.push({ in: 'body', pointer: `/ids/${i}`, detail: reason });
    });
    if (errors.length > 0) {
      throw new UnprocessableError('Some media cannot be used here.', 'media-not-usable', errors);
    }
    await this.#store.markResolved([...new Set(ids)], now.toISOString());
    return ids.map((id) => records.get(id)!.image!);
  }

  /**
   * What `ref` (`product:<id>`) shows at `version`: attachments follow, and an image it no longer shows that
   * nothing else shows gets its deletion. An older version than the one applied changes nothing, and so
   * does one that loses a race with another (it is read again and compared).
   */
  async referenceChanged(ref: string, version: number, mediaIds: readonly string[]): Promise<boolean> {
    for (;;) {
      const current = await this.#store.reference(ref);
      if (current && current.version >= version) return false;
      const before = new Set(current?.mediaIds ?? []);
      const after = new Set(mediaIds);
      const added = [...after].filter((id) => !before.has(id));
      const removed = [...before].filter((id) => !after.has(id));
      const saved = await this.#store.saveReference(
        { ref, version, mediaIds: [...after] },
        current?.version,
        added,
        removed,
      );
      if (!saved) continue;
      // After the commit: a crash here leaves an image kept too long, never one deleted too early.
      if (removed.length > 0) {
        await this.#store.scheduleUnshown(
          removed,
          addSeconds(this.#now(), this.#settings.detachedGraceSeconds),
        );
      }
      return true;
    }
  }

  /**
   * Deletes the files of images whose deletion is due and that nothing shows; answers how many. The record
   * is marked purged before its files go (resolve refuses it from then on), and the sweep entry is dropped
   * only after they went, so an interrupted sweep finishes the deletion next time.
   */
  async sweep(limit = 100): Promise<number> {
    const now = this.#now();
    let purged = 0;
    for (const due of await this.#store.duePurges(now.toISOString(), limit)) {
      const record = await this.#store.get(due.id);
      if (record?.status === 'purged') {
        await this.#files.delete(record.files ?? []);
        await this.#store.dropPurge(due.id, due.at);
        continue;
      }
      if (
        !record ||
        record.status !== 'ready' ||
        record.attachments.length > 0 ||
        record.purgeAfter !== due.at
      ) {
        await this.#store.dropPurge(due.id, due.at);
        continue;
      }
      const spareUntil = record.resolvedAt ? Date.parse(record.resolvedAt) + ATTACH_SPARE_SECONDS * 1000 : 0;
      if (spareUntil > now.getTime()) {
        await this.#store.postpone(due.id, due.at, new Date(spareUntil).toISOString());
        continue;
      }
      if (!(await this.#store.markPurged(due.id, due.at, now.toISOString()))) {
        await this.#store.dropPurge(due.id, due.at);
        continue;
      }
      await this.#files.delete(record.files ?? []);
      await this.#store.dropPurge(due.id, due.at);
      purged += 1;
    }
    return purged;
  }
}
