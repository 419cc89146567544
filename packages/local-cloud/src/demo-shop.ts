// What `npm start` sets up besides the catalog so the demo shop can sell (seed.ts writes it through the API):
// prices in EUR and USD, tax for Germany (prices include tax) and the United States (tax added, New York's
// rate), a warehouse in each country with stock, shipping zones and methods for both. Plain data: the e2e
// tests ship with the same zones and methods (test/fixtures/germany.ts, test/e2e/shipping.test.ts), so a
// cloud that ran both holds one rate table, never two zones for one country.

export const DEMO_ZONES = {
  de: { name: 'Germany', countries: ['DE'] },
  us: { name: 'United States', countries: ['US'] },
  'us-remote': { name: 'Alaska and Hawaii', countries: ['US'], regions: ['US-AK', 'US-HI'] },
};

export const DEMO_METHODS = {
  'de-standard': {
    zoneId: 'de',
    name: 'Standard',
    carrier: 'sandbox',
    currency: 'EUR',
    rate: { type: 'flat' as const, amount: 490 },
    freeOver: 5000,
    minDays: 2,
    maxDays: 4,
  },
  'de-express': {
    zoneId: 'de',
    name: 'Express',
    carrier: 'sandbox',
    currency: 'EUR',
    rate: {
      type: 'weight' as const,
      brackets: [{ upToGrams: 1000, amount: 990 }, { upToGrams: 5000, amount: 1490 }, { amount: 2990 }],
    },
    minDays: 1,
    maxDays: 2,
  },
  'us-ground': {
    zoneId: 'us',
    name: 'Ground',
    carrier: 'sandbox',
    currency: 'USD',
    rate: { type: 'weight' as const, brackets: [{ upToGrams: 2000, amount: 800 }, { amount: 1500 }] },
    freeOver: 10000,
    minDays: 3,
    maxDays: 7,
  },
  'us-remote': {
    zoneId: 'us-remote',
    name: 'Remote',
    carrier: 'sandbox',
    currency: 'USD',
    rate: { type: 'flat' as const, amount: 2500 },
    minDays: 5,
    maxDays: 10,
  },
};

/** Germany: 19 % and 7 %, prices include tax. United States: none by default, New York 8.875 %, added. */
export const DEMO_TAX = {
  rules: [
    { country: 'DE', taxClass: 'standard', ratePpm: 190_000 },
    { country: 'DE', taxClass: 'reduced', ratePpm: 70_000 },
    { country: 'US', taxClass: 'standard', ratePpm: 0 },
    { country: 'US', region: 'US-NY', taxClass: 'standard', ratePpm: 88_750 },
  ],
  modes: [
    { country: 'DE', mode: 'inclusive' },
    { country: 'US', mode: 'exclusive' },
  ],
};

/** Each warehouse receives `units` of every demo SKU once. */
export const DEMO_WAREHOUSES = [
  { id: 'berlin', name: 'Berlin', country: 'DE', units: 50 },
  { id: 'newark', name: 'Newark', country: 'US', units: 20 },
];

/** Base prices per product handle, in minor units, for every variant of it. */
export const DEMO_PRICES: Record<string, { EUR: number; USD: number }> = {
  'organic-cotton-tee': { EUR: 2500, USD: 2800 },
  'striped-breton-tee': { EUR: 3200, USD: 3600 },
  'zip-hoodie': { EUR: 6900, USD: 7500 },
  'stoneware-mug': { EUR: 1800, USD: 2000 },
};
