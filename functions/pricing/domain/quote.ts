// The price quote orders ask for at checkout: unit prices, discounts, tax and totals of a basket. Pure; no AWS.
//
// Every amount is an integer of minor units of the quote currency and never negative. The order of work:
// 1. unit prices from the price book (see effectiveUnitPrice); lineSubtotal = unitEffective × quantity;
// 2. discounts (the promotions hook): line discounts first, then order-level ones, each in input order and
//    each capped at what is left to discount; an order-level discount is spread over the lines in
//    proportion to what is left on them (largest remainder), so a line never goes below zero;
// 3. tax per line on lineTotal = lineSubtotal − discount, and on shipping at the 'standard' rate, each
//    rounded once (nearest minor unit, half up). Prices are read in the destination's tax mode: inclusive
//    amounts contain their tax, exclusive amounts get it added;
// 4. grandTotal = Σ lineTotal + shipping, plus taxTotal when exclusive (inclusive totals already hold it).
// Discounts never touch shipping; a free-shipping promotion quotes the shipping amount as zero.
import { ValidationError, type FieldError } from '@commerce/lambda-kit/errors';
import {
  allocate,
  assertSameCurrency,
  checkedAmount,
  isAmount,
  minorUnitDigits,
  times,
  type Money,
} from '@commerce/lambda-kit/money';
import { effectiveUnitPrice, type PriceBook, type PriceSource } from './price-book.ts';
import {
  SHIPPING_TAX_CLASS,
  taxModeFor,
  taxOn,
  taxRateFor,
  type Destination,
  type TaxClass,
  type TaxMode,
  type TaxTable,
} from './tax.ts';

export const MAX_QUANTITY = 100;

export interface QuoteLineRequest {
  readonly sku: string;
  /** 1 to MAX_QUANTITY. */
  readonly quantity: number;
  readonly taxClass: TaxClass;
}

/** An amount a promotion takes off: from one line when lineIndex is set, else from the whole order. */
export interface DiscountRequest {
  readonly code: string;
  readonly amount: Money;
  readonly lineIndex?: number;
}

export interface QuoteRequest {
  readonly currency: string;
  readonly segments: readonly string[];
  readonly lines: readonly QuoteLineRequest[];
  readonly shippingAddress: Destination;
  /** Shipping as the carrier quote priced it, read in the destination's tax mode; null when nothing ships. */
  readonly shipping: { readonly method: string; readonly amount: Money } | null;
  readonly discounts?: readonly DiscountRequest[];
  readonly at: Date;
}

export interface QuoteLine {
  readonly sku: string;
  readonly quantity: number;
  readonly taxClass: TaxClass;
  readonly unitOriginal: number;
  readonly unitEffective: number;
  readonly priceSource: PriceSource;
  /** unitEffective × quantity. */
  readonly lineSubtotal: number;
  readonly discount: number;
  /** lineSubtotal − discount. */
  readonly lineTotal: number;
  readonly taxRatePpm: number;
  /** Contained in lineTotal when inclusive, added to it when exclusive. */
  readonly tax: number;
}

export interface AppliedDiscount {
  readonly code: string;
  readonly lineIndex?: number;
  readonly requested: number;
  /** What was taken off; less than requested when there was not that much left to discount. */
  readonly applied: number;
}

/** Tax per class at the destination; `base` is the net amount taxed (shipping is in the standard class). */
export interface TaxLine {
  readonly taxClass: TaxClass;
  readonly ratePpm: number;
  readonly base: number;
  readonly amount: number;
}

export interface Quote {
  readonly currency: string;
  readonly taxMode: TaxMode;
  readonly lines: readonly QuoteLine[];
  readonly discounts: readonly AppliedDiscount[];
  /** Σ lineSubtotal. */
  readonly subtotal: number;
  /** Σ line discount = Σ applied discount. */
  readonly discountTotal: number;
  readonly shippingMethod: string | null;
  readonly shipping: number;
  readonly shippingTax: number;
  readonly taxLines: readonly TaxLine[];
  /** Σ taxLines.amount = Σ line tax + shippingTax. */
  readonly taxTotal: number;
  readonly grandTotal: number;
}

function sum(amounts: readonly number[]): number {
  return checkedAmount(amounts.reduce((total, amount) => total + BigInt(amount), 0n));
}

function assertValidRequest(request: QuoteRequest): void {
  const errors: FieldError[] = [];
  const at = (pointer: string, detail: string) => errors.push({ in: 'body', pointer, detail });
  if (request.lines.length === 0) at('/lines', 'A quote needs at least one line.');
  request.lines.forEach((line, i) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      at(`/lines/${i}/quantity`, `Must be an integer from 1 to ${MAX_QUANTITY}.`);
    }
  });
  if (request.shipping !== null && !isAmount(request.shipping.amount.amount)) {
    at('/shipping/amount/amount', 'Must be a non-negative integer of minor units.');
  }
  (request.discounts ?? []).forEach((discount, i) => {
    if (!isAmount(discount.amount.amount)) {
      at(`/discounts/${i}/amount/amount`, 'Must be a non-negative integer of minor units.');
    }
    const index = discount.lineIndex;
    if (index !== undefined && (!Number.isInteger(index) || index < 0 || index >= request.lines.length)) {
      at(`/discounts/${i}/lineIndex`, 'Must point at a line of the quote.');
    }
  });
  if (errors.length > 0) throw new ValidationError(errors);
}

