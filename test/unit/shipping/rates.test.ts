import { UnprocessableError, ValidationError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import {
  assertValidRateTable,
  quoteRates,
  ratePrice,
  zoneFor,
  type Method,
  type RateCart,
  type Zone,
} from '../../../functions/shipping/domain/rates.ts';

const zones: Zone[] = [
  { id: 'de', name: 'Germany', countries: ['DE'] },
  { id: 'eu', name: 'European Union', countries: ['AT', 'FR', 'NL'] },
  { id: 'us', name: 'United States', countries: ['US'] },
  { id: 'us-remote', name: 'Alaska and Hawaii', countries: ['US'], regions: ['US-AK', 'US-HI'] },
];

const method = (overrides: Partial<Method> & Pick<Method, 'id' | 'zoneId' | 'rate'>): Method => ({
  name: overrides.id,
  carrier: 'sandbox',
  currency: 'EUR',
  minDays: 2,
  maxDays: 4,
  ...overrides,
});

const methods: Method[] = [
  method({ id: 'de-standard', zoneId: 'de', rate: { type: 'flat', amount: 490 }, freeOver: 5000 }),
  method({
    id: 'de-express',
    zoneId: 'de',
    rate: { type: 'flat', amount: 1290 },
    minDays: 1,
    maxDays: 1,
  }),
  method({
    id: 'de-freight',
    zoneId: 'de',
    rate: {
      type: 'weight',
      brackets: [
        { upToGrams: 1000, amount: 590 },
        { upToGrams: 5000, amount: 990 },
        { upToGrams: 31_500, amount: 1990 },
      ],
    },
  }),
  method({
    id: 'eu-standard',
    zoneId: 'eu',
    rate: {
      type: 'weight',
      brackets: [{ upToGrams: 2000, amount: 1190 }, { amount: 2490 }],
    },
    minDays: 3,
    maxDays: 6,
  }),
  method({ id: 'us-ground', zoneId: 'us', currency: 'USD', rate: { type: 'flat', amount: 799 } }),
  method({ id: 'us-remote', zoneId: 'us-remote', currency: 'USD', rate: { type: 'flat', amount: 2499 } }),
];

const cart = (overrides: Partial<RateCart> = {}): RateCart => ({
  currency: 'EUR',
  subtotal: 2000,
  totalWeightGrams: 800,
  destination: { country: 'DE' },
  ...overrides,
});

describe('quoteRates', () => {
  it('prices flat and weight methods of the zone and sorts them cheapest first', () => {
    const offers = quoteRates(cart(), zones, methods);

    expect(offers.map((o) => [o.methodId, o.price])).toEqual([
      ['de-standard', 490],
      ['de-freight', 590],
      ['de-express', 1290],
    ]);
    expect(offers[0]).toEqual({
      methodId: 'de-standard',
      zoneId: 'de',
      name: 'de-standard',
      carrier: 'sandbox',
      currency: 'EUR',
      price: 490,
      regularPrice: 490,
      free: false,
      minDays: 2,
      maxDays: 4,
    });
  });

  it('picks the first weight bracket whose upper bound is at or above the weight', () => {
    const freight = (grams: number) =>
      quoteRates(cart({ totalWeightGrams: grams }), zones, methods).find((o) => o.methodId === 'de-freight')
        ?.price;

    expect([freight(0), freight(1000), freight(1001), freight(5000), freight(31_500)]).toEqual([
      590, 590, 990, 990, 1990,
    ]);
  });

  it('makes a method unavailable when the cart is heavier than its last closed bracket', () => {
    const offers = quoteRates(cart({ totalWeightGrams: 31_501 }), zones, methods);

    expect(offers.map((o) => o.methodId)).toEqual(['de-standard', 'de-express']);
  });

  it('charges the open-ended last bracket for any weight above the others', () => {
    const offers = quoteRates(
      cart({ destination: { country: 'FR' }, totalWeightGrams: 250_000 }),
      zones,
      methods,
    );

    expect(offers.map((o) => [o.methodId, o.price])).toEqual([['eu-standard', 2490]]);
  });

  it('ships free from exactly the threshold, not one minor unit below', () => {
    const standard = (subtotal: number) =>
      quoteRates(cart({ subtotal }), zones, methods).find((o) => o.methodId === 'de-standard')!;

    expect(standard(4999)).toMatchObject({ price: 490, regularPrice: 490, free: false });
    expect(standard(5000)).toMatchObject({ price: 0, regularPrice: 490, free: true });
    expect(standard(5001)).toMatchObject({ price: 0, free: true });
  });

  it('prefers the zone that names the region over the country-wide zone', () => {
    const alaska = quoteRates(
      cart({ currency: 'USD', destination: { country: 'US', region: 'US-AK' } }),
      zones,
      methods,
    );
    const newYork = quoteRates(
      cart({ currency: 'USD', destination: { country: 'US', region: 'US-NY' } }),
      zones,
      methods,
    );
    const noRegion = quoteRates(cart({ currency: 'USD', destination: { country: 'US' } }), zones, methods);

    expect(alaska.map((o) => o.methodId)).toEqual(['us-remote']);
    expect(newYork.map((o) => o.methodId)).toEqual(['us-ground']);
    expect(noRegion.map((o) => o.methodId)).toEqual(['us-ground']);
  });

  it('offers nothing where no zone reaches, and nothing in another currency', () => {
    expect(quoteRates(cart({ destination: { country: 'JP' } }), zones, methods)).toEqual([]);
    expect(quoteRates(cart({ currency: 'USD' }), zones, methods)).toEqual([]);
  });

  it('orders equal prices by the faster promise, then by id', () => {
    const tied = [
      method({ id: 'b-slow', zoneId: 'de', rate: { type: 'flat', amount: 500 }, minDays: 3, maxDays: 5 }),
      method({ id: 'c-fast', zoneId: 'de', rate: { type: 'flat', amount: 500 }, minDays: 1, maxDays: 2 }),
      method({ id: 'a-fast', zoneId: 'de', rate: { type: 'flat', amount: 500 }, minDays: 1, maxDays: 2 }),
    ];

    expect(quoteRates(cart(), zones, tied).map((o) => o.methodId)).toEqual(['a-fast', 'c-fast', 'b-slow']);
  });

  it('refuses a cart with fractional amounts or an unknown destination format', () => {
    expect(() => quoteRates(cart({ subtotal: 10.5 }), zones, methods)).toThrow(ValidationError);
    expect(() => quoteRates(cart({ totalWeightGrams: -1 }), zones, methods)).toThrow(ValidationError);
    expect(() => quoteRates(cart({ destination: { country: 'de' } }), zones, methods)).toThrow(
      ValidationError,
    );
  });

  it('refuses to quote from a broken rate table rather than quote a wrong price', () => {
    const broken = [method({ id: 'neg', zoneId: 'de', rate: { type: 'flat', amount: -100 } })];

    expect(() => quoteRates(cart(), zones, broken)).toThrow(
      expect.objectContaining({ problemType: 'invalid-rate-table' }),
    );
  });
});

describe('zoneFor', () => {
  it('refuses to choose between two zones that both cover a destination', () => {
    const overlapping: Zone[] = [
      { id: 'a', name: 'A', countries: ['DE'] },
      { id: 'b', name: 'B', countries: ['DE', 'AT'] },
    ];

    expect(() => zoneFor(overlapping, { country: 'DE' })).toThrow(UnprocessableError);
    expect(zoneFor(overlapping, { country: 'AT' })?.id).toBe('b');
  });
});

describe('ratePrice', () => {
  it('gives null past the last closed bracket and the flat amount at any weight', () => {
    expect(ratePrice({ type: 'weight', brackets: [{ upToGrams: 100, amount: 1 }] }, 101)).toBeNull();
    expect(ratePrice({ type: 'flat', amount: 300 }, 1_000_000)).toBe(300);
  });
});

describe('assertValidRateTable', () => {
  const pointers = (zonesIn: Zone[], methodsIn: Method[]): string[] => {
    try {
      assertValidRateTable(zonesIn, methodsIn);
      return [];
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return error.errors.map((e) => e.pointer);
    }
  };

  it('accepts the table the quotes above use', () => {
    expect(pointers(zones, methods)).toEqual([]);
  });

  it('refuses brackets that do not ascend, an open bracket before the last, and negative amounts', () => {
    const bad = method({
      id: 'bad',
      zoneId: 'de',
      rate: {
        type: 'weight',
        brackets: [
          { upToGrams: 1000, amount: 100 },
          { upToGrams: 1000, amount: 200 },
          { amount: -1 },
          {
            upToGrams: 5000,
            amount: 300,
          },
        ],
      },
    });

    expect(pointers(zones, [bad])).toEqual([
      '/methods/0/rate/brackets/1/upToGrams',
      '/methods/0/rate/brackets/2/amount',
      '/methods/0/rate/brackets/2/upToGrams',
    ]);
  });

  it('refuses an empty bracket list, a negative flat amount, a bad threshold and inverted days', () => {
    const bad = [
      method({ id: 'm0', zoneId: 'de', rate: { type: 'weight', brackets: [] } }),
      method({ id: 'm1', zoneId: 'de', rate: { type: 'flat', amount: -5 }, freeOver: 1.5 }),
      method({ id: 'm2', zoneId: 'de', rate: { type: 'flat', amount: 5 }, minDays: 5, maxDays: 2 }),
    ];

    expect(pointers(zones, bad)).toEqual([
      '/methods/0/rate/brackets',
      '/methods/1/freeOver',
      '/methods/1/rate/amount',
      '/methods/2/maxDays',
    ]);
  });

  it('refuses unknown zones, duplicate ids, malformed codes and overlapping zones', () => {
    const badZones: Zone[] = [
      { id: 'a', name: 'A', countries: ['DE'] },
      { id: 'a', name: 'A again', countries: ['de'] },
      { id: 'b', name: 'B', countries: ['DE'] },
      { id: 'c', name: 'C', countries: ['US'], regions: ['US-AK', 'CA-BC', 'Alaska'] },
      { id: 'd', name: 'D', countries: ['US'], regions: ['US-AK'] },
    ];
    const badMethods = [
      method({ id: 'x', zoneId: 'nowhere', rate: { type: 'flat', amount: 1 }, currency: 'euro' }),
      method({ id: 'x', zoneId: 'a', rate: { type: 'flat', amount: 1 } }),
    ];

    expect(pointers(badZones, badMethods)).toEqual([
      '/zones/1/id',
      '/zones/1/countries/0',
      '/zones/2/countries/0',
      '/zones/3/regions/1',
      '/zones/3/regions/2',
      '/zones/4/regions/0',
      '/methods/0/zoneId',
      '/methods/0/currency',
      '/methods/1/id',
    ]);
  });
});
