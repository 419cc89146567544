// The reindex's source: the catalog, pricing and inventory, read through their internal functions (never the
// old index). Maps their answers to the projection's records.
import {
  catalogExportCategories,
  catalogExportProducts,
  inventoryAvailability,
  pricingExportPrices,
} from '@commerce/contracts';
import { internalClient } from '@commerce/lambda-kit/internal-client';
import type { ReindexSource } from './reindex.ts';

const PAGE = 100;

export function serviceSources(correlationId: string | undefined): ReindexSource {
  const products = internalClient(catalogExportProducts);
  const categories = internalClient(catalogExportCategories);
  const prices = internalClient(pricingExportPrices);
  const availability = internalClient(inventoryAvailability);
  const trace = correlationId === undefined ? {} : { correlationId };
  return {
    async categories() {
      const { items } = await categories.call({ ...trace });
      return items.map((c) => ({ id: c.id, name: c.name, parentId: c.parentId, version: c.version }));
    },
    async products(cursor) {
      const page = await products.call({
        ...(cursor === undefined ? {} : { cursor }),
        limit: PAGE,
        ...trace,
      });
      return { items: page.items, ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) };
    },
    async prices(skus) {
      return prices.call({ skus: [...skus], ...trace });
    },
    async availability(skus) {
      const { items } = await availability.call({ skus: [...skus], ...trace });
      return items.map((i) => ({ sku: i.sku, availability: i.availability }));
    },
  };
}
