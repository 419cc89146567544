// The search service end to end on the local cloud: products reach the index through the bus within seconds
// (created, repriced, sold out, archived), typos and synonyms find them, facets stay disjunctive, rules pin
// and hide, a reindex never answers partial results, and late or repeated events leave the right document.
import { ProductUpdated } from '@commerce/events';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { newWarehouse } from './shop.ts';
import { api, bearer, eventually, publishEvent, signIn, signUp, unique } from './support.ts';

type Hit = {
  id: string;
  title: string;
  price?: { amount: number };
  availability: string;
  highlights?: { title?: { text: string; match: boolean }[] };
};
type Answer = {
  items: Hit[];
  total: number;
  facets: { attributes: { name: string; values: { value: string; count: number; selected: boolean }[] }[] };
};

/** A made-up word no other test's product contains: letters only, so the analyzers keep it whole. */
const word = (): string =>
  `zq${randomUUID()
    .replace(/-/g, '')
    .slice(0, 8)
    .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;

let staff: Record<string, string>;
let admin: Record<string, string>;
let warehouseId: string;

async function search(query: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await api(
    'GET',
    `/search?${new URLSearchParams({ currency: 'EUR', ...query }).toString()}`,
    undefined,
    headers,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as unknown as Answer;
}

/** Waits until the search for `q` answers what `accept` accepts. */
function searchUntil(query: Record<string, string>, accept: (a: Answer) => boolean, what: string) {
  return eventually(
    async () => {
      const answer = await search(query);
      return accept(answer) ? answer : undefined;
    },
    20_000,
    what,
  );
}

async function createProduct(spec: {
  title: string;
  attributes?: Record<string, string>;
  price: number;
  units: number;
}): Promise<{ id: string; sku: string; version: number; body: Record<string, unknown> }> {
  const handle = unique('found');
  const sku = `${handle}-one`;
  const body = {
    handle,
    title: spec.title,
    description: `${spec.title}: a product made for the search tests.`,
    status: 'published',
    categoryIds: [],
    attributes: spec.attributes ?? {},
    options: [],
    variants: [{ sku, title: 'One size', optionValues: {} }],
    media: [],
  };
  const created = await api('POST', '/products', body, staff);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const priced = await api(
    'PUT',
    `/prices/${sku}`,
    { version: 0, prices: { EUR: { amount: spec.price, sales: [] } } },
    staff,
  );
  expect(priced.status).toBe(200);
  if (spec.units > 0) {
    const stocked = await api(
      'POST',
      `/stock/${sku}/adjustments`,
      { warehouseId, delta: spec.units, reason: 'received' },
      staff,
    );
    expect(stocked.status).toBe(201);
  }
  return { id: created.body.id as string, sku, version: created.body.version as number, body: created.body };
}

beforeAll(async () => {
  const [staffToken, adminToken] = await Promise.all([signIn(['staff']), signIn(['admin'])]);
  staff = bearer(staffToken);
  admin = bearer(adminToken);
  const { client } = await import('./support.ts');
  warehouseId = await newWarehouse(client(staffToken), unique('search-wh'), 'DE');
});

describe('search', () => {
  it('finds a new product within seconds, by a typo too, then reflects its new price, its sell-out and its archiving', async () => {
    const name = word();
    const product = await createProduct({ title: `Merino ${name} sweater`, price: 4_900, units: 1 });

    const found = await searchUntil(
      { q: name },
      (a) =>
        a.items.some(
          (h) => h.id === product.id && h.price?.amount === 4_900 && h.availability !== 'out_of_stock',
        ),
      'the new product, priced and in stock',
    );
    expect(found.items[0]!.highlights?.title?.some((p) => p.match && p.text.toLowerCase() === name)).toBe(
      true,
    );

    // One letter wrong in the middle of the word.
    const typo = `${name.slice(0, 4)}${name[4] === 'a' ? 'b' : 'a'}${name.slice(5)}`;
    expect((await search({ q: typo })).items.map((h) => h.id)).toContain(product.id);

    const repriced = await api(
      'PUT',
      `/prices/${product.sku}`,
      { version: 1, prices: { EUR: { amount: 3_900, sales: [] } } },
      staff,
    );
    expect(repriced.status).toBe(200);
    await searchUntil(
      { q: name },
      (a) => a.items.some((h) => h.id === product.id && h.price?.amount === 3_900),
      'the new price',
    );

    const soldOut = await api(
      'POST',
      `/stock/${product.sku}/adjustments`,
      { warehouseId, delta: -1, reason: 'sold' },
      staff,
    );
    expect(soldOut.status).toBe(201);
    await searchUntil(
      { q: name },
      (a) => a.items.some((h) => h.id === product.id && h.availability === 'out_of_stock'),
      'out of stock',
    );
    expect((await search({ q: name, inStock: 'true' })).items.map((h) => h.id)).not.toContain(product.id);

    const archived = await api('DELETE', `/products/${product.id}`, undefined, staff);
    expect(archived.status).toBeLessThan(300);
    await searchUntil(
      { q: name },
      (a) => !a.items.some((h) => h.id === product.id),
      'the archived product gone',
    );
  });

  it('keeps facets disjunctive: choosing one colour still counts the others', async () => {
    const name = word();
    const red = await createProduct({
      title: `${name} scarf`,
      attributes: { Colour: 'Red' },
      price: 1_500,
      units: 3,
    });
    const blue = await createProduct({
      title: `${name} scarf`,
      attributes: { Colour: 'Blue' },
      price: 2_500,
      units: 3,
    });
    await searchUntil({ q: name }, (a) => a.total === 2, 'both scarves');

    const onlyRed = await search({ q: name, attributes: 'Colour:Red' });
    expect(onlyRed.items.map((h) => h.id)).toEqual([red.id]);
    const colours = onlyRed.facets.attributes.find((f) => f.name === 'Colour')!.values;
    expect(colours).toEqual([
      { value: 'Blue', count: 1, selected: false },
      { value: 'Red', count: 1, selected: true },
    ]);
    const cheapFirst = await search({ q: name, sort: 'price-asc' });
    expect(cheapFirst.items.map((h) => h.id)).toEqual([red.id, blue.id]);
    const dearFirst = await search({ q: name, sort: 'price-desc' });
    expect(dearFirst.items.map((h) => h.id)).toEqual([blue.id, red.id]);
    expect((await search({ q: name, minPrice: '2000' })).items.map((h) => h.id)).toEqual([blue.id]);
  });

  it('applies synonyms and merchandising rules without a reindex', async () => {
    const name = word();
    const other = word();
    const first = await createProduct({ title: `${name} gloves`, price: 1_000, units: 2 });
    const second = await createProduct({ title: `${name} mittens`, price: 1_100, units: 2 });
    await searchUntil({ q: name }, (a) => a.total === 2, 'both products');
    expect((await search({ q: other })).total).toBe(0);

    const current = await api('GET', '/search/synonyms', undefined, staff);
    const synonyms = [
      ...((current.body.synonyms as unknown[]) ?? []),
      { kind: 'equivalent', terms: [other, name] },
    ];
    const saved = await api('PUT', '/search/synonyms', { synonyms, version: current.body.version }, staff);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await searchUntil({ q: other }, (a) => a.total === 2, 'the synonym applied');

    const ruleId = unique('rule');
    const rule = await api(
      'PUT',
      `/search/rules/${ruleId}`,
      { query: name, pin: [second.id], hide: [first.id] },
      staff,
    );
    expect(rule.status, JSON.stringify(rule.body)).toBe(200);
    const shaped = await searchUntil({ q: name }, (a) => a.total === 1, 'the rule applied');
    expect(shaped.items.map((h) => h.id)).toEqual([second.id]);
    expect((await api('DELETE', `/search/rules/${ruleId}`, undefined, staff)).status).toBe(204);

    const zero = await api('GET', '/search/zero-results', undefined, staff);
    expect((zero.body.items as { query: string }[]).map((z) => z.query)).toContain(other);
  });

  it('completes titles as the shopper types and answers a segment customer at their price', async () => {
    const name = word();
    const product = await createProduct({ title: `${name} parka`, price: 20_000, units: 2 });
    await searchUntil({ q: name }, (a) => a.total === 1, 'the parka');
    const suggest = await api('GET', `/search/suggest?q=${name.slice(0, 6)}`);
    expect(suggest.status).toBe(200);
    const suggested = (suggest.body.items as { text: string; id: string }[]).find((s) => s.id === product.id);
    expect(suggested?.text).toBe(`${name} parka`);

    const shopper = await signUp();
    const me = await api('GET', '/me', undefined, bearer(shopper.token));
    const segment = `vip-${name.slice(2, 8)}`;
    const list = await api(
      'PUT',
      `/price-lists/${segment}`,
      { version: 0, priority: 10, entries: [{ sku: product.sku, currency: 'EUR', amount: 15_000 }] },
      staff,
    );
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const member = await api(
      'PUT',
      `/customers/${me.body.id as string}/segments`,
      { version: me.body.version, segments: [segment] },
      staff,
    );
    expect(member.status, JSON.stringify(member.body)).toBe(200);

    const theirs = await eventually(
      async () => {
        const res = await api(
          'GET',
          `/me/search?${new URLSearchParams({ q: name, currency: 'EUR' }).toString()}`,
          undefined,
          bearer(shopper.token),
        );
        const price = (res.body.items as Hit[] | undefined)?.[0]?.price;
        return price?.amount === 15_000 ? price : undefined;
      },
      20_000,
      "the segment customer's price",
    );
    expect(theirs).toEqual({ currency: 'EUR', amount: 15_000, listAmount: 20_000 });
    expect((await search({ q: name })).items[0]?.price).toEqual({ currency: 'EUR', amount: 20_000 });
    expect((await search({ q: name, maxPrice: '16000' })).total).toBe(0);
    expect((await api('GET', '/me/search?currency=EUR')).status).toBe(401);
  });

  it('refuses bad input with field-level problems and no 5xx', async () => {
    for (const query of [
      '',
      'currency=euro',
      'currency=EUR&minPrice=-1',
      'currency=EUR&sort=cheapest',
      'currency=EUR&limit=1000',
      'currency=EUR&attributes=Colour',
      'currency=EUR&inStock=yes',
      'currency=EUR&cursor=not-a-cursor',
    ]) {
      const res = await api('GET', `/search?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type'), query).toContain('application/problem+json');
    }
    expect(
      (
        await api(
          'PUT',
          '/search/synonyms',
          { synonyms: [{ kind: 'equivalent', terms: ['one'] }], version: 0 },
          staff,
        )
      ).status,
    ).toBe(400);
    expect((await api('PUT', '/search/rules/x', { pin: [] }, staff)).status).toBe(422);
    expect((await api('PUT', '/search/rules/x', { query: 'x', pin: ['not an id'] }, staff)).status).toBe(400);
    expect((await api('PUT', '/search/synonyms', { synonyms: [], version: 0 })).status).toBe(401);
    expect((await api('POST', '/search/reindex', undefined, staff)).status).toBe(403);
  });

  it('leaves the right document after duplicated and reordered product events', async () => {
    const name = word();
    const product = await createProduct({ title: `${name} beanie`, price: 900, units: 1 });
    await searchUntil({ q: name }, (a) => a.total === 1, 'the beanie');
    const snapshot = product.body as Record<string, unknown> & { version: number };
    const newer = { ...snapshot, title: `${name} woolly beanie`, version: snapshot.version + 2 };
    const older = { ...snapshot, title: `${name} stale beanie`, version: snapshot.version + 1 };
    const updated = { changedFields: ['title'] };
    await publishEvent(ProductUpdated, { product: newer, ...updated });
    await publishEvent(ProductUpdated, { product: newer, ...updated });
    await searchUntil({ q: name }, (a) => a.items[0]?.title === `${name} woolly beanie`, 'the newer title');
    await publishEvent(ProductUpdated, { product: older, ...updated });
    // The older version was delivered after the newer one: give it time to be (not) applied.
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await search({ q: name })).items[0]?.title).toBe(`${name} woolly beanie`);
  });

  it('reindexes from the services without ever answering partial results', async () => {
    const name = word();
    const count = 6;
    for (let i = 0; i < count; i++)
      await createProduct({ title: `${name} item ${i}`, price: 500 + i, units: 1 });
    await searchUntil({ q: name }, (a) => a.total === count, 'every product');

    const started = await api('POST', '/search/reindex', undefined, admin);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const again = await api('POST', '/search/reindex', undefined, admin);
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('urn:commerce:problem:reindex-running');
    const totals: number[] = [];
    const job = await eventually(
      async () => {
        totals.push((await search({ q: name })).total);
        const status = await api('GET', '/search/reindex', undefined, staff);
        return status.body.status === 'running' ? undefined : status.body;
      },
      120_000,
      'the reindex to finish',
    );
    expect(job.status, JSON.stringify(job)).toBe('completed');
    expect(job.documents).toBeGreaterThanOrEqual(count);
    expect(totals.length).toBeGreaterThan(1);
    expect(new Set(totals)).toEqual(new Set([count]));
    expect((await search({ q: name })).total).toBe(count);
  });
});
