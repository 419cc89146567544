// The media service's ports in memory: a table that applies each write as the DynamoDB adapter's conditions
// do (the daily quota, awaiting-upload → ready once, what shows each image, the sweep's queue) and keeps the
// events `finish` carried in its outbox; a bucket of objects by key with fake presigned uploads; and a
// renderer whose files are named after the upload's bytes, or that answers the outcome a test sets.
import { createHash } from 'node:crypto';
import { QuotaExceededError, UnprocessableError } from '@commerce/lambda-kit/errors';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type {
  FileStore,
  MediaStore,
  PresignedPost,
  Reference,
  RenderedFile,
  Renderer,
  RenderOutcome,
  UploadQuota,
} from '../../../functions/media/domain/ports.ts';
import { PUBLIC_PREFIX, type MediaRecord, type Uploader } from '../../../functions/media/domain/upload.ts';

/** An event as the outbox relay will publish it. */
export interface Published {
  readonly detailType: string;
  readonly metadata: { readonly id: string; readonly correlationId: string; readonly occurredAt: string };
  readonly data: unknown;
}

/** An entry of the sweep's queue: the record's files are due for deletion at `at`. */
export interface PurgeEntry {
  readonly id: string;
  readonly at: string;
}

export class MemoryMediaStore implements MediaStore {
  readonly records = new Map<string, MediaRecord>();
  readonly references = new Map<string, Reference>();
  /** Uploads counted per `<sub>#<day>`. */
  readonly quotas = new Map<string, number>();
  readonly published: Published[] = [];
  /** The sweep's queue by `<at>#<id>`, the table's sort key. */
  readonly #purges = new Map<string, PurgeEntry>();
  readonly #clock: () => Date;

  /** `clock` tells a refused customer when the quota renews (the adapter reads the system clock). */
  constructor(clock: () => Date = () => new Date()) {
    this.#clock = clock;
  }

