// The image renderer on images sharp makes here: each accepted format rendered to AVIF and WebP at the
// planned widths and as the square thumbnail around the focal point; orientation applied, metadata
// stripped, the same bytes every time; and each way an upload is refused (not an image, SVG and other
// formats, damaged, mislabelled, too many bytes, too many pixels: refused from the header, undecoded).
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderImage, type Derivative } from '../../../functions/media/adapters/sharp-renderer.ts';
import {
  CONTENT_TYPES,
  type ImageFormat,
  type ImageLimits,
} from '../../../functions/media/domain/image-rules.ts';

const LIMITS: ImageLimits = { maxBytes: 20 * 1024 * 1024, maxPixels: 40_000_000, maxDimension: 12_000 };

type Colour = { r: number; g: number; b: number };
const RED: Colour = { r: 255, g: 0, b: 0 };
const GREEN: Colour = { r: 0, g: 255, b: 0 };
const BLUE: Colour = { r: 0, g: 0, b: 255 };
const BLACK: Colour = { r: 0, g: 0, b: 0 };

/** An image, `left` on its left half and `right` on its right half. */
const halves = (width: number, height: number, left: Colour, right: Colour) =>
  sharp({ create: { width, height, channels: 3, background: right } }).composite([
    { input: { create: { width: width / 2, height, channels: 3, background: left } }, left: 0, top: 0 },
  ]);

const encoders: Record<ImageFormat, (image: Sharp) => Sharp> = {
  jpeg: (image) => image.jpeg(),
  png: (image) => image.png(),
  webp: (image) => image.webp(),
  avif: (image) => image.avif({ effort: 0 }),
  gif: (image) => image.gif(),
};

const render = (bytes: Uint8Array, declaredContentType: string, limits: ImageLimits = LIMITS) =>
  renderImage(bytes, { limits, declaredContentType });

async function rendered(
  bytes: Uint8Array,
  declaredContentType: string,
  focalPoint?: { x: number; y: number },
) {
  const result = await renderImage(bytes, { limits: LIMITS, declaredContentType, focalPoint });
  if (!result.ok) throw new Error(`Refused: ${result.detail}`);
  return result;
}

/** The colour at (x, y) of an encoded image. */
async function pixel(bytes: Uint8Array, x: number, y: number): Promise<Colour> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return { r: data[at]!, g: data[at + 1]!, b: data[at + 2]! };
}

/** Near enough to `colour` for a lossy encoding. */
const near = (colour: Colour) => ({
  r: expect.closeTo(colour.r, -2) as number,
  g: expect.closeTo(colour.g, -2) as number,
  b: expect.closeTo(colour.b, -2) as number,
});

const sizes = (derivatives: readonly Derivative[]) =>
  derivatives.map((d) => `${d.kind} ${d.format} ${d.width}×${d.height}`);

/** A PNG chunk: length, type, data, CRC. */
function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A black 1-bit PNG, written by hand: 10,000 × 10,000 pixels in about 12 KB. */
function blackPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // 1 bit per pixel, greyscale, no interlace
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

