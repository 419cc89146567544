// Seeds a demo shop through the API, as its staff would: the catalog (categories, products with variants),
// then what makes it sell (demo-shop.ts): prices in two currencies, tax for two countries, two warehouses
// with stock, shipping zones and methods. Idempotent: whatever already exists (same slug, handle, id, a
// price or a stock level already set) is left alone, so a second `npm start` adds nothing.
import { DEMO_METHODS, DEMO_PRICES, DEMO_TAX, DEMO_WAREHOUSES, DEMO_ZONES } from './demo-shop.ts';

interface DemoCategory {
  slug: string;
  name: string;
  parent?: string;
}

interface DemoProduct {
  handle: string;
  title: string;
  description: string;
  category: string;
  attributes: Record<string, string>;
  sizes?: string[];
  weightGrams: number;
}

const categories: DemoCategory[] = [
  { slug: 'apparel', name: 'Apparel' },
  { slug: 't-shirts', name: 'T-shirts', parent: 'apparel' },
  { slug: 'hoodies', name: 'Hoodies', parent: 'apparel' },
  { slug: 'home', name: 'Home' },
  { slug: 'mugs', name: 'Mugs', parent: 'home' },
];

const products: DemoProduct[] = [
  {
    handle: 'organic-cotton-tee',
    title: 'Organic cotton tee',
    description: 'A heavyweight tee in organic cotton.',
    category: 't-shirts',
    attributes: { material: 'organic cotton', fit: 'regular' },
    sizes: ['S', 'M', 'L', 'XL'],
    weightGrams: 200,
  },
  {
    handle: 'striped-breton-tee',
    title: 'Striped Breton tee',
    description: 'Navy and white stripes, long sleeves.',
    category: 't-shirts',
    attributes: { material: 'cotton' },
    sizes: ['S', 'M', 'L'],
    weightGrams: 220,
  },
  {
    handle: 'zip-hoodie',
    title: 'Zip hoodie',
    description: 'Brushed fleece, full zip.',
    category: 'hoodies',
    attributes: { material: 'cotton fleece' },
    sizes: ['M', 'L', 'XL'],
    weightGrams: 600,
  },
  {
    handle: 'stoneware-mug',
    title: 'Stoneware mug',
    description: 'Hand-glazed, 350 ml.',
    category: 'mugs',
    attributes: { capacity: '350 ml', dishwasher: 'yes' },
    weightGrams: 380,
  },
];

function variantsOf(p: DemoProduct) {
  const sku = p.handle.toUpperCase();
  return p.sizes
    ? p.sizes.map((size) => ({
        sku: `${sku}-${size}`,
        title: size,
        optionValues: { size },
        weightGrams: p.weightGrams,
      }))
    : [{ sku, title: p.title, optionValues: {}, weightGrams: p.weightGrams }];
}

/** Every SKU the demo catalog sells. */
export const DEMO_SKUS: readonly string[] = products.flatMap((p) => variantsOf(p).map((v) => v.sku));

interface CategoryNode {
  id: string;
  slug: string;
  children: CategoryNode[];
}

async function call(
  method: string,
  url: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

/**
 * Whether the published product with this handle exists: 200 yes, 404 no; anything else (a throttled or
 * failed request) is asked again a few times before the seed stops with it, never taken for "missing".
 */
async function productExists(api: string, handle: string): Promise<boolean> {
  let last = { status: 0, json: undefined as unknown };
  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    last = await call('GET', `${api}/products/by-handle/${handle}`);
    if (last.status === 200) return true;
    if (last.status === 404) return false;
  }
  throw new Error(
    `Seeding: GET /products/by-handle/${handle} answered ${last.status} ${JSON.stringify(last.json)}`,
  );
}

async function existingCategories(api: string): Promise<Map<string, string>> {
  const res = await call('GET', `${api}/categories`);
  if (res.status !== 200) throw new Error(`GET /categories answered ${res.status}`);
  const bySlug = new Map<string, string>();
  const walk = (nodes: CategoryNode[]) =>
    nodes.forEach((n) => {
      bySlug.set(n.slug, n.id);
      walk(n.children);
    });
  walk((res.json as { items: CategoryNode[] }).items);
  return bySlug;
}

/**
 * Seeds the demo shop through the API with a staff member's access token, as the admin console would;
 * answers how many things it created (0 when the shop was there already).
 */
export async function seedDemoShop(
  apiBaseUrl: string,
  staffToken: string,
  log: (line: string) => void = console.log,
): Promise<number> {
  const api = apiBaseUrl.replace(/\/$/, '');
  const created = (await seedCatalog(api, staffToken)) + (await seedSelling(api, staffToken));
  log(
    created > 0
      ? `[local-cloud] seed: created ${created} things of the demo shop (catalog, prices, tax, stock, shipping)`
      : '[local-cloud] seed: demo shop already present',
  );
  return created;
}

