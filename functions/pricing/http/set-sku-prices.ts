// PUT /prices/{sku} (staff): replaces the SKU's base and sale prices in every currency, read at `version`
// (0 for a SKU without prices); announces price.changed with what changed, in the same transaction.
import { PriceChanged } from '@commerce/events';
import { ValidationError, VersionConflictError } from '@commerce/lambda-kit/errors';
import { httpRoute } from '@commerce/lambda-kit/http';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import { skuPriceChanges } from '../domain/price-changes.ts';
import { canonicalPrice, type CurrencyPrice, type SkuPrices } from '../domain/records.ts';
import { store } from '../runtime.ts';
import { pricingRoutes } from '../routes.ts';

export const handler = httpRoute({
  ...pricingRoutes['PUT /prices/{sku}'],
  handler: async ({ params, body, correlationId }) => {
    const current = await store.getSkuPrices(params.sku);
    if (body.version !== (current?.version ?? 0)) throw new VersionConflictError();
    const prices: Record<string, CurrencyPrice> = {};
    for (const [currency, price] of Object.entries(body.prices)) {
      if (price) prices[currency] = canonicalPrice(price);
    }
    const changes = skuPriceChanges(current?.prices ?? {}, prices);
    if (!current && changes.length === 0) {
      throw new ValidationError([{ in: 'body', pointer: '/prices', detail: 'Price at least one currency.' }]);
    }
    if (current && changes.length === 0) {
      return { status: 200, body: current, headers: { etag: `"${current.version}"` } };
    }
    const now = new Date();
    const after: SkuPrices = {
      sku: params.sku,
      prices,
      version: body.version + 1,
      updatedAt: now.toISOString(),
    };
    await store.saveSkuPrices(
      after,
      body.version,
      outboxItem(
        PriceChanged,
        { scope: 'sku', sku: params.sku, version: after.version, changes },
        { correlationId },
        now,
      ),
    );
    return { status: 200, body: after, headers: { etag: `"${after.version}"` } };
  },
});
