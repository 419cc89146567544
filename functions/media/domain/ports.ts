// What the media use cases need from the world: the table (records, quotas, what shows each image, the
// sweep's queue), the bucket (presigned uploads, the bytes, the served files) and the image renderer.
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { FocalPoint } from '@commerce/events';
import type { ImageLimits, Rejection } from './image-rules.ts';
import type { MediaRecord } from './upload.ts';

/** A customer's daily allowance, counted in the same transaction as the record it allows. */
export interface UploadQuota {
  readonly ownerId: string;
  /** `yyyy-mm-dd` (UTC). */
  readonly day: string;
  readonly limit: number;
}

/** What now shows which media: one product's or review's list, at the version of its last event. */
export interface Reference {
  readonly ref: string;
  readonly version: number;
  readonly mediaIds: readonly string[];
}

export interface MediaStore {
  /** Stores a new record (and counts it against `quota`); QuotaExceededError when the quota is used up. */
  create(record: MediaRecord, quota: UploadQuota | undefined): Promise<void>;
  get(id: string): Promise<MediaRecord | undefined>;
  getMany(ids: readonly string[]): Promise<ReadonlyMap<string, MediaRecord>>;
  /** Stamps `resolvedAt` on each (the sweep spares them while their attachment is on its way). */
  markResolved(ids: readonly string[], at: string): Promise<void>;
  /** awaiting-upload → ready or rejected, with its event (and, for ready, its sweep entry); false if not awaiting. */
  finish(id: string, change: Partial<MediaRecord>, events: readonly OutboxItem[]): Promise<boolean>;
  reference(ref: string): Promise<Reference | undefined>;
  /**
   * Records `next` as what `next.ref` shows, in one transaction with the attachments it changes (the ref
   * added to the media it gained, removing their deletion; taken from those it lost), if the stored
   * reference is still at `readVersion` (absent: none stored). False when another version got there first:
   * nothing changed, read again.
   */
  saveReference(
    next: Reference,
    readVersion: number | undefined,
    added: readonly string[],
    removed: readonly string[],
  ): Promise<boolean>;
  /** Gives each of `ids` that is ready and shown by nothing its deletion at `purgeAfter` (and a sweep entry). */
  scheduleUnshown(ids: readonly string[], purgeAfter: string): Promise<void>;
  /** The sweep's entries due at `now`, oldest first. */
  duePurges(now: string, limit: number): Promise<readonly { readonly id: string; readonly at: string }[]>;
  /** Moves a record's deletion to `at` (a new sweep entry) and drops the entry for `previous`. */
  postpone(id: string, previous: string, at: string): Promise<void>;
  /**
   * ready → purged, if nothing shows it and its deletion is still due at `at` (false otherwise). The sweep
   * entry stays until the files are gone (dropPurge), so a sweep interrupted in between deletes them again.
   */
  markPurged(id: string, at: string, now: string): Promise<boolean>;
  dropPurge(id: string, at: string): Promise<void>;
}

export interface PresignedPost {
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

export interface FileStore {
  /** A browser form upload of at most `maxBytes` bytes of `contentType` to `key`. */
  presignPost(
    key: string,
    contentType: string,
    maxBytes: number,
    expiresSeconds: number,
  ): Promise<PresignedPost>;
  /** Starts an upload in parts; answers its upload id and a presigned PUT URL per part. */
  startMultipart(
    key: string,
    contentType: string,
    parts: number,
    expiresSeconds: number,
  ): Promise<{ readonly uploadId: string; readonly urls: readonly string[] }>;
  completeMultipart(
    key: string,
    uploadId: string,
    parts: readonly { readonly partNumber: number; readonly etag: string }[],
  ): Promise<void>;
  /** The object's bytes, or undefined when it is gone. */
  read(key: string): Promise<Uint8Array | undefined>;
  /** Writes a served file: immutable, cached for a year. */
  putPublic(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
  /** Where browsers read a served file. */
  publicUrl(key: string): string;
}

export interface RenderedFile {
  readonly kind: 'width' | 'thumbnail';
  readonly format: 'avif' | 'webp';
  readonly width: number;
  readonly height: number;
  readonly contentType: string;
  readonly bytes: Uint8Array;
  readonly hash: string;
}

export type RenderOutcome =
  | {
      readonly ok: true;
      readonly source: { readonly width: number; readonly height: number };
      readonly focalPoint: FocalPoint;
      readonly derivatives: readonly RenderedFile[];
    }
  | ({ readonly ok: false } & Rejection);

export type Renderer = (
  bytes: Uint8Array,
  options: {
    readonly limits: ImageLimits;
    readonly declaredContentType: string;
    readonly focalPoint?: FocalPoint;
  },
) => Promise<RenderOutcome>;
