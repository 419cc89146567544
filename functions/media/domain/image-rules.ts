// The rules for uploaded images, pure (no sharp, no AWS): the formats accepted and their content types, what a
// file's first bytes say it is, the limits an upload must keep (bytes, pixels, sides) and the plain-English
// reason when it does not, the widths rendered for a source and the square thumbnail's crop around a focal
// point. The renderer (../adapters/sharp-renderer.ts) applies them to the bytes.
//
// A file is judged by its bytes, never by its name or declared type: the first bytes name the format, and
// only the five formats below ever reach the decoder. SVG (it can carry script), TIFF, HEIC and other image
// formats are named and refused; anything else is not an image.

export const IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'avif', 'gif'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export const CONTENT_TYPES: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};

/** How a format is named to a person. */
const FORMAT_NAMES: Record<ImageFormat, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  avif: 'AVIF',
  gif: 'GIF',
};

const ACCEPTED = 'JPEG, PNG, WebP, AVIF or GIF';

/** The format of a content type ("image/png; charset=binary" is PNG; case is ignored), or undefined. */
export function formatOfContentType(ct: string): ImageFormat | undefined {
  const type = ct.split(';', 1)[0]!.trim().toLowerCase();
  return IMAGE_FORMATS.find((format) => CONTENT_TYPES[format] === type);
}

/** The widths rendered, in pixels: each one no wider than the source. */
export const DERIVATIVE_WIDTHS = [320, 640, 1024, 1600] as const;

/** The square thumbnail's side, in pixels (smaller when the source's shorter side is). */
export const THUMBNAIL_SIZE = 400;

/**
 * The widths to render for a source `sourceWidth` pixels wide: the DERIVATIVE_WIDTHS it is at least as wide
 * as, never more (no upscaling, and no odd width for a source between two steps); a source narrower than the
 * smallest step gets one rendering at its own width.
 */
export function plannedWidths(sourceWidth: number): number[] {
  const widths = DERIVATIVE_WIDTHS.filter((width) => width <= sourceWidth);
  return widths.length > 0 ? widths : [sourceWidth];
}

/** The thumbnail's side for an upright image: THUMBNAIL_SIZE, or its shorter side when that is smaller. */
export function thumbnailSide(width: number, height: number): number {
  return Math.min(THUMBNAIL_SIZE, width, height);
}

/** The point a crop keeps in view, as fractions 0..1 of the width and height from the top-left corner. */
export interface FocalPoint {
  readonly x: number;
  readonly y: number;
}

export const CENTRE: FocalPoint = { x: 0.5, y: 0.5 };

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The largest square inside a `width` × `height` image (its side is the shorter side), placed so its centre
 * is as near the focal point as it can be without leaving the image. Whole pixels. A focal point outside
 * 0..1 counts as the nearest edge; one that is not a number counts as the centre.
 */
export function cropBox(width: number, height: number, focal: FocalPoint): Box {
  const side = Math.min(width, height);
  const start = (length: number, fraction: number) => {
    const at = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0.5;
    return Math.min(length - side, Math.max(0, Math.round(at * length - side / 2)));
  };
  return { left: start(width, focal.x), top: start(height, focal.y), width: side, height: side };
}

/** What an upload may be: its size in bytes, its pixels (width × height) and its longer side. */
export interface ImageLimits {
  readonly maxBytes: number;
  readonly maxPixels: number;
  readonly maxDimension: number;
}

export type Rejection = {
  readonly reason:
    'not-an-image' | 'unsupported-format' | 'too-many-pixels' | 'too-large' | 'type-mismatch' | 'corrupt';
  /** One sentence a shopper or a member of staff can read. */
  readonly detail: string;
};

/** What the first bytes say: one of the accepted formats, or another image format (by name). */
export type Sniffed = { readonly format: ImageFormat } | { readonly unsupported: string };

const ascii = (bytes: Uint8Array, from: number, length: number) =>
  String.fromCharCode(...bytes.subarray(from, from + length));

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);

/**
 * Brands of an ISO base media file (its leading `ftyp` box: the major brand, then the compatible ones, of
 * which at most 64 are read), or undefined if it is not one.
 */
function brandsOf(bytes: Uint8Array): string[] | undefined {
  if (bytes.length < 16 || ascii(bytes, 4, 4) !== 'ftyp') return undefined;
  const boxSize = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  const size = Math.min(bytes.length, boxSize, 16 + 64 * 4);
  const brands = [ascii(bytes, 8, 4)];
  for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(bytes, at, 4));
  return brands;
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

