// The product page's schema.org structured data for search engines: a Product with its name, description and
// main image, and its aggregateRating once it has reviews: the reviews answer's aggregate (which the
// "Reviews" section reads too), or the product answer's own aggregateRating until that has loaded.
import type { Product } from '../catalog-data.ts';
import { isShowable } from '../product-image.tsx';
import { FIRST_FILTER, useProductReviews } from './review-data.ts';

/** What the data says of the product: the product answer's fields it names. */
interface DescribedProduct extends Pick<Product, 'id' | 'title' | 'description' | 'media'> {
  readonly aggregateRating?: { readonly ratingValue: number; readonly reviewCount: number } | undefined;
}

export function ProductJsonLd({ product }: { product: DescribedProduct }) {
  const reviews = useProductReviews(product.id, FIRST_FILTER);
  const aggregate = reviews.data?.pages[0]?.aggregate;
  const rating = aggregate
    ? { ratingValue: aggregate.average, reviewCount: aggregate.count }
    : product.aggregateRating;
  const image = product.media.find((m) => isShowable(m))?.url;
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.title,
    ...(product.description ? { description: product.description } : {}),
    ...(image ? { image } : {}),
    ...(rating && rating.reviewCount > 0
      ? {
          aggregateRating: {
            '@type': 'AggregateRating',
            ratingValue: rating.ratingValue,
            reviewCount: rating.reviewCount,
            bestRating: 5,
            worstRating: 1,
          },
        }
      : {}),
  };
  // "<" escaped, so no text of the product can end the script element.
  return <script type="application/ld+json">{JSON.stringify(data).replaceAll('<', '\\u003c')}</script>;
}
