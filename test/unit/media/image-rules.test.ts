// The rules for uploaded images, without sharp: content types, what a file's first bytes say it is, the
// widths planned for a source, the thumbnail's crop around a focal point, and the limits' plain-English
// rejections.
import { describe, expect, it } from 'vitest';
import {
  checkBytes,
  checkDeclaredType,
  checkDimensions,
  CONTENT_TYPES,
  cropBox,
  DERIVATIVE_WIDTHS,
  formatOfContentType,
  IMAGE_FORMATS,
  plannedWidths,
  sniffFormat,
  THUMBNAIL_SIZE,
  thumbnailSide,
  type ImageLimits,
} from '../../../functions/media/domain/image-rules.ts';

const LIMITS: ImageLimits = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000, maxDimension: 12_000 };

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)),
  );

/** An ISO base media file's leading box: `ftyp`, a major brand, a minor version, compatible brands. */
const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + 4 * compatible.length;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], ...compatible, [0, 0, 0, 8], 'meta');
};

describe('content types', () => {
  it('name each accepted format, and are read back whatever their case or parameters', () => {
    for (const format of IMAGE_FORMATS) expect(formatOfContentType(CONTENT_TYPES[format])).toBe(format);
    expect(formatOfContentType(' Image/PNG ; charset=binary')).toBe('png');
    expect(formatOfContentType('image/avif')).toBe('avif');
  });

  it('know no other type', () => {
    for (const type of ['image/svg+xml', 'image/tiff', 'image/heic', 'application/pdf', 'text/plain', '']) {
      expect(formatOfContentType(type)).toBeUndefined();
    }
  });
});

describe('planned widths', () => {
  it('are the steps no wider than the source', () => {
    expect(plannedWidths(4000)).toEqual([...DERIVATIVE_WIDTHS]);
    expect(plannedWidths(1600)).toEqual([320, 640, 1024, 1600]);
    expect(plannedWidths(1024)).toEqual([320, 640, 1024]);
    expect(plannedWidths(700)).toEqual([320, 640]);
    expect(plannedWidths(320)).toEqual([320]);
  });

  it('never add the source’s own width between two steps, nor upscale', () => {
    expect(plannedWidths(1599)).toEqual([320, 640, 1024]);
    expect(plannedWidths(2000)).not.toContain(2000);
    for (const width of [321, 999, 1500, 5000]) {
      expect(plannedWidths(width).every((w) => w <= width)).toBe(true);
    }
  });

  it('are the source’s own width when it is narrower than the smallest step', () => {
    expect(plannedWidths(200)).toEqual([200]);
    expect(plannedWidths(1)).toEqual([1]);
  });
});

describe('the thumbnail', () => {
  it('is THUMBNAIL_SIZE square, or the shorter side when that is smaller', () => {
    expect(thumbnailSide(2000, 1500)).toBe(THUMBNAIL_SIZE);
    expect(thumbnailSide(1000, 250)).toBe(250);
    expect(thumbnailSide(90, 300)).toBe(90);
  });

  it('is cut as the largest square, centred by default', () => {
    expect(cropBox(2000, 1500, { x: 0.5, y: 0.5 })).toEqual({ left: 250, top: 0, width: 1500, height: 1500 });
    expect(cropBox(600, 1000, { x: 0.5, y: 0.5 })).toEqual({ left: 0, top: 200, width: 600, height: 600 });
    expect(cropBox(500, 500, { x: 0.9, y: 0.1 })).toEqual({ left: 0, top: 0, width: 500, height: 500 });
  });

  it('stays inside the image when the focal point is at a corner or an edge', () => {
    expect(cropBox(2000, 1500, { x: 0, y: 0 })).toEqual({ left: 0, top: 0, width: 1500, height: 1500 });
    expect(cropBox(2000, 1500, { x: 1, y: 1 })).toEqual({ left: 500, top: 0, width: 1500, height: 1500 });
    expect(cropBox(600, 1000, { x: 1, y: 0 })).toEqual({ left: 0, top: 0, width: 600, height: 600 });
    expect(cropBox(600, 1000, { x: 0, y: 1 })).toEqual({ left: 0, top: 400, width: 600, height: 600 });
  });

  it('centres on the focal point when it can', () => {
    // Centre at 0.6 × 2000 = 1200: a 1500 square from 450 to 1950.
    expect(cropBox(2000, 1500, { x: 0.6, y: 0.2 })).toEqual({ left: 450, top: 0, width: 1500, height: 1500 });
    expect(cropBox(300, 1000, { x: 0.5, y: 0.3 })).toEqual({ left: 0, top: 150, width: 300, height: 300 });
  });

  it('is whole pixels, and treats a focal point out of range as the nearest edge, and NaN as the centre', () => {
    const box = cropBox(1001, 333, { x: 0.3333, y: 0.5 });
    for (const value of Object.values(box)) expect(Number.isInteger(value)).toBe(true);
    expect(box.left + box.width).toBeLessThanOrEqual(1001);
    expect(cropBox(2000, 1500, { x: -3, y: 7 })).toEqual(cropBox(2000, 1500, { x: 0, y: 1 }));
    expect(cropBox(2000, 1500, { x: Number.NaN, y: 0.5 })).toEqual(cropBox(2000, 1500, { x: 0.5, y: 0.5 }));
  });
});

