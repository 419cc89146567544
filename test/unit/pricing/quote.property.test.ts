// Property-based tests of the quote: for any basket the totals add up exactly and nothing goes negative.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '@commerce/lambda-kit/money';
import type { PriceBook } from '../../../functions/pricing/domain/price-book.ts';
import { quote, type Quote, type QuoteRequest } from '../../../functions/pricing/domain/quote.ts';
import type { TaxTable } from '../../../functions/pricing/domain/tax.ts';

const skus = ['A', 'B', 'C', 'D'] as const;
const currencies = ['EUR', 'GBP', 'JPY'] as const;
const segments = ['vip', 'wholesale', 'staff'] as const;
const classes = ['standard', 'reduced', 'zero'] as const;
const start = Date.parse('2026-01-01T00:00:00.000Z');
const day = 86_400_000;

const taxes: TaxTable = {
  rules: [
    ...classes.map((taxClass, i) => ({ country: 'DE', taxClass, ratePpm: [190_000, 70_000, 0][i]! })),
    ...classes.map((taxClass, i) => ({ country: 'GB', taxClass, ratePpm: [200_000, 50_000, 0][i]! })),
    ...classes.map((taxClass) => ({ country: 'US', taxClass, ratePpm: 0 })),
    ...classes.map((taxClass, i) => ({
      country: 'US',
      region: 'US-NY',
      taxClass,
      ratePpm: [88_750, 40_000, 0][i]!,
    })),
    // An extreme rate keeps the inclusive invariants honest.
    ...classes.map((taxClass) => ({ country: 'XK', taxClass, ratePpm: 3_000_000 })),
  ],
  modes: [
    { country: 'DE', mode: 'inclusive' },
    { country: 'GB', mode: 'inclusive' },
    { country: 'US', mode: 'exclusive' },
    { country: 'XK', mode: 'inclusive' },
  ],
};

const destination = fc.constantFrom(
  { country: 'DE' },
  { country: 'GB' },
  { country: 'US' },
  { country: 'US', region: 'US-NY' },
  { country: 'XK' },
);

const amount = fc.nat({ max: 5_000_000 });

const priceBook: fc.Arbitrary<PriceBook> = fc.record({
  basePrices: fc
    .tuple(...currencies.map(() => fc.tuple(...skus.map(() => amount))))
    .map((perCurrency) =>
      perCurrency.flatMap((amounts, c) =>
        amounts.map((a, s) => ({ sku: skus[s]!, price: money(a, currencies[c]!) })),
      ),
    ),
  salePrices: fc.array(
    fc
      .record({
        sku: fc.constantFrom(...skus),
        currency: fc.constantFrom(...currencies),
        amount,
        from: fc.nat({ max: 60 }),
        length: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
      })
      .map(({ sku, currency, amount: a, from, length }) => ({
        sku,
        price: money(a, currency),
        validFrom: new Date(start + from * day).toISOString(),
        ...(length === undefined
          ? {}
          : { validUntil: new Date(start + (from + length) * day).toISOString() }),
      })),
    { maxLength: 6 },
  ),
  segmentLists: fc.array(
    fc.record({
      segment: fc.constantFrom(...segments),
      priority: fc.integer({ min: 0, max: 3 }),
      prices: fc
        .uniqueArray(fc.tuple(fc.constantFrom(...skus), fc.constantFrom(...currencies), amount), {
          selector: ([sku, currency]) => `${sku}/${currency}`,
          maxLength: 6,
        })
        .map((entries) => entries.map(([sku, currency, a]) => ({ sku, price: money(a, currency) }))),
    }),
    { maxLength: 4 },
  ),
});