/** An SVG document: text starting with "<" (after white space) with an <svg element in its first 4 KB. */
function isSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 4096));
  return /^\s*</.test(head) && /<svg[\s>/]/i.test(head);
}

/** A Windows bitmap: "BM", then a DIB header of one of the known sizes at byte 14. */
const isBmp = (bytes: Uint8Array) =>
  bytes.length >= 18 &&
  ascii(bytes, 0, 2) === 'BM' &&
  [12, 40, 52, 56, 64, 108, 124].includes(
    new DataView(bytes.buffer, bytes.byteOffset + 14, 4).getUint32(0, true),
  );

/** What the first bytes of a file say it is, or undefined if they are no image's. */
export function sniffFormat(bytes: Uint8Array): Sniffed | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { format: 'jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { format: 'png' };
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return { format: 'gif' };
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    return { format: 'webp' };
  }
  const brands = brandsOf(bytes);
  if (brands?.some((brand) => brand === 'avif' || brand === 'avis')) return { format: 'avif' };
  if (brands?.some((brand) => HEIF_BRANDS.has(brand))) return { unsupported: 'HEIC' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { unsupported: 'TIFF' };
  }
  if (startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b])) {
    return { unsupported: 'TIFF' };
  }
  if (startsWith(bytes, [0xff, 0x0a]) || ascii(bytes, 4, 4) === 'JXL ') return { unsupported: 'JPEG XL' };
  if (ascii(bytes, 4, 8) === 'jP  \r\n\x87\n') return { unsupported: 'JPEG 2000' };
  if (isBmp(bytes)) return { unsupported: 'BMP' };
  if (ascii(bytes, 0, 4) === '8BPS') return { unsupported: 'Photoshop' };
  if (isSvg(bytes)) return { unsupported: 'SVG' };
  return undefined;
}

const count = (n: number) => n.toLocaleString('en-GB');

const sizeText = (bytes: number) =>
  bytes < 1024 * 1024 ? `${count(Math.ceil(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Too many bytes for the limits, or undefined. */
export function checkBytes(size: number, limits: ImageLimits): Rejection | undefined {
  if (size <= limits.maxBytes) return undefined;
  let [actual, most] = [sizeText(size), sizeText(limits.maxBytes)];
  if (actual === most) [actual, most] = [`${count(size)} bytes`, `${count(limits.maxBytes)} bytes`];
  return { reason: 'too-large', detail: `The file is ${actual}; files of at most ${most} are accepted.` };
}

/** Too many pixels or too long a side for the limits, or undefined. Judged before any pixel is decoded. */
export function checkDimensions(width: number, height: number, limits: ImageLimits): Rejection | undefined {
  const size = `${count(width)} × ${count(height)} pixels`;
  if (width * height > limits.maxPixels) {
    return {
      reason: 'too-many-pixels',
      detail: `The image is ${size}; at most ${count(limits.maxPixels)} pixels are accepted.`,
    };
  }
  if (Math.max(width, height) > limits.maxDimension) {
    return {
      reason: 'too-many-pixels',
      detail: `The image is ${size}; at most ${count(limits.maxDimension)} pixels on a side are accepted.`,
    };
  }
  return undefined;
}

/** The format found does not match the content type the upload declared, or undefined. */
export function checkDeclaredType(format: ImageFormat, declaredContentType: string): Rejection | undefined {
  if (formatOfContentType(declaredContentType) === format) return undefined;
  const declared = declaredContentType.trim().slice(0, 60);
  const as = declared === '' ? 'without a type' : `as “${declared}”`;
  return {
    reason: 'type-mismatch',
    detail: `The file is a ${FORMAT_NAMES[format]} image, but it was uploaded ${as}.`,
  };
}

/** The file is no image at all. */
export const notAnImage = (): Rejection => ({
  reason: 'not-an-image',
  detail: `The file is not an image; upload a ${ACCEPTED} image.`,
});

/** The file is an image in a format not accepted (`name`: "SVG", "TIFF"…). */
export const unsupportedFormat = (name: string): Rejection => ({
  reason: 'unsupported-format',
  detail: `${name} images are not accepted; upload a ${ACCEPTED} image instead.`,
});

/** The file starts like an image of `format` but cannot be read to its end. */
export const corrupt = (format: ImageFormat): Rejection => ({
  reason: 'corrupt',
  detail: `The file starts like a ${FORMAT_NAMES[format]} image but is damaged or incomplete.`,
});