  /** The sweep's queue, oldest first. */
  get purges(): PurgeEntry[] {
    return [...this.#purges.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, entry]) => entry);
  }

  create(record: MediaRecord, quota: UploadQuota | undefined): Promise<void> {
    if (this.records.has(record.id)) return Promise.reject(new Error(`Media ${record.id} exists`));
    if (quota) {
      const counter = `${quota.ownerId}#${quota.day}`;
      const count = this.quotas.get(counter) ?? 0;
      if (count >= quota.limit) {
        const renews = Date.parse(`${quota.day}T00:00:00Z`) + 86_400_000 - this.#clock().getTime();
        return Promise.reject(
          new QuotaExceededError(
            `You started ${quota.limit} uploads today, the most a day allows; more are possible tomorrow (UTC).`,
            Math.max(1, Math.ceil(renews / 1000)),
            'upload-quota-exceeded',
          ),
        );
      }
      this.quotas.set(counter, count + 1);
    }
    this.records.set(record.id, record);
    return Promise.resolve();
  }

  get(id: string): Promise<MediaRecord | undefined> {
    return Promise.resolve(this.records.get(id));
  }

  getMany(ids: readonly string[]): Promise<ReadonlyMap<string, MediaRecord>> {
    const found = ids.flatMap((id) => {
      const record = this.records.get(id);
      return record ? [[id, record] as const] : [];
    });
    return Promise.resolve(new Map(found));
  }

  /** All or nothing, as the adapter's transaction: an unknown id fails it. */
  markResolved(ids: readonly string[], at: string): Promise<void> {
    const missing = ids.find((id) => !this.records.has(id));
    if (missing) return Promise.reject(new Error(`No media ${missing} to mark resolved`));
    for (const id of ids) this.#change(id, (r) => ({ ...r, resolvedAt: at }));
    return Promise.resolve();
  }

  finish(id: string, change: Partial<MediaRecord>, events: readonly OutboxItem[]): Promise<boolean> {
    const record = this.records.get(id);
    if (record?.status !== 'awaiting-upload') return Promise.resolve(false);
    this.records.set(id, { ...record, ...change });
    if (change.purgeAfter) this.#enqueue(id, change.purgeAfter);
    for (const item of events) {
      const detail = JSON.parse(item.detail) as Pick<Published, 'metadata' | 'data'>;
      this.published.push({ detailType: item.detailType, ...detail });
    }
    return Promise.resolve(true);
  }

  reference(ref: string): Promise<Reference | undefined> {
    return Promise.resolve(this.references.get(ref));
  }

  /** The attachments change first, the reference last and only if newer, as in the adapter. */
  saveReference(
    next: Reference,
    readVersion: number | undefined,
    added: readonly string[],
    removed: readonly string[],
  ): Promise<boolean> {
    // One transaction: nothing changes unless the reference is still the one read.
    if (this.references.get(next.ref)?.version !== readVersion) return Promise.resolve(false);
    this.references.set(next.ref, { ...next, mediaIds: [...next.mediaIds] });
    for (const id of added) {
      this.#change(id, ({ purgeAfter: _purge, resolvedAt: _resolved, ...rest }) => ({
        ...rest,
        attachments: [...new Set([...rest.attachments, next.ref])].sort(),
      }));
    }
    for (const id of removed) {
      this.#change(id, (r) => ({ ...r, attachments: r.attachments.filter((a) => a !== next.ref) }));
    }
    return Promise.resolve(true);
  }

  scheduleUnshown(ids: readonly string[], purgeAfter: string): Promise<void> {
    for (const id of ids) {
      const record = this.records.get(id);
      if (record?.status !== 'ready' || record.attachments.length > 0) continue;
      this.#change(id, (r) => ({ ...r, purgeAfter }));
      this.#enqueue(id, purgeAfter);
    }
    return Promise.resolve();
  }

  duePurges(now: string, limit: number): Promise<readonly PurgeEntry[]> {
    return Promise.resolve(this.purges.filter((entry) => entry.at <= now).slice(0, limit));
  }

  postpone(id: string, previous: string, at: string): Promise<void> {
    if (this.records.get(id)?.purgeAfter === previous) {
      this.#change(id, (r) => ({ ...r, purgeAfter: at }));
      this.#enqueue(id, at);
      this.#purges.delete(`${previous}#${id}`);
    }
    return Promise.resolve();
  }

  markPurged(id: string, at: string, now: string): Promise<boolean> {
    const record = this.records.get(id);
    if (record?.status !== 'ready' || record.purgeAfter !== at || record.attachments.length > 0) {
      return Promise.resolve(false);
    }
    const { purgeAfter: _purge, image: _image, ...rest } = record;
    this.records.set(id, { ...rest, status: 'purged', updatedAt: now });
    return Promise.resolve(true);
  }

  dropPurge(id: string, at: string): Promise<void> {
    this.#purges.delete(`${at}#${id}`);
    return Promise.resolve();
  }

  /** Updates an existing record; its new state, or undefined when there is no such record. */
  #change(id: string, update: (record: MediaRecord) => MediaRecord): MediaRecord | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    const changed = update(record);
    this.records.set(id, changed);
    return changed;
  }

  #enqueue(id: string, at: string): void {
    this.#purges.set(`${at}#${id}`, { id, at });
  }
}

/** The bucket: objects by key; presigned uploads are fake URLs, and parts are never sent here. */
export class MemoryFiles implements FileStore {
  readonly objects = new Map<string, Uint8Array>();
  readonly contentTypes = new Map<string, string>();
  /** Multipart uploads started and not completed, by upload id. */
  readonly multipart = new Map<string, { readonly key: string; readonly parts: number }>();
  readonly completed: {
    readonly key: string;
    readonly uploadId: string;
    readonly parts: readonly { readonly partNumber: number; readonly etag: string }[];
  }[] = [];

  presignPost(key: string, contentType: string, maxBytes: number): Promise<PresignedPost> {
    return Promise.resolve({
      url: 'https://uploads.test/',
      fields: { key, 'Content-Type': contentType, 'x-max-bytes': String(maxBytes) },
    });
  }

