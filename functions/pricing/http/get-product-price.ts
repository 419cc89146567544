// GET /product-prices/{id} (public): a published product's variant prices for a guest (no segment) in a
// currency at a destination, in the destination's tax mode with the tax of each. 404 for a product pricing
// has not heard of from the catalog, or one that is not published.
import { NotFoundError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { displayPrices } from '../domain/display-price.ts';
import { store } from '../runtime.ts';
import { pricingRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...pricingRoutes['GET /product-prices/{id}'],
  handler: async ({ params, query }) => {
    const product = await store.getProduct(params.id);
    if (!product || product.status !== 'published') throw new NotFoundError(`No product ${params.id}.`);
    const { currency, country, region } = query;
    const destination = region === undefined ? { country } : { country, region };
    const { book, taxes, taxClassOf } = await store.loadPricing(
      product.variants.map((v) => v.sku),
      [],
    );
    const prices = displayPrices(book, taxes, {
      currency,
      destination,
      variants: product.variants.map((v) => ({ sku: v.sku, taxClass: taxClassOf(v.sku) })),
      at: new Date(),
    });
    return { status: 200, body: { productId: product.productId, currency, ...destination, ...prices } };
  },
});