/** Staff's write that must succeed, or the seed stops with what the API said. */
async function must(what: string, res: Promise<{ status: number; json: unknown }>, ok: number[] = [200]) {
  const { status, json } = await res;
  if (!ok.includes(status)) throw new Error(`Seeding ${what}: ${status} ${JSON.stringify(json)}`);
  return json;
}

async function seedCatalog(api: string, staffToken: string): Promise<number> {
  const ids = await existingCategories(api);
  let created = 0;
  for (const c of categories) {
    if (ids.has(c.slug)) continue;
    const parentId = c.parent ? ids.get(c.parent) : null;
    const body = { name: c.name, slug: c.slug, parentId };
    const category = await must(
      `category ${c.slug}`,
      call('POST', `${api}/categories`, body, staffToken),
      [201],
    );
    ids.set(c.slug, (category as { id: string }).id);
    created++;
  }
  for (const p of products) {
    if (await productExists(api, p.handle)) continue;
    const body = {
      handle: p.handle,
      title: p.title,
      description: p.description,
      status: 'published',
      categoryIds: [ids.get(p.category)],
      attributes: p.attributes,
      options: p.sizes ? [{ name: 'size', values: p.sizes }] : [],
      variants: variantsOf(p),
    };
    const answer = await call('POST', `${api}/products`, body, staffToken);
    // 409 handle-taken: a seed running at the same time created it (the handle is the product's identity here).
    if (
      answer.status === 409 &&
      (answer.json as { type?: string } | undefined)?.type?.endsWith(':handle-taken')
    ) {
      continue;
    }
    await must(`product ${p.handle}`, Promise.resolve(answer), [201]);
    created++;
  }
  return created;
}

/** Tax, shipping, warehouses, prices and stock: each only where it is missing. */
async function seedSelling(api: string, token: string): Promise<number> {
  let created = 0;
  const taxes = (await must('tax rules', call('GET', `${api}/tax-rules`, undefined, token))) as {
    version: number;
    rules: { country: string }[];
    modes: { country: string }[];
  };
  // A country the table already has a display mode for is the shop's own: left as it is.
  const missing = new Set(
    DEMO_TAX.modes.map((m) => m.country).filter((c) => !taxes.modes.some((m) => m.country === c)),
  );
  if (missing.size > 0) {
    const body = {
      version: taxes.version,
      rules: [
        ...taxes.rules.filter((r) => !missing.has(r.country)),
        ...DEMO_TAX.rules.filter((r) => missing.has(r.country)),
      ],
      modes: [...taxes.modes, ...DEMO_TAX.modes.filter((m) => missing.has(m.country))],
    };
    await must('tax rules', call('PUT', `${api}/tax-rules`, body, token));
    created++;
  }
  created += await putMissing(api, token, '/shipping/zones', DEMO_ZONES);
  created += await putMissing(api, token, '/shipping/methods', DEMO_METHODS);
  const warehouses = (await must('warehouses', call('GET', `${api}/warehouses`, undefined, token))) as {
    items: { id: string }[];
  };
  for (const { id, name, country } of DEMO_WAREHOUSES) {
    if (warehouses.items.some((w) => w.id === id)) continue;
    await must(`warehouse ${id}`, call('PUT', `${api}/warehouses/${id}`, { name, country }, token));
    created++;
  }
  for (const p of products) {
    const amounts = DEMO_PRICES[p.handle];
    for (const { sku } of variantsOf(p)) {
      const price = await call('GET', `${api}/prices/${sku}`, undefined, token);
      if (price.status === 404 && amounts) {
        const prices = { EUR: { amount: amounts.EUR, sales: [] }, USD: { amount: amounts.USD, sales: [] } };
        await must(`prices of ${sku}`, call('PUT', `${api}/prices/${sku}`, { version: 0, prices }, token));
        created++;
      }
      const stock = await call('GET', `${api}/stock/${sku}`, undefined, token);
      const levels = stock.status === 200 ? (stock.json as { levels: { warehouseId: string }[] }).levels : [];
      for (const w of DEMO_WAREHOUSES) {
        if (levels.some((l) => l.warehouseId === w.id)) continue;
        const adjustment = { warehouseId: w.id, delta: w.units, reason: 'received' };
        await must(
          `stock of ${sku}`,
          call('POST', `${api}/stock/${sku}/adjustments`, adjustment, token),
          [201],
        );
        created++;
      }
    }
  }
  return created;
}

/** PUTs each entry of `table` under `path` that the listing does not hold yet (version 0: created). */
async function putMissing(api: string, token: string, path: string, table: Record<string, object>) {
  const listed = (await must(path, call('GET', `${api}${path}`, undefined, token))) as {
    items: { id: string }[];
  };
  let created = 0;
  for (const [id, body] of Object.entries(table)) {
    if (listed.items.some((item) => item.id === id)) continue;
    await must(`${path}/${id}`, call('PUT', `${api}${path}/${id}`, { ...body, version: 0 }, token));
    created++;
  }
  return created;
}
