// The answer to GET /products/{id} and /products/by-handle/{handle}: the product, schema.org's
// AggregateRating once it has reviews (as the routes' response schema documents it) and its version as etag.
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { newProduct, withRating, type Product } from '../../../functions/catalog/domain/product.ts';
import { productAnswer } from '../../../functions/catalog/http/product-answer.ts';
import { catalogRoutes } from '../../../functions/catalog/routes.ts';

const now = new Date('2026-03-01T10:00:00.000Z');
const product: Product = newProduct(
  {
    handle: 'linen-shirt',
    title: 'Linen shirt',
    description: 'Breathable.',
    status: 'published',
    categoryIds: [],
    attributes: {},
    options: [],
    variants: [{ sku: 'LS', title: 'One size', optionValues: {} }],
    media: [],
  },
  'p-1',
  now,
);
const rated = withRating(
  product,
  { average: 4.67, count: 3, histogram: [0, 0, 0, 1, 2], version: 3 },
  now,
).after;

describe('the product answer', () => {
  it('carries schema.org’s AggregateRating of the reviews next to the product', () => {
    const answer = productAnswer(rated);
    expect(answer).toEqual({
      status: 200,
      body: {
        ...rated,
        aggregateRating: {
          '@type': 'AggregateRating',
          ratingValue: 4.67,
          reviewCount: 3,
          bestRating: 5,
          worstRating: 1,
        },
      },
      headers: { etag: '"2"' },
    });
  });

  it('has no AggregateRating without reviews, nor once the last one is gone', () => {
    const noneLeft = withRating(
      rated,
      { average: 0, count: 0, histogram: [0, 0, 0, 0, 0], version: 4 },
      now,
    ).after;
    expect(productAnswer(product).body).toEqual(product);
    expect(productAnswer(noneLeft).body).not.toHaveProperty('aggregateRating');
  });

  it('is what both routes document as their response', () => {
    for (const route of ['GET /products/{id}', 'GET /products/by-handle/{handle}'] as const) {
      const schema = catalogRoutes[route].response.body;
      if (!schema) throw new Error(`${route} documents no body`);
      expect(z.parse(schema, productAnswer(rated).body)).toEqual(productAnswer(rated).body);
      expect(z.parse(schema, productAnswer(product).body)).toEqual(product);
    }
  });
});
