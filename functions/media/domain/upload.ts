// The rules of an upload, without AWS: what each purpose may upload (types, bytes, pixels), who may upload
// for it, when a file goes up in parts, the object keys, and the record's life:
//   awaiting-upload → ready (its derivatives are served) | rejected (deleted, never served) → purged.
import type { FocalPoint, ProcessedImage } from '@commerce/events';
import type { ImageLimits, Rejection } from './image-rules.ts';

export type MediaPurpose = 'product' | 'review';
export type MediaStatus = 'awaiting-upload' | 'ready' | 'rejected' | 'purged';

const MiB = 1024 * 1024;

/** What each purpose accepts. Review photos come from shoppers' phones; product images from studios. */
export const PURPOSE_LIMITS: Readonly<Record<MediaPurpose, ImageLimits>> = {
  product: { maxBytes: 25 * MiB, maxPixels: 40_000_000, maxDimension: 12_000 },
  review: { maxBytes: 10 * MiB, maxPixels: 40_000_000, maxDimension: 12_000 },
};

/** The content types a browser may declare: real image formats only (never SVG, which can carry script). */
export const UPLOAD_CONTENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/gif',
] as const;
export type UploadContentType = (typeof UPLOAD_CONTENT_TYPES)[number];

/** Files above this go up in parts (S3 multipart), each of PART_SIZE bytes but the last. */
export const MULTIPART_THRESHOLD = 8 * MiB;
export const PART_SIZE = 8 * MiB;
/** How long a presigned upload may be used. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** Uploads one customer may start in a UTC day (staff are not counted). */
export const CUSTOMER_UPLOADS_PER_DAY = 20;

/** Where browsers put an upload, and where its served files go (under the bucket's public prefix). */
export const UPLOAD_PREFIX = 'uploads/';
export const PUBLIC_PREFIX = 'm/';
export const uploadKey = (mediaId: string): string => `${UPLOAD_PREFIX}${mediaId}`;
/** The media id an upload's key names, or undefined for a key that is not one of ours. */
export function mediaIdOfKey(key: string): string | undefined {
  const match = /^uploads\/(md_[a-z0-9]{20})$/.exec(key);
  return match?.[1];
}

/** Who uploads: staff for product images; any signed-in user (customers) for review photos. */
export interface Uploader {
  readonly sub: string;
  readonly staff: boolean;
}

export interface MediaRecord {
  readonly id: string;
  readonly purpose: MediaPurpose;
  readonly ownerId: string;
  readonly contentType: UploadContentType;
  /** The size the uploader declared; the stored object may not exceed it. */
  readonly size: number;
  readonly status: MediaStatus;
  /** Set for uploads in parts. */
  readonly multipartUploadId?: string;
  readonly focalPoint?: FocalPoint;
  readonly image?: ProcessedImage;
  /** The object keys of the served files (derivatives), for their deletion. */
  readonly files?: readonly string[];
  readonly rejection?: Rejection;
  /** What shows it: `product:<id>`, `review:<id>`. */
  readonly attachments: readonly string[];
  /** When a service last resolved it to attach it (the sweep spares it for a while after). */
  readonly resolvedAt?: string;
  /** While nothing shows it: when its files are deleted (the sweep's queue has an entry for that moment). */
  readonly purgeAfter?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** How the browser sends the bytes. */
export type UploadPlan =
  | { readonly method: 'POST'; readonly multipart: false }
  | { readonly method: 'PUT'; readonly multipart: true; readonly partSize: number; readonly parts: number };

export function uploadPlan(size: number): UploadPlan {
  if (size <= MULTIPART_THRESHOLD) return { method: 'POST', multipart: false };
  return { method: 'PUT', multipart: true, partSize: PART_SIZE, parts: Math.ceil(size / PART_SIZE) };
}

/** Why an upload request is refused before anything is stored, as a field pointer and a sentence. */
export interface UploadRefusal {
  readonly pointer: string;
  readonly detail: string;
}

export function refuseUpload(purpose: MediaPurpose, size: number): UploadRefusal | undefined {
  const limit = PURPOSE_LIMITS[purpose].maxBytes;
  if (size > limit) {
    return {
      pointer: '/size',
      detail: `${purpose === 'product' ? 'Product images' : 'Review photos'} may be at most ${limit} bytes (${limit / MiB} MiB).`,
    };
  }
  return undefined;
}

/**
 * How long the sweep spares an image after a service resolved it to attach it, and how close to its
 * deletion an unattached image may no longer be resolved: the attachment arrives by event well within it.
 */
export const ATTACH_SPARE_SECONDS = 3600;

/** Whether a media record may be shown by something now (attach): refusal sentence, or undefined. */
export function unusableReason(
  record: MediaRecord | undefined,
  wanted: { readonly purpose: MediaPurpose; readonly ownerId?: string | undefined },
  now: Date,
): string | undefined {
  if (!record || (wanted.ownerId !== undefined && record.ownerId !== wanted.ownerId)) {
    return 'No such media.';
  }
  if (record.purpose !== wanted.purpose) return `This media was uploaded for a ${record.purpose}.`;
  switch (record.status) {
    case 'awaiting-upload':
      return 'This media is still being uploaded or processed; try again in a moment.';
    case 'rejected':
      return `This media was rejected: ${record.rejection?.detail ?? 'it is not a usable image.'}`;
    case 'purged':
      return 'This media was deleted because nothing used it; upload it again.';
    case 'ready':
      break;
  }
  const purgeAfter = record.attachments.length === 0 ? record.purgeAfter : undefined;
  if (purgeAfter && Date.parse(purgeAfter) - now.getTime() < ATTACH_SPARE_SECONDS * 1000) {
    return 'This media is about to be deleted because nothing used it; upload it again.';
  }
  return undefined;
}
