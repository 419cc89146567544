// Renders an uploaded image's derivatives with sharp (libvips): bytes in, bytes out, no AWS. It checks the
// upload by its bytes against the rules (../domain/image-rules.ts), in order: its size; its format, from
// its first bytes, so an SVG, a PDF or a text file never reaches the decoder; its header (width and height,
// read without decoding a pixel, so a decompression bomb is refused before it is decoded); its declared
// content type; then every pixel, once. A bad upload is an answer ({ ok: false, reason, detail }), never an
// exception; an exception means the renderer itself failed.
//
// The source is decoded once, upright (its EXIF orientation applied) and in sRGB; the first frame only of
// an animated GIF or WebP. Each planned width and the square thumbnail, cropped around the focal point,
// are encoded from it as AVIF and WebP. No metadata is written (no EXIF, GPS or ICC profile: sharp writes
// none unless asked), and the output is the same bytes for the same input, so a redelivered upload writes
// the same objects under the same hashes.
//
// sharp is loaded on the first render, not when this module is imported: the processor imports it at cold
// start, and loading libvips costs tens of milliseconds. It then gets one libvips thread per image
// (sharp.concurrency(1)): the AVIF encoder's output depends on its thread count, so a fixed count keeps the
// bytes, and the hashes, the same whatever the machine's vCPUs (1 is sharp's default on glibc Linux only).
// The derivatives are encoded side by side instead, one per libuv worker, which uses both vCPUs of a
// larger function and costs nothing on one.
import { createHash } from 'node:crypto';
import type SharpFactory from 'sharp';
import {
  CENTRE,
  checkBytes,
  checkDeclaredType,
  checkDimensions,
  CONTENT_TYPES,
  corrupt,
  cropBox,
  notAnImage,
  plannedWidths,
  sniffFormat,
  thumbnailSide,
  unsupportedFormat,
  type Box,
  type FocalPoint,
  type ImageFormat,
  type ImageLimits,
  type Rejection,
} from '../domain/image-rules.ts';

export type DerivativeFormat = 'avif' | 'webp';

export interface Derivative {
  /** A rendering at one of the planned widths, or the square thumbnail. */
  readonly kind: 'width' | 'thumbnail';
  readonly format: DerivativeFormat;
  readonly width: number;
  readonly height: number;
  readonly contentType: string;
  readonly bytes: Uint8Array;
  /** The first 32 hex digits of the SHA-256 of `bytes` (contentHash). */
  readonly hash: string;
}

export type RenderResult =
  | {
      ok: true;
      /** The upload: its format, its upright width and height, and its size in bytes. */
      source: { format: ImageFormat; width: number; height: number; bytes: number };
      /** The focal point given, or the centre: the thumbnail is cropped around it. */
      focalPoint: FocalPoint;
      /** Each planned width as AVIF then WebP, narrowest first, then the thumbnail as AVIF then WebP. */
      derivatives: Derivative[];
    }
  | ({ ok: false } & Rejection);

export interface RenderOptions {
  readonly limits: ImageLimits;
  /** The content type the upload declared; the bytes must be of that format. */
  readonly declaredContentType: string;
  /** Where to centre the thumbnail's crop; the image's centre if none. */
  readonly focalPoint?: FocalPoint;
}

type Sharp = typeof SharpFactory;

let loading: Promise<Sharp> | undefined;

/** sharp, loaded once, on first use, with one thread per image. */
function loadSharp(): Promise<Sharp> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    sharp.concurrency(1);
    return sharp;
  });
  return loading;
}

/**
 * Encoder settings, quick enough for Lambda: all ten derivatives of a 2000 × 1500 JPEG take about a second on
 * one vCPU. AVIF's effort 2 is the knee: effort 4 (sharp's default) takes six to eight times as long.
 */
const ENCODERS = {
  avif: { quality: 50, effort: 2, chromaSubsampling: '4:2:0' },
  webp: { quality: 75, effort: 4 },
} as const;

const DERIVATIVE_FORMATS: readonly DerivativeFormat[] = ['avif', 'webp'];

/** The first 32 hex digits (128 bits) of the SHA-256 of `bytes`: the name a derivative is stored under. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

const rejected = (rejection: Rejection): RenderResult => ({ ok: false, ...rejection });

/** The decoded source: upright 8-bit sRGB pixels, with alpha if it has any. */
interface Pixels {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
}