const request: fc.Arbitrary<QuoteRequest> = fc
  .record({
    currency: fc.constantFrom(...currencies),
    segments: fc.subarray([...segments]),
    lines: fc.array(
      fc.record({
        sku: fc.constantFrom(...skus),
        quantity: fc.integer({ min: 1, max: 100 }),
        taxClass: fc.constantFrom(...classes),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    shippingAddress: destination,
    shipping: fc.option(fc.record({ method: fc.constant('standard'), amount: fc.nat({ max: 100_000 }) }), {
      nil: null,
    }),
    discounts: fc.array(
      fc.record({
        code: fc.string({ maxLength: 8 }),
        amount: fc.nat({ max: 20_000_000 }),
        line: fc.option(fc.nat({ max: 7 }), { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
    day: fc.nat({ max: 100 }),
  })
  .map(({ currency, shipping, discounts, day: d, lines, ...rest }) => ({
    ...rest,
    currency,
    lines,
    shipping: shipping && { method: shipping.method, amount: money(shipping.amount, currency) },
    discounts: discounts.map(({ code, amount: a, line }) => ({
      code,
      amount: money(a, currency),
      ...(line === undefined ? {} : { lineIndex: line % lines.length }),
    })),
    at: new Date(start + d * day + 1),
  }));

const total = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0);

function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(numbersIn);
  return [];
}

const runs = { numRuns: 300 };

describe('quote properties', () => {
  it('never produces a negative, fractional or unsafe amount', () => {
    fc.assert(
      fc.property(request, priceBook, (req, book) => {
        for (const n of numbersIn(quote(req, book, taxes))) {
          expect(Number.isSafeInteger(n) && n >= 0, `${n}`).toBe(true);
        }
      }),
      runs,
    );
  });

  it('adds up exactly: lines, subtotal, discounts, tax lines and the grand total', () => {
    fc.assert(
      fc.property(request, priceBook, (req, book) => {
        const q: Quote = quote(req, book, taxes);
        for (const line of q.lines) {
          expect(line.lineSubtotal).toBe(line.unitEffective * line.quantity);
          expect(line.lineTotal).toBe(line.lineSubtotal - line.discount);
        }
        expect(q.subtotal).toBe(total(q.lines.map((l) => l.lineSubtotal)));
        expect(q.discountTotal).toBe(total(q.lines.map((l) => l.discount)));
        expect(q.discountTotal).toBe(total(q.discounts.map((d) => d.applied)));
        expect(q.taxTotal).toBe(total(q.taxLines.map((t) => t.amount)));
        expect(q.taxTotal).toBe(total(q.lines.map((l) => l.tax)) + q.shippingTax);
        const merchandise = total(q.lines.map((l) => l.lineTotal));
        const taxed = merchandise + q.shipping;
        if (q.taxMode === 'exclusive') {
          expect(total(q.taxLines.map((t) => t.base))).toBe(taxed);
          expect(q.grandTotal).toBe(taxed + q.taxTotal);
        } else {
          expect(total(q.taxLines.map((t) => t.base)) + q.taxTotal).toBe(taxed);
          expect(q.grandTotal).toBe(taxed);
        }
      }),
      runs,
    );
  });

  it('keeps tax contained in inclusive prices within what the customer pays', () => {
    fc.assert(
      fc.property(request, priceBook, (req, book) => {
        const q = quote(req, book, taxes);
        fc.pre(q.taxMode === 'inclusive');
        for (const line of q.lines) expect(line.tax).toBeLessThanOrEqual(line.lineTotal);
        expect(q.shippingTax).toBeLessThanOrEqual(q.shipping);
        expect(q.taxTotal).toBeLessThanOrEqual(q.grandTotal);
      }),
      runs,
    );
  });

  it('never discounts more than was asked for or than there was to discount', () => {
    fc.assert(
      fc.property(request, priceBook, (req, book) => {
        const q = quote(req, book, taxes);
        q.discounts.forEach((d, i) => {
          expect(d.requested).toBe(req.discounts![i]!.amount.amount);
          expect(d.applied).toBeLessThanOrEqual(d.requested);
        });
        for (const line of q.lines) expect(line.discount).toBeLessThanOrEqual(line.lineSubtotal);
        expect(q.discountTotal).toBeLessThanOrEqual(
          Math.min(q.subtotal, total(q.discounts.map((d) => d.requested))),
        );
      }),
      runs,
    );
  });

  it('takes order-level discounts in full up to the subtotal', () => {
    fc.assert(
      fc.property(request, priceBook, (req, book) => {
        const orderLevel = {
          ...req,
          discounts: req.discounts!.map(({ code, amount: a }) => ({ code, amount: a })),
        };
        const q = quote(orderLevel, book, taxes);
        expect(q.discountTotal).toBe(Math.min(q.subtotal, total(q.discounts.map((d) => d.requested))));
      }),
      runs,
    );
  });

  it('never charges more per unit than the base price', () => {
    fc.assert(
      fc.property(request, priceBook, (req, book) => {
        for (const line of quote(req, book, taxes).lines) {
          expect(line.unitEffective).toBeLessThanOrEqual(line.unitOriginal);
          expect(line.priceSource === 'base').toBe(line.unitEffective === line.unitOriginal);
        }
      }),
      runs,
    );
  });

  it('is deterministic, whatever the order of the price book entries', () => {
    fc.assert(
      fc.property(request, priceBook, fc.nat(), (req, book, seed) => {
        const rotate = <T>(items: readonly T[]) => {
          const k = items.length === 0 ? 0 : seed % items.length;
          return [...items.slice(k), ...items.slice(0, k)].reverse();
        };
        const reordered: PriceBook = {
          basePrices: rotate(book.basePrices),
          salePrices: rotate(book.salePrices),
          segmentLists: rotate(book.segmentLists),
        };
        const first = quote(req, book, taxes);
        expect(quote(req, book, taxes)).toEqual(first);
        expect(quote(req, reordered, taxes)).toEqual(first);
      }),
      runs,
    );
  });
});
