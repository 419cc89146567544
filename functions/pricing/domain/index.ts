// The pricing engine: price books, tax rules and the checkout quote. Pure; no AWS.
export {
  add,
  allocate,
  assertSameCurrency,
  divideRoundingHalfUp,
  minorUnitDigits,
  money,
  split,
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