describe('first bytes', () => {
  it('name each accepted format', () => {
    expect(sniffFormat(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))).toEqual({ format: 'jpeg' });
    expect(sniffFormat(bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR'))).toEqual({ format: 'png' });
    expect(sniffFormat(bytes('GIF89a', [1, 0, 1, 0]))).toEqual({ format: 'gif' });
    expect(sniffFormat(bytes('GIF87a', [1, 0, 1, 0]))).toEqual({ format: 'gif' });
    expect(sniffFormat(bytes('RIFF', [0, 1, 0, 0], 'WEBPVP8 '))).toEqual({ format: 'webp' });
    expect(sniffFormat(ftyp('avif', 'mif1', 'miaf'))).toEqual({ format: 'avif' });
    expect(sniffFormat(ftyp('mif1', 'avif', 'miaf'))).toEqual({ format: 'avif' });
    expect(sniffFormat(ftyp('avis', 'msf1'))).toEqual({ format: 'avif' });
  });

  it('name other image formats, which are not accepted', () => {
    const svg =
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    expect(sniffFormat(bytes(svg))).toEqual({ unsupported: 'SVG' });
    expect(sniffFormat(new TextEncoder().encode('\uFEFF  \n<svg width="1"/>'))).toEqual({
      unsupported: 'SVG',
    });
    expect(sniffFormat(bytes('<!-- a comment -->\n<SVG\tviewBox="0 0 1 1"></SVG>'))).toEqual({
      unsupported: 'SVG',
    });
    expect(sniffFormat(ftyp('heic', 'mif1', 'heic'))).toEqual({ unsupported: 'HEIC' });
    expect(sniffFormat(ftyp('mif1', 'heic'))).toEqual({ unsupported: 'HEIC' });
    expect(sniffFormat(bytes('II*\0', [8, 0, 0, 0]))).toEqual({ unsupported: 'TIFF' });
    expect(sniffFormat(bytes('MM\0*', [0, 0, 0, 8]))).toEqual({ unsupported: 'TIFF' });
    expect(sniffFormat(bytes('BM', [0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0]))).toEqual({
      unsupported: 'BMP',
    });
    expect(sniffFormat(bytes([0xff, 0x0a, 0, 0]))).toEqual({ unsupported: 'JPEG XL' });
    expect(sniffFormat(bytes([0, 0, 0, 12], 'jP  \r\n\x87\n'))).toEqual({ unsupported: 'JPEG 2000' });
    expect(sniffFormat(bytes('8BPS', [0, 1]))).toEqual({ unsupported: 'Photoshop' });
  });

  it('name nothing for text, a PDF, a video, XML that is no SVG, or too few bytes', () => {
    expect(sniffFormat(bytes('Hello, this is a text file.\n'))).toBeUndefined();
    expect(sniffFormat(bytes('BMW brochure, page 1 of 12'))).toBeUndefined();
    expect(sniffFormat(bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBeUndefined();
    expect(sniffFormat(ftyp('isom', 'iso2', 'mp41'))).toBeUndefined();
    expect(sniffFormat(bytes('<?xml version="1.0"?><order id="1"/>'))).toBeUndefined();
    expect(sniffFormat(bytes('<html><body>svg</body></html>'))).toBeUndefined();
    expect(sniffFormat(new Uint8Array())).toBeUndefined();
    expect(sniffFormat(bytes([0xff, 0xd8]))).toBeUndefined();
  });

  it('read at most 64 brands however large a box claims to be', () => {
    const claim = ftyp('mp42', 'isom');
    claim.set([0x7f, 0xff, 0xff, 0xff], 0);
    const file = new Uint8Array(1024 * 1024);
    file.set(claim);
    file.set(Buffer.from('avif'), 16 + 100 * 4);
    expect(sniffFormat(file)).toBeUndefined();
  });
});

describe('limits', () => {
  it('refuse too many bytes, saying both sizes', () => {
    expect(checkBytes(LIMITS.maxBytes, LIMITS)).toBeUndefined();
    expect(checkBytes(12.5 * 1024 * 1024, LIMITS)).toEqual({
      reason: 'too-large',
      detail: 'The file is 12.5 MB; files of at most 10.0 MB are accepted.',
    });
    expect(checkBytes(3000, { ...LIMITS, maxBytes: 2048 })?.detail).toBe(
      'The file is 3 KB; files of at most 2 KB are accepted.',
    );
  });

  it('say the sizes in bytes when they round to the same figure', () => {
    expect(checkBytes(LIMITS.maxBytes + 1, LIMITS)?.detail).toBe(
      'The file is 10,485,761 bytes; files of at most 10,485,760 bytes are accepted.',
    );
  });

  it('refuse too many pixels, or too long a side', () => {
    expect(checkDimensions(8000, 5000, LIMITS)).toBeUndefined();
    expect(checkDimensions(12_000, 9_000, LIMITS)).toEqual({
      reason: 'too-many-pixels',
      detail: 'The image is 12,000 × 9,000 pixels; at most 40,000,000 pixels are accepted.',
    });
    expect(checkDimensions(20_000, 100, LIMITS)).toEqual({
      reason: 'too-many-pixels',
      detail: 'The image is 20,000 × 100 pixels; at most 12,000 pixels on a side are accepted.',
    });
  });

  it('refuse a format other than the one declared', () => {
    expect(checkDeclaredType('png', 'image/png')).toBeUndefined();
    expect(checkDeclaredType('jpeg', 'IMAGE/JPEG')).toBeUndefined();
    expect(checkDeclaredType('png', 'image/jpeg')).toEqual({
      reason: 'type-mismatch',
      detail: 'The file is a PNG image, but it was uploaded as “image/jpeg”.',
    });
    expect(checkDeclaredType('webp', '')?.detail).toBe(
      'The file is a WebP image, but it was uploaded without a type.',
    );
    expect(checkDeclaredType('gif', `image/${'x'.repeat(200)}`)?.detail.length).toBeLessThan(120);
  });
});