/** Takes the discounts off the line subtotals; returns what each line lost and what each discount took. */
function applyDiscounts(
  subtotals: readonly number[],
  discounts: readonly DiscountRequest[],
): { perLine: number[]; applied: AppliedDiscount[] } {
  const left = [...subtotals];
  const applied = new Array<AppliedDiscount>(discounts.length);
  const lineFirst = discounts
    .map((discount, index) => ({ discount, index }))
    .sort((a, b) => Number(a.discount.lineIndex === undefined) - Number(b.discount.lineIndex === undefined));
  for (const { discount, index } of lineFirst) {
    const requested = discount.amount.amount;
    const { code, lineIndex } = discount;
    if (lineIndex !== undefined) {
      const taken = Math.min(requested, left[lineIndex]!);
      left[lineIndex]! -= taken;
      applied[index] = { code, lineIndex, requested, applied: taken };
    } else {
      const taken = Math.min(requested, sum(left));
      allocate(taken, left).forEach((share, i) => (left[i]! -= share));
      applied[index] = { code, requested, applied: taken };
    }
  }
  return { perLine: subtotals.map((subtotal, i) => subtotal - left[i]!), applied };
}

export function quote(request: QuoteRequest, book: PriceBook, taxes: TaxTable): Quote {
  const { currency, shippingAddress } = request;
  minorUnitDigits(currency);
  assertValidRequest(request);
  if (request.shipping !== null) assertSameCurrency(currency, request.shipping.amount);
  const discounts = request.discounts ?? [];
  for (const discount of discounts) assertSameCurrency(currency, discount.amount);
  const taxMode = taxModeFor(taxes, shippingAddress);

  const priced = request.lines.map((line) => {
    const price = effectiveUnitPrice(book, {
      sku: line.sku,
      currency,
      segments: request.segments,
      at: request.at,
    });
    return { line, price, lineSubtotal: times(price.effective, line.quantity).amount };
  });
  const { perLine, applied } = applyDiscounts(
    priced.map((p) => p.lineSubtotal),
    discounts,
  );

  const taxLines = new Map<string, { taxClass: TaxClass; ratePpm: number; base: number; amount: number }>();
  const addTax = (taxClass: TaxClass, ratePpm: number, amount: number, tax: number) => {
    const key = `${taxClass}\u0000${ratePpm}`;
    const line = taxLines.get(key) ?? { taxClass, ratePpm, base: 0, amount: 0 };
    const net = taxMode === 'inclusive' ? amount - tax : amount;
    taxLines.set(key, { ...line, base: sum([line.base, net]), amount: sum([line.amount, tax]) });
  };

  const lines = priced.map(({ line, price, lineSubtotal }, i): QuoteLine => {
    const discount = perLine[i]!;
    const lineTotal = lineSubtotal - discount;
    const taxRatePpm = taxRateFor(taxes, shippingAddress, line.taxClass);
    const tax = taxOn(lineTotal, taxRatePpm, taxMode);
    addTax(line.taxClass, taxRatePpm, lineTotal, tax);
    return {
      sku: line.sku,
      quantity: line.quantity,
      taxClass: line.taxClass,
      unitOriginal: price.original.amount,
      unitEffective: price.effective.amount,
      priceSource: price.source,
      lineSubtotal,
      discount,
      lineTotal,
      taxRatePpm,
      tax,
    };
  });

  const shipping = request.shipping?.amount.amount ?? 0;
  let shippingTax = 0;
  if (request.shipping !== null) {
    const ratePpm = taxRateFor(taxes, shippingAddress, SHIPPING_TAX_CLASS);
    shippingTax = taxOn(shipping, ratePpm, taxMode);
    addTax(SHIPPING_TAX_CLASS, ratePpm, shipping, shippingTax);
  }

  const taxTotal = sum([...lines.map((l) => l.tax), shippingTax]);
  const merchandise = sum(lines.map((l) => l.lineTotal));
  return {
    currency,
    taxMode,
    lines,
    discounts: applied,
    subtotal: sum(lines.map((l) => l.lineSubtotal)),
    discountTotal: sum(lines.map((l) => l.discount)),
    shippingMethod: request.shipping?.method ?? null,
    shipping,
    shippingTax,
    taxLines: [...taxLines.values()].sort(
      (a, b) => b.ratePpm - a.ratePpm || (a.taxClass < b.taxClass ? -1 : a.taxClass > b.taxClass ? 1 : 0),
    ),
    taxTotal,
    grandTotal: sum(taxMode === 'exclusive' ? [merchandise, shipping, taxTotal] : [merchandise, shipping]),
  };
}
