// The media service: uploads straight from browsers to its bucket (presigned), each checked by its bytes and
// rendered into content-hashed AVIF and WebP files that the CDN serves for a year; the images other services
// attach (resolve), which ones they show (product events) and the deletion of those nothing shows after a
// grace period (docs/media.md).
import { MediaProcessed, MediaRejected } from '@commerce/events';
import { mediaResolve } from '@commerce/contracts';
import { defineService, serviceBucketName, type DeploymentTarget } from '@commerce/lambda-kit/service';
import { PUBLIC_PREFIX, UPLOAD_PREFIX } from './domain/upload.ts';
import { mediaRoutes } from './routes.ts';
import { mediaSubscriptions } from './subscriptions.ts';
import { mediaSweep } from './sweep-contract.ts';

/** The stage settings the media service reads. */
interface MediaStage {
  readonly stage: string;
  readonly media: {
    readonly bucketUrlTemplate: string | null;
    readonly detachedGraceSeconds: number;
    readonly unattachedGraceSeconds: number;
  };
}

const objects = (stage: string, target: DeploymentTarget, prefix: string) =>
  `arn:${target.partition}:s3:::${serviceBucketName(stage, 'media', target)}/${prefix}*`;

export const mediaService = defineService<MediaStage>({
  name: 'media',
  description:
    'Uploads checked by their bytes, image derivatives served through the CDN, and their deletion.',
  routes: mediaRoutes,
  subscriptions: mediaSubscriptions,
  publishes: [MediaProcessed, MediaRejected],
  internal: [
    { contract: mediaResolve, entry: 'internal/resolve.ts' },
    {
      contract: mediaSweep,
      entry: 'internal/sweep.ts',
      schedule: 'rate(15 minutes)',
      permissions: ['deleteFiles'],
    },
  ],
  storage: {
    description: 'uploads and the files rendered from them',
    publicPrefix: PUBLIC_PREFIX,
    onUpload: {
      entry: 'uploads/process-upload.ts',
      description: 'checks each upload by its bytes and renders its files, or rejects it',
      prefix: UPLOAD_PREFIX,
      // Decoding a 40-megapixel image and encoding AVIF wants memory and the CPU that comes with it.
      memoryMb: 2048,
      timeoutSeconds: 60,
      nativeModules: ['sharp'],
      permissions: ['processUploads'],
    },
  },
  environment: ({ media }) => ({
    MEDIA_DETACHED_GRACE_SECONDS: String(media.detachedGraceSeconds),
    MEDIA_UNATTACHED_GRACE_SECONDS: String(media.unattachedGraceSeconds),
    // Where the stage serves the bucket itself (the local stage), browsers upload to that same address.
    ...(media.bucketUrlTemplate
      ? { MEDIA_UPLOAD_ENDPOINT: new URL(media.bucketUrlTemplate.replace('{bucket}', 'b')).origin }
      : {}),
  }),
  permissions: {
    // Presigning signs with the function's own credentials: it may put uploads (and run multipart on them).
    presignUploads: ({ stage }, target) => [
      {
        actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
        resources: [objects(stage, target, UPLOAD_PREFIX)],
        prefixReason: 'Every upload’s key is uploads/<media id>, made per request.',
      },
    ],
    processUploads: ({ stage }, target) => [
      {
        actions: ['s3:GetObject', 's3:DeleteObject'],
        resources: [objects(stage, target, UPLOAD_PREFIX)],
        prefixReason: 'Every upload’s key is uploads/<media id>, made per request.',
      },
      {
        actions: ['s3:PutObject'],
        resources: [objects(stage, target, PUBLIC_PREFIX)],
        prefixReason: 'Served files are m/<media id>/<hash of their content>.<format>.',
      },
    ],
    deleteFiles: ({ stage }, target) => [
      {
        actions: ['s3:DeleteObject'],
        resources: [objects(stage, target, PUBLIC_PREFIX)],
        prefixReason: 'Served files are m/<media id>/<hash of their content>.<format>.',
      },
    ],
  },
});
