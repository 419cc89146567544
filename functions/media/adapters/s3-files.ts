// The media bucket through the S3 API: presigned browser uploads (a form POST whose policy pins the key,
// the content type and the size range; or presigned PUTs of parts), reading an upload, writing served files
// (immutable, cached for a year) and deleting. On the local stage the emulator is addressed by path
// (`AWS_ENDPOINT_URL` is set there), which browsers reach at the same address.
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { UnprocessableError } from '@commerce/lambda-kit/errors';
import type { FileStore, PresignedPost } from '../domain/ports.ts';
import { PUBLIC_PREFIX } from '../domain/upload.ts';

/** What CloudFront and browsers may do with a served file: keep it for a year, never revalidate it. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

const isNamed = (error: unknown, ...names: string[]): boolean =>
  error instanceof Error && names.includes(error.name);

export class S3Files implements FileStore {
  readonly #s3: S3Client;
  readonly #bucket: string;
  readonly #publicBaseUrl: string;

  constructor(
    bucket: string,
    publicBaseUrl: string,
    // Checksums only where S3 requires them: a presigned part URL must not pin the checksum of no body.
    s3 = new S3Client({
      forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL),
      requestChecksumCalculation: 'WHEN_REQUIRED',
    }),
  ) {
    this.#s3 = s3;
    this.#bucket = bucket;
    this.#publicBaseUrl = publicBaseUrl.replace(/\/$/, '');
  }

  async presignPost(
    key: string,
    contentType: string,
    maxBytes: number,
    expiresSeconds: number,
  ): Promise<PresignedPost> {
    const post = await createPresignedPost(this.#s3, {
      Bucket: this.#bucket,
      Key: key,
      Conditions: [
        ['content-length-range', 1, maxBytes],
        ['eq', '$Content-Type', contentType],
      ],
      Fields: { 'Content-Type': contentType },
      Expires: expiresSeconds,
    });
    return { url: post.url, fields: post.fields };
  }

  async startMultipart(key: string, contentType: string, parts: number, expiresSeconds: number) {
    const started = await this.#s3.send(
      new CreateMultipartUploadCommand({ Bucket: this.#bucket, Key: key, ContentType: contentType }),
    );
    const uploadId = started.UploadId;
    if (!uploadId) throw new Error('S3 started a multipart upload without an id');
    const urls = await Promise.all(
      Array.from({ length: parts }, (_, i) =>
        getSignedUrl(
          this.#s3,
          new UploadPartCommand({ Bucket: this.#bucket, Key: key, UploadId: uploadId, PartNumber: i + 1 }),
          { expiresIn: expiresSeconds },
        ),
      ),
    );
    return { uploadId, urls };
  }

  async completeMultipart(
    key: string,
    uploadId: string,
    parts: readonly { readonly partNumber: number; readonly etag: string }[],
  ): Promise<void> {
    try {
      await this.#s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.#bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
        }),
      );
    } catch (error) {
      if (isNamed(error, 'InvalidPart', 'InvalidPartOrder', 'EntityTooSmall', 'NoSuchUpload')) {
        throw new UnprocessableError(
          `S3 could not assemble the parts (${(error as Error).name}): send every part, then each one's ETag in order.`,
          'upload-incomplete',
        );
      }
      throw error;
    }
  }

  async read(key: string): Promise<Uint8Array | undefined> {
    try {
      const out = await this.#s3.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      return out.Body ? await out.Body.transformToByteArray() : undefined;
    } catch (error) {
      if (isNamed(error, 'NoSuchKey', 'NotFound')) return undefined;
      throw error;
    }
  }

  async putPublic(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.#s3.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        CacheControl: IMMUTABLE,
      }),
    );
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const chunk = keys.slice(i, i + 1000);
      const out = await this.#s3.send(
        new DeleteObjectsCommand({
          Bucket: this.#bucket,
          Delete: { Objects: chunk.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      if (out.Errors?.length) throw new Error(`S3 kept ${out.Errors.length} objects it was asked to delete`);
    }
  }

  publicUrl(key: string): string {
    if (!key.startsWith(PUBLIC_PREFIX)) throw new Error(`${key} is not a served file`);
    return `${this.#publicBaseUrl}/${key.slice(PUBLIC_PREFIX.length)}`;
  }
}
