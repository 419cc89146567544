// What the console adds to web-kit's image upload (@commerce/web-kit media-upload.ts, which checks, sends and
// waits for a file as POST /media/product-uploads answers): how many images a product shows, and the
// thumbnail the console shows of each.

/** The most images one product shows. */
export const MAX_PRODUCT_IMAGES = 20;

/** The square WebP crop the console shows as an image's thumbnail (the full WebP when it has none). */
export function webpThumbnail(image: {
  readonly url?: string;
  readonly thumbnails?: readonly { readonly url: string; readonly type: string }[];
}): string {
  return image.thumbnails?.find((t) => t.type === 'image/webp')?.url ?? image.url ?? '';
}
