// A product the shopper bought, known by its id (a review link, a delivery, a review they wrote): its title
// linked to its product page and its thumbnail, or "A product you bought" without either once it is no longer
// in the shop (GET /products/{id} answers published products only).
import { Link } from '@tanstack/react-router';
import { isShowable, ProductImage } from '../product-image.tsx';
import { useProductById } from './review-requests.ts';
import './review-requests.css';

const UNKNOWN_PRODUCT = 'A product you bought';

/** A thumbnail's width (review-requests.css). */
const THUMBNAIL_SIZES = '4rem';

/** The product's title as a link to its page ("A product you bought" when it is not in the shop). */
export function ProductTitle({ productId }: { productId: string }) {
  const product = useProductById(productId);
  if (product.isPending) return <span className="status">Loading…</span>;
  if (product.isError) return UNKNOWN_PRODUCT;
  return (
    <Link to="/products/$handle" params={{ handle: product.data.handle }}>
      {product.data.title}
    </Link>
  );
}

/** The product's first image, square; a blank of the same size when there is none to show. */
export function ProductThumbnail({ productId }: { productId: string }) {
  const product = useProductById(productId);
  const image = product.data?.media.find((media) => isShowable(media, 'thumbnail'));
  if (!image) return <span className="bought-thumbnail" />;
  return (
    <span className="bought-thumbnail">
      {/* Decorative: the title beside it says what it is. */}
      <ProductImage image={image} variant="thumbnail" sizes={THUMBNAIL_SIZES} decorative />
    </span>
  );
}
