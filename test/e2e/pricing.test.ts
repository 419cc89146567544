// The pricing service end to end, through the typed API client: staff set base and sale prices, a segment
// price list and tax rules (customers may not); display prices of a product pricing learned from the catalog
// through product.created; the internal quote invoked directly as another service would (Lambda Invoke);
// refusals that change nothing; stale versions; price.changed on the bus. Requests the client's types would
// refuse go through the raw `api` helper.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { components } from '@commerce/api-client';
import type { QuoteRequestInput, QuoteResult } from '@commerce/contracts';
import { EMULATOR_ENDPOINT, REGION } from '@commerce/local-cloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, bearer, client, eventually, listenOnBus, signIn, stackOutput, unique } from './support.ts';

type TaxTable = components['schemas']['TaxTable'];

const lambda = new LambdaClient({
  endpoint: EMULATOR_ENDPOINT,
  region: REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

const day = 24 * 60 * 60 * 1000;
const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();

let staffToken: string;
let staff: ReturnType<typeof client>;
let customer: ReturnType<typeof client>;
let customerToken: string;
let listener: Awaited<ReturnType<typeof listenOnBus>>;
/** The product created through the catalog, and its two variant SKUs. */
let productId: string;
let small: string;
let medium: string;
const segment = unique('vip');

beforeAll(async () => {
  [staffToken, customerToken] = await Promise.all([signIn(['staff']), signIn([])]);
  staff = client(staffToken);
  customer = client(customerToken);
  listener = await listenOnBus({ source: ['commerce.pricing'], 'detail-type': ['price.changed'] });
  const handle = unique('priced-tee');
  const created = await staff.POST('/products', {
    body: {
      handle,
      title: 'Priced tee',
      description: 'Soft cotton.',
      status: 'published',
      categoryIds: [],
      attributes: {},
      options: [{ name: 'size', values: ['S', 'M'] }],
      variants: [
        { sku: `${handle}-S`, title: 'S', optionValues: { size: 'S' } },
        { sku: `${handle}-M`, title: 'M', optionValues: { size: 'M' } },
      ],
      media: [],
    },
  });
  if (!created.data) throw new Error(`POST /products answered ${created.response.status}`);
  productId = created.data.id;
  [small, medium] = [`${handle}-S`, `${handle}-M`];
});

afterAll(async () => {
  await listener.close();
});

/** Staff's tax table with DE (19 %, 7 %, inclusive) and US / US-NY (8.875 %, exclusive), keeping the rest. */
async function setTaxTable(): Promise<TaxTable> {
  const ours = (e: { country: string }) => e.country === 'DE' || e.country === 'US';
  // The table is shared by every test run: retry when another run changed it between our read and write.
  for (let attempt = 0; ; attempt++) {
    const current = (await staff.GET('/tax-rules')).data!;
    const put = await staff.PUT('/tax-rules', {
      body: {
        version: current.version,
        rules: [
          ...current.rules.filter((r) => !ours(r)),
          { country: 'DE', taxClass: 'standard', ratePpm: 190_000 },
          { country: 'DE', taxClass: 'reduced', ratePpm: 70_000 },
          { country: 'US', taxClass: 'standard', ratePpm: 0 },
          { country: 'US', region: 'US-NY', taxClass: 'standard', ratePpm: 88_750 },
        ],
        modes: [
          ...current.modes.filter((m) => !ours(m)),
          { country: 'DE', mode: 'inclusive' },
          { country: 'US', mode: 'exclusive' },
        ],
      },
    });
    if (put.data) return put.data;
    if (put.response.status !== 409 || attempt === 3)
      throw new Error(`PUT /tax-rules: ${put.response.status}`);
  }
}

async function invokeQuote(request: QuoteRequestInput | Record<string, unknown>): Promise<QuoteResult> {
  const out = await lambda.send(
    new InvokeCommand({
      FunctionName: stackOutput((k) => k.startsWith('PricingQuoteFunctionName')),
      Payload: Buffer.from(JSON.stringify(request)),
    }),
  );
  expect(out.FunctionError).toBeUndefined();
  return JSON.parse(Buffer.from(out.Payload!).toString()) as QuoteResult;
}

describe('staff routes', () => {
  it('are refused to customers (403) and to anonymous callers (401)', async () => {
    const path = { params: { path: { sku: unique('sku') } } };
    const body = { version: 0, prices: { EUR: { amount: 1, sales: [] } } };
    expect((await customer.PUT('/prices/{sku}', { ...path, body })).response.status).toBe(403);
    expect((await customer.GET('/prices/{sku}', path)).response.status).toBe(403);
    expect((await customer.GET('/tax-rules')).response.status).toBe(403);
    expect((await customer.GET('/price-lists')).response.status).toBe(403);
    expect((await client().PUT('/prices/{sku}', { ...path, body })).response.status).toBe(401);
    expect((await staff.GET('/prices/{sku}', path)).response.status).toBe(404);
  });

  it('set base and sale prices per currency, with a version, and announce each change', async () => {
    const path = { params: { path: { sku: small } } };
    const sale = { amount: 2_499, validFrom: isoIn(-day), validUntil: isoIn(30 * day) };
    const expired = { amount: 999, validFrom: isoIn(-10 * day), validUntil: isoIn(-5 * day) };
    const created = await staff.PUT('/prices/{sku}', {
      ...path,
      body: {
        version: 0,
        prices: { EUR: { amount: 2_999, sales: [sale, expired] }, USD: { amount: 3_200, sales: [] } },
      },
    });
    expect(created.response.status).toBe(200);
    expect(created.data).toMatchObject({ sku: small, version: 1 });
    expect(created.response.headers.get('etag')).toBe('"1"');
    const second = await staff.PUT('/prices/{sku}', {
      params: { path: { sku: medium } },
      body: { version: 0, prices: { EUR: { amount: 3_999, sales: [] }, USD: { amount: 4_300, sales: [] } } },
    });
    expect(second.data).toMatchObject({ version: 1 });

    const announced = await listener.waitFor(
      (e) => e.detail.data.scope === 'sku' && e.detail.data.sku === small,
      `price.changed for ${small}`,
    );
    expect(announced.source).toBe('commerce.pricing');
    expect(announced.detail.data).toEqual({
      scope: 'sku',
      sku: small,
      version: 1,
      changes: [
        // sales in canonical order (by validFrom)
        { currency: 'EUR', before: null, after: { amount: 2_999, sales: [expired, sale] } },
        { currency: 'USD', before: null, after: { amount: 3_200, sales: [] } },
      ],
    });
  });

  it('refuse a stale version (409) and invalid prices (400), changing nothing', async () => {
    const path = { params: { path: { sku: small } } };
    const before = await staff.GET('/prices/{sku}', path);
    expect(before.data).toMatchObject({ version: 1 });

    const stale = await staff.PUT('/prices/{sku}', {
      ...path,
      body: { version: 0, prices: { EUR: { amount: 1, sales: [] } } },
    });
    expect(stale.response.status).toBe(409);
    expect(stale.error).toMatchObject({ type: 'urn:commerce:problem:version-conflict' });

    const invalid = [
      { version: 1, prices: { XXX: { amount: 100 } } },
      { version: 1, prices: { EUR: { amount: -1 } } },
      { version: 1, prices: { EUR: { amount: 29.99 } } },
      { version: 1, prices: { EUR: { amount: 100 } }, price: 5 },
    ];
    for (const body of invalid) {
      const res = await api('PUT', `/prices/${small}`, body, bearer(staffToken));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body).toMatchObject({ type: 'urn:commerce:problem:validation-error' });
    }
    // Well formed, but the sale ends before it starts: a rule no schema states, so 422 with the field.
    const backwards = await api(
      'PUT',
      `/prices/${small}`,
      {
        version: 1,
        prices: {
          EUR: { amount: 100, sales: [{ amount: 50, validFrom: isoIn(day), validUntil: isoIn(0) }] },
        },
      },
      bearer(staffToken),
    );
    expect(backwards.status).toBe(422);
    expect(backwards.body).toMatchObject({ type: 'urn:commerce:problem:rule-violation' });
    expect(backwards.body.errors).toEqual([
      expect.objectContaining({ in: 'body', pointer: '/prices/EUR/sales/0/validUntil' }),
    ]);
    expect((await staff.GET('/prices/{sku}', path)).data).toEqual(before.data);
  });

  it('set a segment price list with a priority, and announce its entries', async () => {
    const path = { params: { path: { segment } } };
    const entries = [
      { sku: medium, currency: 'EUR' as const, amount: 3_499 },
      { sku: medium, currency: 'USD' as const, amount: 3_800 },
    ];
    const duplicate = await staff.PUT('/price-lists/{segment}', {
      ...path,
      body: { version: 0, priority: 10, entries: [entries[0]!, entries[0]!] },
    });
    expect(duplicate.response.status).toBe(422);

    const set = await staff.PUT('/price-lists/{segment}', {
      ...path,
      body: { version: 0, priority: 10, entries },
    });
    expect(set.data).toMatchObject({ segment, priority: 10, version: 1, entries });
    const stale = await staff.PUT('/price-lists/{segment}', {
      ...path,
      body: { version: 0, priority: 1, entries },
    });
    expect(stale.response.status).toBe(409);

    const lists = await staff.GET('/price-lists');
    expect(lists.data?.items).toContainEqual(expect.objectContaining({ segment, priority: 10, version: 1 }));
    const announced = await listener.waitFor(
      (e) => e.detail.data.scope === 'segment' && e.detail.data.segment === segment,
      `price.changed for segment ${segment}`,
    );
    expect(announced.detail.data).toMatchObject({
      version: 1,
      priority: { before: null, after: 10 },
      changes: [
        { sku: medium, currency: 'EUR', before: null, after: 3_499 },
        { sku: medium, currency: 'USD', before: null, after: 3_800 },
      ],
    });
  });

  it('replace the tax table: validated, versioned and announced', async () => {
    const current = (await staff.GET('/tax-rules')).data!;
    const invalid = [
      // a region outside its country; a rate without a display mode; a duplicate rate
      { rules: [{ country: 'DE', region: 'US-NY', taxClass: 'standard', ratePpm: 1 }], modes: [] },
      { rules: [{ country: 'FR', taxClass: 'standard', ratePpm: 200_000 }], modes: [] },
      {
        rules: [
          { country: 'FR', taxClass: 'standard', ratePpm: 200_000 },
          { country: 'FR', taxClass: 'standard', ratePpm: 100_000 },
        ],
        modes: [{ country: 'FR', mode: 'inclusive' }],
      },
    ];
    // Each breaks a rule no schema states: 422 `rule-violation` naming the field; a wrong type is a 400.
    for (const table of invalid) {
      const res = await api('PUT', '/tax-rules', { version: current.version, ...table }, bearer(staffToken));
      expect(res.status, JSON.stringify(table)).toBe(422);
      expect(res.body).toMatchObject({ type: 'urn:commerce:problem:rule-violation' });
    }
    const fraction = { rules: [{ country: 'FR', taxClass: 'standard', ratePpm: 0.19 }], modes: [] };
    const res = await api('PUT', '/tax-rules', { version: current.version, ...fraction }, bearer(staffToken));
    expect(res.status).toBe(400);

    const table = await setTaxTable();
    expect(table.rules).toContainEqual({
      country: 'US',
      region: 'US-NY',
      taxClass: 'standard',
      ratePpm: 88_750,
    });
    const stale = await staff.PUT('/tax-rules', {
      body: { version: table.version - 1, rules: table.rules, modes: table.modes },
    });
    expect(stale.response.status).toBe(409);
    expect((await staff.GET('/tax-rules')).data).toMatchObject({ version: table.version });
    if (table.version > current.version) {
      const announced = await listener.waitFor(
        (e) => e.detail.data.scope === 'tax' && e.detail.data.version === table.version,
        'price.changed for the tax table',
      );
      expect(announced.detail.data).toMatchObject({ scope: 'tax', version: table.version });
    }
  });
});

describe('display prices', () => {
  it('show a product from the catalog with its effective prices and their tax, per destination', async () => {
    const query = { currency: 'EUR' as const, country: 'DE' };
    // Pricing learns the product's SKUs from product.created.
    const german = await eventually(
      async () => {
        const res = await client().GET('/product-prices/{id}', {
          params: { path: { id: productId }, query },
        });
        return res.data;
      },
      45_000,
      'pricing to learn the product from product.created',
    );
    expect(german).toEqual({
      productId,
      currency: 'EUR',
      country: 'DE',
      taxMode: 'inclusive',
      items: [
        // 24.99 × 19/119 = 3.99; the expired sale (9.99) does not apply
        {
          sku: small,
          taxClass: 'standard',
          original: 2_999,
          effective: 2_499,
          source: 'sale',
          taxRatePpm: 190_000,
          tax: 399,
          total: 2_499,
        },
        // a guest gets no segment price; 39.99 × 19/119 = 6.3849…
        {
          sku: medium,
          taxClass: 'standard',
          original: 3_999,
          effective: 3_999,
          source: 'base',
          taxRatePpm: 190_000,
          tax: 638,
          total: 3_999,
        },
      ],
      unpriced: [],
    });

    const newYork = await client().GET('/product-prices/{id}', {
      params: { path: { id: productId }, query: { currency: 'USD', country: 'US', region: 'US-NY' } },
    });
    expect(newYork.data).toMatchObject({ taxMode: 'exclusive', region: 'US-NY' });
    expect(newYork.data?.items.map((i) => [i.sku, i.effective, i.tax, i.total])).toEqual([
      [small, 3_200, 284, 3_484],
      [medium, 4_300, 382, 4_682], // 381.625 → 382
    ]);
  });

  it('answer 404 for an unknown product, 400 for a bad query and 422 where tax is not configured', async () => {
    const id = unique('no-such-product');
    const missing = await client().GET('/product-prices/{id}', {
      params: { path: { id }, query: { currency: 'EUR', country: 'DE' } },
    });
    expect(missing.response.status).toBe(404);
    for (const query of ['currency=XXX&country=DE', 'currency=EUR', 'currency=EUR&country=DE&segment=vip']) {
      const res = await api('GET', `/product-prices/${productId}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body).toMatchObject({ type: 'urn:commerce:problem:validation-error' });
    }
    const untaxed = await api('GET', `/product-prices/${productId}?currency=EUR&country=AQ`);
    expect(untaxed.status).toBe(422);
    expect(untaxed.body).toMatchObject({ type: 'urn:commerce:problem:tax-not-configured' });
  });
});

describe('the internal quote', () => {
  it('prices a German basket exactly: sale price, VAT contained per line and in shipping', async () => {
    const result = await invokeQuote({
      currency: 'EUR',
      lines: [
        { sku: small, quantity: 2 },
        { sku: medium, quantity: 1 },
      ],
      shippingAddress: { country: 'DE' },
      shipping: { method: 'dhl-parcel', amount: 495 },
    });
    expect(result).toMatchObject({
      currency: 'EUR',
      taxMode: 'inclusive',
      lines: [
        {
          sku: small,
          quantity: 2,
          unitOriginal: 2_999,
          unitEffective: 2_499,
          priceSource: 'sale',
          lineTotal: 4_998,
          tax: 798,
        },
        {
          sku: medium,
          quantity: 1,
          unitOriginal: 3_999,
          unitEffective: 3_999,
          priceSource: 'base',
          lineTotal: 3_999,
          tax: 638,
        },
      ],
      subtotal: 8_997,
      discountTotal: 0,
      shippingMethod: 'dhl-parcel',
      shipping: 495,
      shippingTax: 79,
      taxLines: [{ taxClass: 'standard', ratePpm: 190_000, base: 8_997 + 495 - 1_515, amount: 1_515 }],
      taxTotal: 1_515,
      grandTotal: 9_492,
    });
  });

  it('prices a New York basket for a segment with an order discount, tax added on top', async () => {
    const result = await invokeQuote({
      currency: 'USD',
      segments: [segment],
      lines: [
        { sku: small, quantity: 3 },
        { sku: medium, quantity: 2 },
      ],
      shippingAddress: { country: 'US', region: 'US-NY' },
      shipping: { method: 'ups-ground', amount: 1_000 },
      discounts: [{ code: 'WELCOME5', amount: 500 }],
      correlationId: unique('checkout'),
    });
    expect(result).toMatchObject({
      taxMode: 'exclusive',
      lines: [
        { unitEffective: 3_200, priceSource: 'base', discount: 279, lineTotal: 9_321, tax: 827 },
        {
          unitEffective: 3_800,
          priceSource: `segment:${segment}`,
          discount: 221,
          lineTotal: 7_379,
          tax: 655,
        },
      ],
      discounts: [{ code: 'WELCOME5', requested: 500, applied: 500 }],
      subtotal: 17_200,
      discountTotal: 500,
      shippingTax: 89,
      taxTotal: 1_571,
      grandTotal: 19_271,
    });
  });

  it('answers bad input with a typed error result, not a function error', async () => {
    const basket = {
      currency: 'EUR',
      lines: [{ sku: small, quantity: 1 }],
      shippingAddress: { country: 'DE' },
      shipping: null,
    };
    const refusals: [Record<string, unknown>, number, string][] = [
      [{ lines: [{ sku: small, quantity: 0 }] }, 400, 'validation-error'],
      [{ lines: [{ sku: small, quantity: 1_000 }] }, 400, 'validation-error'],
      [{ currency: 'XXX' }, 400, 'validation-error'],
      [{ lines: [{ sku: unique('unpriced'), quantity: 1 }] }, 422, 'price-not-found'],
      [{ currency: 'GBP' }, 422, 'price-not-found'],
      [{ shippingAddress: { country: 'AQ' } }, 422, 'tax-not-configured'],
    ];
    for (const [change, status, slug] of refusals) {
      const result = await invokeQuote({ ...basket, ...change });
      expect(result, JSON.stringify(change)).toMatchObject({
        error: { status, type: `urn:commerce:problem:${slug}` },
      });
      const { error } = result as { error: { title: unknown; detail: unknown } };
      expect([typeof error.title, typeof error.detail]).toEqual(['string', 'string']);
    }
    const invalid = await invokeQuote({ ...basket, lines: [{ sku: small, quantity: 0 }] });
    expect(invalid).toMatchObject({ error: { errors: [{ in: 'body', pointer: '/lines/0/quantity' }] } });
  });
});

describe('an archived product', () => {
  it('has no display prices once pricing has heard of product.archived', async () => {
    const archived = await staff.DELETE('/products/{id}', { params: { path: { id: productId } } });
    expect(archived.response.status).toBe(200);
    const status = await eventually(
      async () => {
        const res = await api('GET', `/product-prices/${productId}?currency=EUR&country=DE`);
        return res.status === 404 ? res.status : undefined;
      },
      45_000,
      'pricing to learn of product.archived',
    );
    expect(status).toBe(404);
  });
});
