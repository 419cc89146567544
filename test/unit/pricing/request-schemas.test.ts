// The pricing routes' request schemas and the price.changed event schema.
import { PriceChanged } from '@commerce/events';
import { describe, expect, it } from 'vitest';
import { priceListBody, skuPricesBody, taxTableBody } from '../../../functions/pricing/schemas.ts';

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join('/')) ?? [];

describe('PUT /prices/{sku} body', () => {
  it('takes base prices per supported currency with optional sales', () => {
    const parsed = skuPricesBody.parse({
      version: 0,
      prices: { EUR: { amount: 2_999 }, USD: { amount: 3_200, sales: [] } },
    });
    expect(parsed.prices.EUR).toEqual({ amount: 2_999, sales: [] });
  });

  it('refuses unsupported currencies, fractional amounts and sales that end before they start', () => {
    const result = skuPricesBody.safeParse({
      version: 1,
      prices: {
        XXX: { amount: 100 },
        EUR: {
          amount: 29.99,
          sales: [{ amount: 10, validFrom: '2026-06-02T00:00:00Z', validUntil: '2026-06-01T00:00:00Z' }],
        },
      },
    });
    expect(paths(result)).toEqual(
      expect.arrayContaining(['prices/EUR/amount', 'prices/EUR/sales/0/validUntil']),
    );
    // An unsupported currency is an unknown key of `prices` (the API answers /prices/XXX "Unknown field.").
    expect(result.error?.issues).toContainEqual(
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['XXX'], path: ['prices'] }),
    );
  });
});

describe('PUT /price-lists/{segment} body', () => {
  it('refuses two prices for the same SKU and currency', () => {
    const entry = { sku: 'TEE-S', currency: 'EUR', amount: 100 };
    expect(paths(priceListBody.safeParse({ version: 0, priority: 1, entries: [entry, entry] }))).toEqual([
      'entries/1',
    ]);
  });
});

describe('PUT /tax-rules body', () => {
  it('takes rates in parts per million up to 100% and modes per country or region', () => {
    const table = {
      version: 0,
      rules: [{ country: 'US', region: 'US-NY', taxClass: 'standard', ratePpm: 88_750 }],
      modes: [{ country: 'US', mode: 'exclusive' }],
    };
    expect(taxTableBody.safeParse(table).success).toBe(true);
    expect(
      paths(taxTableBody.safeParse({ ...table, rules: [{ ...table.rules[0], ratePpm: 1_000_001 }] })),
    ).toEqual(['rules/0/ratePpm']);
  });
});

describe('price.changed', () => {
  it('carries a SKU price change per currency, a segment list change or a tax change', () => {
    const metadata = {
      id: '3f1c2a9e-8a55-4c1e-9a51-0c6e2d7f4b10',
      version: 1,
      occurredAt: '2026-06-15T12:00:00.000Z',
      correlationId: 'c-1',
    };
    const valid = [
      {
        scope: 'sku',
        sku: 'TEE-S',
        version: 2,
        changes: [{ currency: 'EUR', before: { amount: 2_999, sales: [] }, after: null }],
      },
      {
        scope: 'segment',
        segment: 'vip',
        version: 1,
        priority: { before: null, after: 10 },
        changes: [{ sku: 'TEE-M', currency: 'EUR', before: null, after: 3_499 }],
      },
      {
        scope: 'tax',
        version: 3,
        rules: [{ country: 'US', region: 'US-NY', taxClass: 'standard', before: null, after: 88_750 }],
        modes: [],
      },
    ];
    for (const data of valid) expect(PriceChanged.detail.safeParse({ metadata, data }).success).toBe(true);
    expect(
      PriceChanged.detail.safeParse({
        metadata,
        data: { scope: 'sku', sku: 'TEE-S', version: 2, changes: [] },
      }).success,
    ).toBe(false);
  });
});
