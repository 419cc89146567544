// Internal `exportPrices` (contract: pricingExportPrices in @commerce/contracts), read-only: search's reindex
// reads the stored prices of a batch of SKUs. { skus, correlationId? } → { prices, segments }: each SKU's
// base and sale prices (absent when it has none) and every segment list with its entries for them, or
// { error } (400 malformed).
import { pricingExportPrices } from '@commerce/contracts';
import { internalFunction } from '@commerce/lambda-kit/internal';
import { pricing } from '../runtime.ts';

export const handler = internalFunction(pricingExportPrices, ({ skus }) => pricing.exportPrices(skus));
