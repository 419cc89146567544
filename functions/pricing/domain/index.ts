// The pricing engine: price books, tax rules, the checkout quote, display prices, what the store keeps and
// what a staff change announces. Pure; no AWS.
export {
  add,
  allocate,
  assertSameCurrency,
  divideRoundingHalfUp,
  minorUnitDigits,
  money,
  split,
  SUPPORTED_CURRENCIES,
  times,
  type Money,
} from './money.ts';
export {
  assertValidPriceBook,
  effectiveUnitPrice,
  type PriceBook,
  type PriceRequest,
  type PriceSource,
  type SalePrice,
  type SegmentPriceList,
  type SkuPrice,
  type UnitPrice,
} from './price-book.ts';
export {
  quote,
  MAX_QUANTITY,
  type AppliedDiscount,
  type DiscountRequest,
  type Quote,
  type QuoteLine,
  type QuoteLineRequest,
  type QuoteRequest,
  type TaxLine,
} from './quote.ts';
export {
  RATE_SCALE,
  SHIPPING_TAX_CLASS,
  taxModeFor,
  taxOn,
  taxRateFor,
  type Destination,
  type TaxClass,
  type TaxMode,
  type TaxModeRule,
  type TaxRule,
  type TaxTable,
} from './tax.ts';
export {
  canonicalPrice,
  DEFAULT_TAX_CLASS,
  priceBookOf,
  productSkusOf,
  TAX_CLASS_ATTRIBUTE,
  type CurrencyPrice,
  type PriceList,
  type PriceListEntry,
  type ProductSkus,
  type ProductVariantTax,
  type SaleEntry,
  type SkuPrices,
  type VersionedTaxTable,
} from './records.ts';
export {
  priceListChanges,
  skuPriceChanges,
  taxTableChanges,
  type CurrencyPriceChange,
  type PriceListEntryChange,
  type TaxModeChange,
  type TaxRuleChange,
} from './price-changes.ts';
export { revisePriceList, reviseSkuPrices, reviseTaxTable, type Revision } from './price-revisions.ts';
export type { PricingInputs, PricingStore } from './ports.ts';
export { displayPrices, type DisplayPrice, type DisplayPrices } from './display-price.ts';
export { assertValidTaxTable } from './tax-table.ts';
