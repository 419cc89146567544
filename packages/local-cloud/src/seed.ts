// Seeds a small demo catalog through the API, as a shop's staff would. Idempotent: categories and
// products that already exist (same slug or handle) are left alone, so a second `npm start` adds nothing.

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

/** Seeds through the API with a staff member's access token, as the admin console would. */
export async function seedDemoCatalog(
  apiBaseUrl: string,
  staffToken: string,
  log: (line: string) => void = console.log,
): Promise<void> {
  const api = apiBaseUrl.replace(/\/$/, '');
  const ids = await existingCategories(api);
  let created = 0;
  for (const c of categories) {
    if (ids.has(c.slug)) continue;
    const parentId = c.parent ? ids.get(c.parent) : null;
    const res = await call('POST', `${api}/categories`, { name: c.name, slug: c.slug, parentId }, staffToken);
    if (res.status !== 201)
      throw new Error(`Seeding category ${c.slug}: ${res.status} ${JSON.stringify(res.json)}`);
    ids.set(c.slug, (res.json as { id: string }).id);
    created++;
  }
  for (const p of products) {
    const existing = await call('GET', `${api}/products/by-handle/${p.handle}`);
    if (existing.status === 200) continue;
    const sku = p.handle.toUpperCase();
    const body = {
      handle: p.handle,
      title: p.title,
      description: p.description,
      status: 'published',
      categoryIds: [ids.get(p.category)],
      attributes: p.attributes,
      options: p.sizes ? [{ name: 'size', values: p.sizes }] : [],
      variants: p.sizes
        ? p.sizes.map((size) => ({
            sku: `${sku}-${size}`,
            title: size,
            optionValues: { size },
            weightGrams: p.weightGrams,
          }))
        : [{ sku, title: p.title, optionValues: {}, weightGrams: p.weightGrams }],
    };
    const res = await call('POST', `${api}/products`, body, staffToken);
    if (res.status !== 201)
      throw new Error(`Seeding product ${p.handle}: ${res.status} ${JSON.stringify(res.json)}`);
    created++;
  }
  log(
    created > 0
      ? `[local-cloud] seed: created ${created} demo categories and products`
      : '[local-cloud] seed: demo catalog already present',
  );
}
