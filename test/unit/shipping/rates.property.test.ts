// Property-based tests of the rate quote: no price is ever negative, the free threshold applies exactly at
// and above it, and the offers come cheapest first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteRates, type Method, type Rate, type Zone } from '../../../functions/shipping/domain/rates.ts';

const zones: Zone[] = [
  { id: 'de', name: 'Germany', countries: ['DE'] },
  { id: 'by', name: 'Bavaria', countries: ['DE'], regions: ['DE-BY'] },
];

const amount = fc.nat({ max: 100_000 });

const rate: fc.Arbitrary<Rate> = fc.oneof(
  amount.map((a): Rate => ({ type: 'flat', amount: a })),
  fc
    .record({
      steps: fc.array(fc.record({ step: fc.integer({ min: 1, max: 10_000 }), amount }), {
        minLength: 1,
        maxLength: 6,
      }),
      openEnded: fc.option(amount, { nil: undefined }),
    })
    .map(({ steps, openEnded }): Rate => {
      let upTo = 0;
      const brackets = steps.map(({ step, amount: a }) => ({ upToGrams: (upTo += step), amount: a }));
      return {
        type: 'weight',
        brackets: openEnded === undefined ? brackets : [...brackets, { amount: openEnded }],
      };
    }),
);

const methods: fc.Arbitrary<Method[]> = fc
  .array(
    fc.record({
      zoneId: fc.constantFrom('de', 'by'),
      currency: fc.constantFrom('EUR', 'USD'),
      rate,
      freeOver: fc.option(amount, { nil: undefined }),
      minDays: fc.nat({ max: 3 }),
      extraDays: fc.nat({ max: 5 }),
    }),
    { maxLength: 8 },
  )
  .map((specs) =>
    specs.map(({ extraDays, freeOver, ...spec }, i) => ({
      ...spec,
      ...(freeOver === undefined ? {} : { freeOver }),
      id: `m${i}`,
      name: `Method ${i}`,
      carrier: 'sandbox',
      maxDays: spec.minDays + extraDays,
    })),
  );

const cart = fc.record({
  currency: fc.constantFrom('EUR', 'USD'),
  subtotal: amount,
  totalWeightGrams: fc.nat({ max: 70_000 }),
  destination: fc.constantFrom({ country: 'DE' }, { country: 'DE', region: 'DE-BY' }, { country: 'FR' }),
});

describe('quoteRates properties', () => {
  it('never quotes a negative price, and is free exactly when the subtotal reaches the threshold', () => {
    fc.assert(
      fc.property(cart, methods, (c, ms) => {
        const offers = quoteRates(c, zones, ms);
        for (const offer of offers) {
          const m = ms.find((x) => x.id === offer.methodId)!;
          expect(offer.price).toBeGreaterThanOrEqual(0);
          expect(offer.regularPrice).toBeGreaterThanOrEqual(0);
          expect(offer.currency).toBe(c.currency);
          const free = m.freeOver !== undefined && c.subtotal >= m.freeOver;
          expect(offer.free).toBe(free);
          expect(offer.price).toBe(free ? 0 : offer.regularPrice);
        }
      }),
    );
  });

  it('sorts offers by price and only offers methods of the destination zone', () => {
    fc.assert(
      fc.property(cart, methods, (c, ms) => {
        const offers = quoteRates(c, zones, ms);
        const zone = c.destination.country !== 'DE' ? null : 'region' in c.destination ? 'by' : 'de';
        offers.forEach((offer, i) => {
          expect(offer.zoneId).toBe(zone);
          if (i > 0) expect(offer.price).toBeGreaterThanOrEqual(offers[i - 1]!.price);
        });
      }),
    );
  });

  it('moves the threshold edge one unit at a time: below pays, at and above ship free', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), amount, (threshold, price) => {
        const m: Method[] = [
          {
            id: 'std',
            zoneId: 'de',
            name: 'Standard',
            carrier: 'sandbox',
            currency: 'EUR',
            rate: { type: 'flat', amount: price },
            freeOver: threshold,
            minDays: 1,
            maxDays: 2,
          },
        ];
        const at = (subtotal: number) =>
          quoteRates(
            { currency: 'EUR', subtotal, totalWeightGrams: 0, destination: { country: 'DE' } },
            zones,
            m,
          )[0]!.price;
        expect([at(threshold - 1), at(threshold), at(threshold + 1)]).toEqual([price, 0, 0]);
      }),
    );
  });
});
