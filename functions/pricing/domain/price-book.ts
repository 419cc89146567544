// Price books: which unit price a customer pays for a SKU in a currency at a given moment. Pure; no AWS.
import { UnprocessableError, ValidationError, type FieldError } from '@commerce/lambda-kit/errors';
import { isAmount, minorUnitDigits, type Money } from '@commerce/lambda-kit/money';

/** A price for one SKU (variant) in one currency. */
export interface SkuPrice {
  readonly sku: string;
  readonly price: Money;
}

/** A temporary price, active from `validFrom` (inclusive) until `validUntil` (exclusive), or for good. */
export interface SalePrice extends SkuPrice {
  /** ISO 8601 timestamp. */
  readonly validFrom: string;
  /** ISO 8601 timestamp; absent means the sale has no planned end. */
  readonly validUntil?: string;
}

/** Prices for the members of one customer segment; a higher `priority` beats a lower one. */
export interface SegmentPriceList {
  readonly segment: string;
  readonly priority: number;
  readonly prices: readonly SkuPrice[];
}

export interface PriceBook {
  /** Exactly one per SKU and currency; a SKU without one cannot be sold in that currency. */
  readonly basePrices: readonly SkuPrice[];
  /** Any number per SKU and currency; sales may overlap. */
  readonly salePrices: readonly SalePrice[];
  readonly segmentLists: readonly SegmentPriceList[];
}

export type PriceSource = 'base' | 'sale' | `segment:${string}`;

export interface UnitPrice {
  /** The base price: what the customer would pay without any sale or segment price. */
  readonly original: Money;
  /** What the customer pays per unit before promotions. */
  readonly effective: Money;
  readonly source: PriceSource;
}

export interface PriceRequest {
  readonly sku: string;
  readonly currency: string;
  /** Segments the customer belongs to; none for a guest. */
  readonly segments: readonly string[];
  readonly at: Date;
}

function instant(timestamp: string): number {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) {
    throw new UnprocessableError(
      `"${timestamp}" in the price book is not a timestamp.`,
      'invalid-price-book',
    );
  }
  return ms;
}

function isFor(entry: SkuPrice, sku: string, currency: string): boolean {
  return entry.sku === sku && entry.price.currency === currency;
}

function onlyPrice(entries: readonly SkuPrice[], sku: string, currency: string, where: string): Money | null {
  const found = entries.filter((e) => isFor(e, sku, currency));
  if (found.length > 1) {
    throw new UnprocessableError(
      `${where} has ${found.length} prices for SKU "${sku}" in ${currency}.`,
      'ambiguous-price',
    );
  }
  return found[0]?.price ?? null;
}

/**
 * The unit price for a SKU, by these rules:
 * - original is the base price for the SKU and currency; without one the SKU cannot be priced (error).
 * - the sale candidate is the lowest sale price active at `at` (validFrom <= at < validUntil).
 * - the segment candidate comes from the highest-priority list among the customer's segments that prices
 *   the SKU in the currency; lists of equal priority give their lowest price (then the first segment by name).
 *   A list for a segment the customer is not in never applies.
 * - effective = min(base, sale candidate, segment candidate); on equal prices base wins over sale, and sale
 *   over segment, so a source other than base always means a real reduction.
 */
export function effectiveUnitPrice(book: PriceBook, request: PriceRequest): UnitPrice {
  const { sku, currency, segments, at } = request;
  const base = onlyPrice(book.basePrices, sku, currency, 'The base price list');
  if (base === null) {
    throw new UnprocessableError(`SKU "${sku}" has no base price in ${currency}.`, 'price-not-found');
  }

  let best: UnitPrice = { original: base, effective: base, source: 'base' };
  const now = at.getTime();
  for (const sale of book.salePrices) {
    if (!isFor(sale, sku, currency)) continue;
    const active =
      instant(sale.validFrom) <= now && (sale.validUntil === undefined || now < instant(sale.validUntil));
    if (active && sale.price.amount < best.effective.amount) {
      best = { original: base, effective: sale.price, source: 'sale' };
    }
  }

  let segmentPrice: { list: SegmentPriceList; price: Money } | null = null;
  for (const list of book.segmentLists) {
    if (!segments.includes(list.segment)) continue;
    const price = onlyPrice(list.prices, sku, currency, `The price list of segment "${list.segment}"`);
    if (price === null) continue;
    const better =
      segmentPrice === null ||
      list.priority > segmentPrice.list.priority ||
      (list.priority === segmentPrice.list.priority &&
        (price.amount < segmentPrice.price.amount ||
          (price.amount === segmentPrice.price.amount && list.segment < segmentPrice.list.segment)));
    if (better) segmentPrice = { list, price };
  }
  if (segmentPrice !== null && segmentPrice.price.amount < best.effective.amount) {
    best = { original: base, effective: segmentPrice.price, source: `segment:${segmentPrice.list.segment}` };
  }
  return best;
}

/** Checks the rules of a price book a schema cannot: amounts, currencies, sale windows, no duplicates. */
export function assertValidPriceBook(book: PriceBook): void {
  const errors: FieldError[] = [];
  const at = (pointer: string, detail: string) => errors.push({ in: 'body', pointer, detail });
  const checkPrice = (pointer: string, { price }: SkuPrice) => {
    if (!isAmount(price.amount))
      at(`${pointer}/price/amount`, 'Must be a non-negative integer of minor units.');
    try {
      minorUnitDigits(price.currency);
    } catch {
      at(`${pointer}/price/currency`, `Currency "${price.currency}" is not supported.`);
    }
  };
  const checkUnique = (entries: readonly SkuPrice[], pointer: string) => {
    const seen = new Set<string>();
    entries.forEach((entry, i) => {
      checkPrice(`${pointer}/${i}`, entry);
      const key = `${entry.sku}\u0000${entry.price.currency}`;
      if (seen.has(key))
        at(`${pointer}/${i}`, `SKU "${entry.sku}" already has a price in ${entry.price.currency}.`);
      seen.add(key);
    });
  };

  checkUnique(book.basePrices, '/basePrices');
  book.salePrices.forEach((sale, i) => {
    checkPrice(`/salePrices/${i}`, sale);
    const from = Date.parse(sale.validFrom);
    const until = sale.validUntil === undefined ? Infinity : Date.parse(sale.validUntil);
    if (Number.isNaN(from)) at(`/salePrices/${i}/validFrom`, 'Must be an ISO 8601 timestamp.');
    if (Number.isNaN(until)) at(`/salePrices/${i}/validUntil`, 'Must be an ISO 8601 timestamp.');
    else if (!Number.isNaN(from) && until <= from)
      at(`/salePrices/${i}/validUntil`, 'Must be after validFrom.');
  });
  book.segmentLists.forEach((list, i) => {
    if (!Number.isSafeInteger(list.priority)) at(`/segmentLists/${i}/priority`, 'Must be an integer.');
    checkUnique(list.prices, `/segmentLists/${i}/prices`);
  });
  if (errors.length > 0) throw new ValidationError(errors);
}
