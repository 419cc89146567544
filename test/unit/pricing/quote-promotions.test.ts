// The quote that asks promotions: promotions see the unit prices the shopper pays (sale and segment prices
// applied), their per-line amounts become line discounts, their shipping discount lowers shipping, tax is
// worked out after them, and the reply carries promotions' answer exactly as the contract states it.
import { pricingQuote, type EvaluateReply } from '@commerce/contracts';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { priceBookOf } from '../../../functions/pricing/domain/records.ts';
import { priceQuote, type AskPromotions } from '../../../functions/pricing/pricing.ts';

const now = new Date('2026-06-15T12:00:00.000Z');

const load = () =>
  Promise.resolve({
    book: priceBookOf(
      [
        {
          sku: 'TEE',
          prices: {
            EUR: { amount: 3_000, sales: [{ amount: 2_500, validFrom: '2026-06-01T00:00:00.000Z' }] },
          },
          version: 1,
          updatedAt: '2026-06-01T00:00:00.000Z',
        },
        {
          sku: 'MUG',
          prices: { EUR: { amount: 1_000, sales: [] } },
          version: 1,
          updatedAt: '2026-06-01T00:00:00.000Z',
        },
      ],
      [],
    ),
    taxes: {
      rules: [{ country: 'US', region: 'US-NY', taxClass: 'standard', ratePpm: 100_000 }],
      modes: [{ country: 'US', mode: 'exclusive' as const }],
    },
    taxClassOf: () => 'standard',
  });

const answer: EvaluateReply = {
  applied: [
    { promotionId: 'pr_a', name: 'Tees', class: 'item', amount: 500, lines: [500, 0], shipping: 0 },
    {
      promotionId: 'pr_s',
      name: 'Free shipping',
      class: 'shipping',
      amount: 800,
      lines: [0, 0],
      shipping: 800,
    },
  ],
  verdicts: [
    {
      applied: true,
      promotionId: 'pr_a',
      name: 'Tees',
      class: 'item',
      amount: 500,
      lines: [500, 0],
      shipping: 0,
    },
    {
      applied: true,
      promotionId: 'pr_s',
      name: 'Free shipping',
      class: 'shipping',
      amount: 800,
      lines: [0, 0],
      shipping: 800,
    },
    {
      applied: false,
      promotionId: 'pr_x',
      name: 'Big spenders',
      reason: {
        code: 'condition-failed',
        condition: 'subtotal-at-least',
        index: 0,
        detail: 'The subtotal 6000 is below 10000.',
      },
    },
  ],
  lineDiscounts: [500, 0],
  shippingDiscount: 800,
  unknownCodes: ['NOPE'],
};

describe('a quote that asks promotions', () => {
  it('applies their line and shipping amounts before tax and answers what they said', async () => {
    const asked: Parameters<AskPromotions>[0][] = [];
    const ask: AskPromotions = (request) => {
      asked.push(request);
      return Promise.resolve(answer);
    };
    const request = pricingQuote.request.parse({
      currency: 'EUR',
      lines: [
        { sku: 'TEE', quantity: 2 },
        { sku: 'MUG', quantity: 1 },
      ],
      shippingAddress: { country: 'US', region: 'US-NY' },
      shipping: { method: 'us-ground', amount: 800 },
      promotions: { codes: ['nope'], buyer: { signedIn: false, email: 'sam@example.com', firstOrder: true } },
    });
    const quoted = await priceQuote(request, load, now, ask);

    expect(asked[0]).toMatchObject({
      lines: [
        { sku: 'TEE', quantity: 2, unitPrice: 2_500 },
        { sku: 'MUG', quantity: 1, unitPrice: 1_000 },
      ],
      shipping: { method: 'us-ground', amount: 800 },
      shippingCountry: 'US',
      codes: ['nope'],
      buyer: { signedIn: false, email: 'sam@example.com', firstOrder: true, segments: [] },
    });
    expect(quoted.lines.map((l) => [l.discount, l.lineTotal, l.tax])).toEqual([
      [500, 4_500, 450],
      [0, 1_000, 100],
    ]);
    expect(quoted).toMatchObject({
      shipping: 0,
      shippingTax: 0,
      discountTotal: 500,
      taxTotal: 550,
      grandTotal: 6_050,
    });
    expect(quoted.discounts).toEqual([{ code: 'pr_a', lineIndex: 0, requested: 500, applied: 500 }]);
    const parsed = z.safeParse(pricingQuote.reply, quoted);
    expect(parsed.success && parsed.data.promotions).toStrictEqual(answer);
  });

  it('does not ask promotions when the request does not', async () => {
    const quoted = await priceQuote(
      pricingQuote.request.parse({
        currency: 'EUR',
        lines: [{ sku: 'MUG', quantity: 1 }],
        shippingAddress: { country: 'US', region: 'US-NY' },
        shipping: null,
      }),
      load,
      now,
      () => Promise.reject(new Error('must not be asked')),
    );
    expect(quoted.promotions).toBeUndefined();
    expect(quoted.grandTotal).toBe(1_100);
  });
});
