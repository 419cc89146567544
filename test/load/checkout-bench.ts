// Part 3 of the bench: checkout through the local API gateway. Sets up a sellable SKU (product, price, tax,
// shipping, stock) as staff, then times POST /carts/{id}/checkout (sandbox approve) one shopper at a time
// (p50/p99, and the orders function's own DynamoDB calls from its Server-Timing header), and the
// throughput of `shoppers` guests checking out at once.
import { accessToken, ensureDemoUsers, identityOutputs, readDeployedOutputs } from '@commerce/local-cloud';
import { randomUUID } from 'node:crypto';
import { GERMAN_METHOD, GERMAN_ZONE, MUNICH_ADDRESS } from '../fixtures/germany.ts';
import { percentile } from './stats.ts';

const TIMEOUT_MS = 60_000;
const ADDRESS = { ...MUNICH_ADDRESS, name: 'Bench Shopper' };

interface Answer {
  status: number;
  json: unknown;
  ms: number;
  headers: Headers;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(new URL(path.replace(/^\//, ''), baseUrl), {
    method,
    signal: AbortSignal.timeout(TIMEOUT_MS),
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    json: text ? (JSON.parse(text) as unknown) : undefined,
    ms: performance.now() - started,
    headers: res.headers,
  };
}

export function must(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status)
    throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  return answer;
}

/** A published SKU with a price, German tax, a shipping method and `units` in stock. */
export async function sellableSku(baseUrl: string, units: number): Promise<string> {
  const ids = identityOutputs(readDeployedOutputs());
  const staff = (await ensureDemoUsers(ids)).staff;
  const token = await accessToken(ids.adminConsoleClientId, staff.email, staff.password);
  const auth = { authorization: `Bearer ${token}` };
  const handle = `bench-chk-${randomUUID().slice(0, 8)}`;
  const sku = `${handle}-one`;
  must(
    await call(
      baseUrl,
      'POST',
      '/products',
      {
        handle,
        title: 'Bench checkout tee',
        description: 'Created by npm run bench.',
        status: 'published',
        attributes: {},
        options: [],
        variants: [{ sku, title: 'One size', optionValues: {}, weightGrams: 200 }],
      },
      auth,
    ),
    201,
    'POST /products',
  );
  must(
    await call(
      baseUrl,
      'PUT',
      `/prices/${sku}`,
      { version: 0, prices: { EUR: { amount: 1999, sales: [] } } },
      auth,
    ),
    200,
    'PUT /prices',
  );
  const tax = (await call(baseUrl, 'GET', '/tax-rules', undefined, auth)).json as {
    version: number;
    rules: { country: string }[];
    modes: { country: string }[];
  };
  if (!tax.rules.some((r) => r.country === 'DE')) {
    must(
      await call(
        baseUrl,
        'PUT',
        '/tax-rules',
        {
          version: tax.version,
          rules: [...tax.rules, { country: 'DE', taxClass: 'standard', ratePpm: 190_000 }],
          modes: [...tax.modes.filter((m) => m.country !== 'DE'), { country: 'DE', mode: 'inclusive' }],
        },
        auth,
      ),
      200,
      'PUT /tax-rules',
    );
  }
  const zones = (await call(baseUrl, 'GET', '/shipping/zones', undefined, auth)).json as {
    items: { id: string }[];
  };
  if (!zones.items.some((z) => z.id === GERMAN_ZONE.id)) {
    const { id, ...zone } = GERMAN_ZONE;
    must(await call(baseUrl, 'PUT', `/shipping/zones/${id}`, { ...zone, version: 0 }, auth), 200, 'PUT zone');
  }
  const methods = (await call(baseUrl, 'GET', '/shipping/methods', undefined, auth)).json as {
    items: { id: string }[];
  };
  if (!methods.items.some((m) => m.id === GERMAN_METHOD.id)) {
    const { id, ...method } = GERMAN_METHOD;
    must(
      await call(baseUrl, 'PUT', `/shipping/methods/${id}`, { ...method, version: 0 }, auth),
      200,
      'PUT method',
    );
  }
  const warehouse = `bench-${randomUUID().slice(0, 8)}`;
  must(
    await call(baseUrl, 'PUT', `/warehouses/${warehouse}`, { name: 'Bench', country: 'DE' }, auth),
    200,
    'PUT warehouse',
  );
  must(
    await call(
      baseUrl,
      'POST',
      `/stock/${sku}/adjustments`,
      { warehouseId: warehouse, delta: units, reason: 'received' },
      auth,
    ),
    201,
    'POST adjustment',
  );
  // Orders learns the SKU from product.created.
  for (let i = 0; i < 60; i++) {
    const cart = (await call(baseUrl, 'POST', '/carts', { currency: 'EUR' })).json as {
      cart: { id: string };
      secret: string;
    };
    const added = await call(
      baseUrl,
      'POST',
      `/carts/${cart.cart.id}/lines`,
      { sku, quantity: 1 },
      { 'x-cart-secret': cart.secret },
    );
    if (added.status === 200) return sku;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`The orders service never learned ${sku}`);
}

/** One guest: a cart (with the promotion `codes`) made ready for checkout, then the checkout (timed alone). */
export async function guestCheckout(
  baseUrl: string,
  sku: string,
  codes: readonly string[] = [],
): Promise<{ ms: number; dynamodbCalls: number | null; discount: number }> {
  const created = must(await call(baseUrl, 'POST', '/carts', { currency: 'EUR' }), 201, 'POST /carts');
  const { cart, secret } = created.json as { cart: { id: string }; secret: string };
  const headers = { 'x-cart-secret': secret };
  for (const code of codes) {
    must(await call(baseUrl, 'POST', `/carts/${cart.id}/codes`, { code }, headers), 200, 'enter code');
  }
  must(
    await call(baseUrl, 'POST', `/carts/${cart.id}/lines`, { sku, quantity: 1 }, headers),
    200,
    'add line',
  );
  must(
    await call(
      baseUrl,
      'PATCH',
      `/carts/${cart.id}`,
      { email: 'bench@example.com', shippingAddress: ADDRESS, shippingMethod: GERMAN_METHOD.id },
      headers,
    ),
    200,
    'PATCH cart',
  );
  const answer = must(
    await call(
      baseUrl,
      'POST',
      `/carts/${cart.id}/checkout`,
      { payment: { token: 'tok_sandbox_approve' } },
      {
        ...headers,
        'idempotency-key': randomUUID(),
      },
    ),
    201,
    'checkout',
  );
  const timing = /dynamodb;desc="(\d+) calls"/.exec(answer.headers.get('server-timing') ?? '');
  const { order } = answer.json as { order: { totals: { discountTotal: number } } };
  return {
    ms: answer.ms,
    dynamodbCalls: timing ? Number(timing[1]) : null,
    discount: order.totals.discountTotal,
  };
}

export interface CheckoutBench {
  readonly sequential: { n: number; p50: number; p90: number; p99: number; dynamodbCalls: number | null };
  readonly concurrent: { shoppers: number; checkouts: number; seconds: number; perSecond: number };
}

export async function checkoutBench(
  baseUrl: string,
  options: { sequential: number; shoppers: number; perShopper: number },
  log: (line: string) => void,
): Promise<CheckoutBench> {
  const total = options.sequential + options.shoppers * options.perShopper + 5;
  const sku = await sellableSku(baseUrl, total);
  log(`checkout: SKU ${sku} with ${total} units; 3 warm-up + ${options.sequential} sequential checkouts`);
  for (let i = 0; i < 3; i++) await guestCheckout(baseUrl, sku);
  const samples: number[] = [];
  const calls: number[] = [];
  for (let i = 0; i < options.sequential; i++) {
    const { ms, dynamodbCalls } = await guestCheckout(baseUrl, sku);
    samples.push(ms);
    if (dynamodbCalls !== null) calls.push(dynamodbCalls);
  }
  log(`checkout: ${options.shoppers} shoppers × ${options.perShopper} checkouts at once`);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.shoppers }, async () => {
      for (let i = 0; i < options.perShopper; i++) await guestCheckout(baseUrl, sku);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const checkouts = options.shoppers * options.perShopper;
  return {
    sequential: {
      n: samples.length,
      p50: percentile(samples, 50),
      p90: percentile(samples, 90),
      p99: percentile(samples, 99),
      dynamodbCalls: calls.length ? percentile(calls, 50) : null,
    },
    concurrent: { shoppers: options.shoppers, checkouts, seconds, perSecond: checkouts / seconds },
  };
}
