// The media bucket through the S3 API: presigned browser uploads (a form POST whose policy pins the key,
// the content type and the size range; or presigned PUTs of parts), reading an upload, writing served files
// (immutable, cached for a year) and deleting. On the local stage the emulator is addressed by path
// (`AWS_ENDPOINT_URL` is set there), which browsers reach at the same address. The S3 SDK and the presigners
// load on first use (code splitting): the media functions that never touch the bucket do not pay for them.
import type { S3Client } from '@aws-sdk/client-s3';
import { UnprocessableError } from '@commerce/lambda-kit/errors';
import type { FileStore, PresignedPost } from '../domain/ports.ts';
import { PUBLIC_PREFIX } from '../domain/upload.ts';

/** What CloudFront and browsers may do with a served file: keep it for a year, never revalidate it. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

const isNamed = (error: unknown, ...names: string[]): boolean =>
  error instanceof Error && names.includes(error.name);

const sdk = () => import('@aws-sdk/client-s3');

export class S3Files implements FileStore {
  #s3: S3Client | undefined;
  #presigner: S3Client | undefined;
  readonly #bucket: string;
  readonly #publicBaseUrl: string;
  readonly #uploadEndpoint: string | undefined;

  /**
   * `uploadEndpoint`: where browsers reach S3, when it is not where the function does (the local stage: the
   * emulator gives functions 127.0.0.1, browsers know it as localhost). Absent in AWS.
   */
  constructor(bucket: string, publicBaseUrl: string, uploadEndpoint?: string) {
    this.#bucket = bucket;
    this.#publicBaseUrl = publicBaseUrl.replace(/\/$/, '');
    this.#uploadEndpoint = uploadEndpoint;
  }

  async #client(): Promise<S3Client> {
    const { S3Client } = await sdk();
    // Checksums only where S3 requires them: a presigned part URL must not pin the checksum of no body.
    this.#s3 ??= new S3Client({
      forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL),
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    return this.#s3;
  }

  /** The client that signs browsers' requests: the same, or one addressing `uploadEndpoint`. */
  async #signer(): Promise<S3Client> {
    if (!this.#uploadEndpoint) return this.#client();
    const { S3Client } = await sdk();
    this.#presigner ??= new S3Client({
      endpoint: this.#uploadEndpoint,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    return this.#presigner;
  }

  async presignPost(
    key: string,
    contentType: string,
    maxBytes: number,
    expiresSeconds: number,
  ): Promise<PresignedPost> {
    const { createPresignedPost } = await import('@aws-sdk/s3-presigned-post');
    const post = await createPresignedPost(await this.#signer(), {
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
    const [{ CreateMultipartUploadCommand, UploadPartCommand }, { getSignedUrl }, s3, signer] =
      await Promise.all([sdk(), import('@aws-sdk/s3-request-presigner'), this.#client(), this.#signer()]);
    const started = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: this.#bucket, Key: key, ContentType: contentType }),
    );
    const uploadId = started.UploadId;
    if (!uploadId) throw new Error('S3 started a multipart upload without an id');
    const urls = await Promise.all(
      Array.from({ length: parts }, (_, i) =>
        getSignedUrl(
          signer,
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
    const [{ CompleteMultipartUploadCommand }, s3] = await Promise.all([sdk(), this.#client()]);
    try {
      await s3.send(
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
    const [{ GetObjectCommand }, s3] = await Promise.all([sdk(), this.#client()]);
    try {
      const out = await s3.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      return out.Body ? await out.Body.transformToByteArray() : undefined;
    } catch (error) {
      if (isNamed(error, 'NoSuchKey', 'NotFound')) return undefined;
      throw error;
    }
  }

  async putPublic(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const [{ PutObjectCommand }, s3] = await Promise.all([sdk(), this.#client()]);
    await s3.send(
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
    if (keys.length === 0) return;
    const [{ DeleteObjectsCommand }, s3] = await Promise.all([sdk(), this.#client()]);
    for (let i = 0; i < keys.length; i += 1000) {
      const chunk = keys.slice(i, i + 1000);
      const out = await s3.send(
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