describe('rendering', () => {
  it.each(['jpeg', 'png', 'webp', 'avif', 'gif'] as const)(
    'renders a %s as AVIF and WebP at each planned width and as the thumbnail',
    async (format) => {
      const source = await encoders[format](halves(700, 500, RED, BLUE)).toBuffer();
      const result = await rendered(source, CONTENT_TYPES[format]);
      expect(result.source).toEqual({ format, width: 700, height: 500, bytes: source.length });
      expect(result.focalPoint).toEqual({ x: 0.5, y: 0.5 });
      expect(sizes(result.derivatives)).toEqual([
        'width avif 320×229',
        'width webp 320×229',
        'width avif 640×457',
        'width webp 640×457',
        'thumbnail avif 400×400',
        'thumbnail webp 400×400',
      ]);
      for (const derivative of result.derivatives) {
        const metadata = await sharp(derivative.bytes).metadata();
        expect(metadata.mediaType).toBe(derivative.contentType);
        expect(derivative.contentType).toBe(CONTENT_TYPES[derivative.format]);
        expect([metadata.width, metadata.height]).toEqual([derivative.width, derivative.height]);
        const sha256 = createHash('sha256').update(derivative.bytes).digest('hex');
        expect(derivative.hash).toBe(sha256.slice(0, 32));
      }
      expect(await pixel(result.derivatives[0]!.bytes, 20, 100)).toEqual(near(RED));
      expect(await pixel(result.derivatives[0]!.bytes, 300, 100)).toEqual(near(BLUE));
    },
  );

  it('never upscales: a small source keeps its width, and its thumbnail its shorter side', async () => {
    const result = await rendered(await halves(200, 100, RED, BLUE).png().toBuffer(), 'image/png');
    expect(sizes(result.derivatives)).toEqual([
      'width avif 200×100',
      'width webp 200×100',
      'thumbnail avif 100×100',
      'thumbnail webp 100×100',
    ]);
  });

  it('renders the widths up to 1600 of a large photo, none at its own width', async () => {
    const source = await halves(2000, 1500, RED, BLUE).jpeg().toBuffer();
    const widths = (await rendered(source, 'image/jpeg')).derivatives.map((d) => d.width);
    expect(widths).toEqual([320, 320, 640, 640, 1024, 1024, 1600, 1600, 400, 400]);
  });

  it('crops the square thumbnail around the focal point', async () => {
    const source = await halves(800, 400, RED, BLUE).png().toBuffer();
    const thumbnailOf = async (focalPoint?: { x: number; y: number }) => {
      const result = await rendered(source, 'image/png', focalPoint);
      return result.derivatives.find((d) => d.kind === 'thumbnail' && d.format === 'webp')!;
    };
    const left = await thumbnailOf({ x: 0, y: 0.5 });
    expect([left.width, left.height]).toEqual([400, 400]);
    expect(await pixel(left.bytes, 20, 200)).toEqual(near(RED));
    expect(await pixel(left.bytes, 380, 200)).toEqual(near(RED));
    const right = await thumbnailOf({ x: 1, y: 1 });
    expect(await pixel(right.bytes, 20, 200)).toEqual(near(BLUE));
    const centre = await thumbnailOf();
    expect(await pixel(centre.bytes, 20, 200)).toEqual(near(RED));
    expect(await pixel(centre.bytes, 380, 200)).toEqual(near(BLUE));
  });

  it('applies the EXIF orientation: the derivatives and the sizes reported are upright', async () => {
    // Stored 300 × 200, red on the left; orientation 6 turns it a quarter clockwise: 200 × 300, red on top.
    const source = await halves(300, 200, RED, BLUE).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await sharp(source).metadata()).toMatchObject({ width: 300, height: 200, orientation: 6 });
    const result = await rendered(source, 'image/jpeg', { x: 0.5, y: 0 });
    expect(result.source).toMatchObject({ width: 200, height: 300 });
    expect(sizes(result.derivatives)).toEqual([
      'width avif 200×300',
      'width webp 200×300',
      'thumbnail avif 200×200',
      'thumbnail webp 200×200',
    ]);
    const [avif, webp, thumbnail] = result.derivatives;
    for (const derivative of [avif!, webp!]) {
      expect(await pixel(derivative.bytes, 100, 20)).toEqual(near(RED));
      expect(await pixel(derivative.bytes, 100, 280)).toEqual(near(BLUE));
      expect((await sharp(derivative.bytes).metadata()).orientation).toBeUndefined();
    }
    // The crop is of the upright image: focal point at the top, so its rows 0-199, red to row 149.
    expect(await pixel(thumbnail!.bytes, 100, 120)).toEqual(near(RED));
    expect(await pixel(thumbnail!.bytes, 100, 180)).toEqual(near(BLUE));
  });

  it('writes no metadata: no EXIF, GPS, XMP or ICC profile', async () => {
    const source = await halves(400, 300, RED, BLUE)
      .jpeg()
      .withExif({
        IFD0: { Make: 'PhoneCo', Copyright: 'A shopper' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' },
      })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>')
      .withIccProfile('p3')
      .toBuffer();
    const input = await sharp(source).metadata();
    expect(input.exif?.toString('latin1')).toContain('PhoneCo');
    expect([input.hasProfile, input.xmp === undefined]).toEqual([true, false]);
    for (const derivative of (await rendered(source, 'image/jpeg')).derivatives) {
      const metadata = await sharp(derivative.bytes).metadata();
      expect([metadata.exif, metadata.xmp, metadata.icc, metadata.hasProfile]).toEqual([
        undefined,
        undefined,
        undefined,
        false,
      ]);
      expect(Buffer.from(derivative.bytes).includes('PhoneCo')).toBe(false);
    }
  });

  it('renders the first frame only of an animated GIF', async () => {
    const frames = await Promise.all(
      [RED, GREEN, BLUE].map((colour) =>
        sharp({ create: { width: 100, height: 80, channels: 3, background: colour } })
          .png()
          .toBuffer(),
      ),
    );
    const source = await sharp(frames, { join: { animated: true } })
      .gif()
      .toBuffer();
    const result = await rendered(source, 'image/gif');
    expect(result.source).toMatchObject({ width: 100, height: 80 });
    for (const derivative of result.derivatives) {
      expect(await pixel(derivative.bytes, 10, 10)).toEqual(near(RED));
      expect((await sharp(derivative.bytes).metadata()).pages ?? 1).toBe(1);
    }
  });

  it('gives the same bytes and hashes for the same input', async () => {
    const source = await sharp({
      create: {
        width: 900,
        height: 700,
        channels: 3,
        background: BLACK,
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .jpeg()
      .toBuffer();
    const [first, second] = [await rendered(source, 'image/jpeg'), await rendered(source, 'image/jpeg')];
    expect(second.derivatives.map((d) => d.hash)).toEqual(first.derivatives.map((d) => d.hash));
    expect(second.derivatives).toEqual(first.derivatives);
    expect(new Set(first.derivatives.map((d) => d.hash)).size).toBe(first.derivatives.length);
  });
});

describe('refusals', () => {
  const jpeg = () => halves(400, 300, RED, BLUE).jpeg().toBuffer();

  it('refuse a file that is no image: text, a PDF, nothing at all', async () => {
    const files = [
      'Order #1001, 2 × T-shirt\n',
      '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF',
      '',
    ];
    for (const file of files) {
      expect(await render(Buffer.from(file), 'image/jpeg')).toEqual({
        ok: false,
        reason: 'not-an-image',
        detail: 'The file is not an image; upload a JPEG, PNG, WebP, AVIF or GIF image.',
      });
    }
  });

  it('refuse an SVG, even declared as one, and a TIFF', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    for (const type of ['image/svg+xml', 'image/png']) {
      expect(await render(svg, type)).toEqual({
        ok: false,
        reason: 'unsupported-format',
        detail: 'SVG images are not accepted; upload a JPEG, PNG, WebP, AVIF or GIF image instead.',
      });
    }
    const tiff = await halves(40, 30, RED, BLUE).tiff().toBuffer();
    expect(await render(tiff, 'image/tiff')).toMatchObject({ ok: false, reason: 'unsupported-format' });
  });

  it('refuse a damaged or incomplete file', async () => {
    const whole = await jpeg();
    expect(await render(whole.subarray(0, whole.length / 2), 'image/jpeg')).toEqual({
      ok: false,
      reason: 'corrupt',
      detail: 'The file starts like a JPEG image but is damaged or incomplete.',
    });
    const png = await sharp({
      create: {
        width: 300,
        height: 300,
        channels: 3,
        background: BLACK,
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    expect(await render(png.subarray(0, png.length - 1000), 'image/png')).toMatchObject({
      reason: 'corrupt',
    });
    const header = Buffer.concat([png.subarray(0, 8), Buffer.alloc(100, 7)]);
    expect(await render(header, 'image/png')).toMatchObject({ reason: 'corrupt' });
  });

  it('refuse an image of another format than the one declared', async () => {
    const png = await halves(40, 30, RED, BLUE).png().toBuffer();
    expect(await render(png, 'image/jpeg')).toEqual({
      ok: false,
      reason: 'type-mismatch',
      detail: 'The file is a PNG image, but it was uploaded as “image/jpeg”.',
    });
    expect(await render(await jpeg(), 'application/octet-stream')).toMatchObject({ reason: 'type-mismatch' });
  });

  it('refuse a file of too many bytes before reading it', async () => {
    const result = await render(await jpeg(), 'image/jpeg', { ...LIMITS, maxBytes: 1024 });
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
    expect(!result.ok && result.detail).toMatch(/^The file is \d+ KB; files of at most 1 KB are accepted\.$/);
  });

  it('refuse too many pixels from the header, without decoding them', async () => {
    const bomb = blackPng(10_000, 10_000);
    expect(bomb.length).toBeLessThan(20_000);
    expect(await render(bomb, 'image/png')).toEqual({
      ok: false,
      reason: 'too-many-pixels',
      detail: 'The image is 10,000 × 10,000 pixels; at most 40,000,000 pixels are accepted.',
    });
    // The same header over pixel data cut short: decoding it would find it incomplete, so the refusal
    // above came from the header alone.
    const cut = bomb.subarray(0, 33 + 2000);
    expect(await render(cut, 'image/png')).toMatchObject({ reason: 'too-many-pixels' });
    const small = blackPng(1_000, 1_000).subarray(0, 33 + 100);
    expect(await render(small, 'image/png')).toMatchObject({ reason: 'corrupt' });
    expect(await render(blackPng(100, 13_000), 'image/png')).toMatchObject({
      reason: 'too-many-pixels',
      detail: 'The image is 100 × 13,000 pixels; at most 12,000 pixels on a side are accepted.',
    });
  });
});