  startMultipart(
    key: string,
    _contentType: string,
    parts: number,
  ): Promise<{ readonly uploadId: string; readonly urls: readonly string[] }> {
    const uploadId = `multipart-${this.multipart.size + this.completed.length + 1}`;
    this.multipart.set(uploadId, { key, parts });
    const urls = Array.from(
      { length: parts },
      (_, i) => `https://uploads.test/${key}?uploadId=${uploadId}&partNumber=${i + 1}`,
    );
    return Promise.resolve({ uploadId, urls });
  }

  /** As S3 does: an upload it does not know (or already completed) is NoSuchUpload, a 422. */
  completeMultipart(
    key: string,
    uploadId: string,
    parts: readonly { readonly partNumber: number; readonly etag: string }[],
  ): Promise<void> {
    if (this.multipart.get(uploadId)?.key !== key) {
      return Promise.reject(
        new UnprocessableError('S3 could not assemble the parts (NoSuchUpload).', 'upload-incomplete'),
      );
    }
    this.multipart.delete(uploadId);
    this.completed.push({ key, uploadId, parts });
    return Promise.resolve();
  }

  read(key: string): Promise<Uint8Array | undefined> {
    return Promise.resolve(this.objects.get(key));
  }

  putPublic(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    this.objects.set(key, bytes);
    this.contentTypes.set(key, contentType);
    return Promise.resolve();
  }

  delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      this.objects.delete(key);
      this.contentTypes.delete(key);
    }
    return Promise.resolve();
  }

  publicUrl(key: string): string {
    if (!key.startsWith(PUBLIC_PREFIX)) throw new Error(`${key} is not a served file`);
    return `https://cdn.test/${key.slice(PUBLIC_PREFIX.length)}`;
  }
}

/** The first 8 hex digits of the SHA-256 of an upload's bytes: what its rendered files are named after. */
export const tagOf = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex').slice(0, 8);

/**
 * What the renderer makes of `bytes`, as a 1000 × 750 source: WebP and AVIF 640 and 320 pixels wide and the
 * square thumbnails around the focal point, in no particular order. The files are named after the bytes, as
 * the sharp renderer's are: the same upload twice makes the same files.
 */
function rendered(bytes: Uint8Array, focalPoint = { x: 0.5, y: 0.5 }): RenderOutcome {
  const file = (
    kind: RenderedFile['kind'],
    format: RenderedFile['format'],
    width: number,
    height: number,
  ) => {
    const hash = `${tagOf(bytes)}-${kind}-${width}`;
    const contentType = `image/${format}`;
    const encoded = new TextEncoder().encode(`${hash}.${format}`);
    return { kind, format, width, height, contentType, bytes: encoded, hash };
  };
  return {
    ok: true,
    source: { width: 1000, height: 750 },
    focalPoint,
    derivatives: [
      file('width', 'webp', 640, 480),
      file('thumbnail', 'webp', 400, 400),
      file('width', 'avif', 320, 240),
      file('width', 'avif', 640, 480),
      file('thumbnail', 'avif', 400, 400),
      file('width', 'webp', 320, 240),
    ],
  };
}

/** The renderer: renders every upload (or answers `outcome` once set) and keeps what each call was asked. */
export class StubRenderer {
  outcome: RenderOutcome | undefined;
  readonly calls: { readonly bytes: Uint8Array; readonly options: Parameters<Renderer>[1] }[] = [];

  readonly render: Renderer = (bytes, options) => {
    this.calls.push({ bytes, options });
    return Promise.resolve(this.outcome ?? rendered(bytes, options.focalPoint));
  };
}

/** The fixtures both media test files share: a fixed start, short graces, a staff member and two customers. */
export const START = new Date('2026-03-02T10:00:00.000Z');
export const SETTINGS = { detachedGraceSeconds: 600, unattachedGraceSeconds: 86_400 };
export const context = { correlationId: 'corr-1' };
export const staff: Uploader = { sub: 'staff-1', staff: true };
export const erika: Uploader = { sub: 'customer-1', staff: false };
export const max: Uploader = { sub: 'customer-2', staff: false };