/** The header's width and height, or undefined if sharp cannot read it as the format sniffed. */
async function readHeader(sharp: Sharp, bytes: Uint8Array, format: ImageFormat) {
  try {
    // No pixel limit here: sharp would refuse the header of a large image without saying its size.
    const metadata = await sharp(bytes).metadata();
    if (metadata.mediaType !== CONTENT_TYPES[format]) return undefined;
    return { width: metadata.width, height: metadata.height };
  } catch {
    return undefined;
  }
}

/** Every pixel of the first frame, or undefined if the file is damaged or incomplete. */
async function decode(sharp: Sharp, bytes: Uint8Array, limits: ImageLimits): Promise<Pixels | undefined> {
  try {
    const { data, info } = await sharp(bytes, {
      // 'error' refuses a truncated file or broken pixel data but lets through the harmless warnings that
      // many cameras' JPEGs raise ('warning', sharp's default, would refuse those).
      failOn: 'error',
      // Beside the check of the header: libvips refuses to decode more pixels than this.
      limitInputPixels: limits.maxPixels,
      autoOrient: true,
      // The first frame of an animated GIF or WebP only.
      pages: 1,
    })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  } catch {
    return undefined;
  }
}

/** One derivative: `box` (if any) cut from the pixels, resized to `width` (and `height`), encoded. */
async function encode(
  sharp: Sharp,
  pixels: Pixels,
  kind: Derivative['kind'],
  format: DerivativeFormat,
  size: { width: number; height?: number },
  box?: Box,
): Promise<Derivative> {
  const { data, width, height, channels } = pixels;
  let image = sharp(data, { raw: { width, height, channels } });
  if (box) image = image.extract(box);
  image = image.resize({ ...size, withoutEnlargement: true });
  const encoded = await (format === 'avif' ? image.avif(ENCODERS.avif) : image.webp(ENCODERS.webp)).toBuffer({
    resolveWithObject: true,
  });
  const bytes = new Uint8Array(encoded.data.buffer, encoded.data.byteOffset, encoded.data.byteLength);
  return {
    kind,
    format,
    width: encoded.info.width,
    height: encoded.info.height,
    contentType: CONTENT_TYPES[format],
    bytes,
    hash: contentHash(bytes),
  };
}

/**
 * Checks an upload by its bytes and renders its derivatives: each planned width and the square thumbnail,
 * as AVIF and WebP. A bad upload is answered with the reason; only a failure of the renderer throws.
 */
export async function renderImage(bytes: Uint8Array, options: RenderOptions): Promise<RenderResult> {
  const { limits, declaredContentType } = options;
  const focalPoint = options.focalPoint ?? CENTRE;
  const tooLarge = checkBytes(bytes.length, limits);
  if (tooLarge) return rejected(tooLarge);
  const sniffed = sniffFormat(bytes);
  if (sniffed === undefined) return rejected(notAnImage());
  if ('unsupported' in sniffed) return rejected(unsupportedFormat(sniffed.unsupported));
  const { format } = sniffed;

  const sharp = await loadSharp();
  const header = await readHeader(sharp, bytes, format);
  if (!header) return rejected(corrupt(format));
  const refusal =
    checkDimensions(header.width, header.height, limits) ?? checkDeclaredType(format, declaredContentType);
  if (refusal) return rejected(refusal);
  const pixels = await decode(sharp, bytes, limits);
  if (!pixels) return rejected(corrupt(format));

  const side = thumbnailSide(pixels.width, pixels.height);
  const box = cropBox(pixels.width, pixels.height, focalPoint);
  const derivatives = await Promise.all([
    ...plannedWidths(pixels.width).flatMap((width) =>
      DERIVATIVE_FORMATS.map((f) => encode(sharp, pixels, 'width', f, { width })),
    ),
    ...DERIVATIVE_FORMATS.map((f) =>
      encode(sharp, pixels, 'thumbnail', f, { width: side, height: side }, box),
    ),
  ]);
  return {
    ok: true,
    source: { format, width: pixels.width, height: pixels.height, bytes: bytes.length },
    focalPoint,
    derivatives,
  };
}
