// The answer to GET /products/{id} and GET /products/by-handle/{handle}: the product with, once it has
// reviews, schema.org's AggregateRating for the product page's structured data; `etag` carries its version.
import type { HttpResult } from '@commerce/lambda-kit/http';
import { aggregateRating, type Product } from '../domain/product.ts';

export function productAnswer(product: Product): HttpResult {
  const rating = aggregateRating(product);
  return {
    status: 200,
    body: rating ? { ...product, aggregateRating: rating } : product,
    headers: { etag: `"${product.version}"` },
  };
}
