// A product image from the media service as a responsive <picture>: AVIF for the browsers that show it, WebP
// for every other, each at all its rendered widths so the browser takes the narrowest that fills `sizes`. The
// intrinsic width and height reserve the space before the bytes arrive (no layout shift), and the focal
// point positions a cropped image. Images from before the media service (an object key only) show nothing.
import type { Product } from './catalog-data.ts';

export type ProductMedia = Product['media'][number];
type Rendering = NonNullable<ProductMedia['sources']>[number];

/** "url 320w, url 640w, …" of one type's renderings. */
function srcSet(files: readonly Rendering[], type: Rendering['type']): string {
  return files
    .filter((file) => file.type === type)
    .map((file) => `${file.url} ${file.width}w`)
    .join(', ');
}

/** The focal point as a CSS position ("50% 50%", the centre, when the image has none). */
function objectPosition(focal: ProductMedia['focalPoint']): string {
  const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10}%`;
  return focal ? `${percent(focal.x)} ${percent(focal.y)}` : '50% 50%';
}

/** Whether the media item has the rendered files to show (`variant`'s), rather than an object key only. */
export function isShowable(image: ProductMedia, variant: 'full' | 'thumbnail' = 'full'): boolean {
  return ((variant === 'full' ? image.sources : image.thumbnails)?.length ?? 0) > 0;
}

export function ProductImage({
  image,
  sizes,
  variant = 'full',
  loading = 'lazy',
  highPriority = false,
  decorative = false,
}: {
  image: ProductMedia;
  /** How wide the image is shown, as a `sizes` attribute ("(min-width: 48rem) 30rem, 100vw"). */
  sizes: string;
  /** The renderings at the image's own aspect ratio, or the square crops around its focal point. */
  variant?: 'full' | 'thumbnail';
  /** 'eager' for the image a page opens with (the product's main image); lazy for the rest. */
  loading?: 'eager' | 'lazy';
  /** Fetched before the page's other images: the page's largest image (the product's main one). */
  highPriority?: boolean;
  /** No text alternative: the title next to it (or the button's name around it) already says what it is. */
  decorative?: boolean;
}) {
  const files = (variant === 'full' ? image.sources : image.thumbnails) ?? [];
  const webp = files.filter((file) => file.type === 'image/webp');
  const widest = webp.at(-1);
  if (!widest) return null;
  const avif = srcSet(files, 'image/avif');
  return (
    <picture className={`product-image ${variant}`}>
      {avif && <source type="image/avif" srcSet={avif} sizes={sizes} />}
      {/* `loading` before the sources: a lazy image set up the other way round starts loading at once. */}
      <img
        loading={loading}
        decoding="async"
        fetchPriority={highPriority ? 'high' : undefined}
        srcSet={srcSet(files, 'image/webp')}
        sizes={sizes}
        src={widest.url}
        alt={decorative ? '' : (image.alt ?? '')}
        width={widest.width}
        height={widest.height}
        style={{ objectPosition: objectPosition(image.focalPoint) }}
      />
    </picture>
  );
}
