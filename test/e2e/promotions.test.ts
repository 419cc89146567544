// Promotions on the local cloud: staff manage promotions through the API (validation, versions, unique
// codes, staff only), and the redemption ledger holds every limit under concurrency: 200 orders reserving
// against a limit of 20 give exactly 20 redemptions, a money budget is never exceeded by a single minor
// unit, one use per customer and per guest email; a cancelled unpaid order gives its redemption back once,
// a paid one commits it.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { OrderCancelled, OrderPaid } from '@commerce/events';
import { EMULATOR_ENDPOINT, REGION } from '@commerce/local-cloud';
import { randomInt, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGermanTax } from './shop.ts';
import {
  api,
  bearer,
  client,
  eventually,
  listenOnBus,
  productBody,
  publishEvent,
  signIn,
  signUp,
  stackOutput,
  unique,
} from './support.ts';

const lambda = new LambdaClient({
  endpoint: EMULATOR_ENDPOINT,
  region: REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

let staff: Record<string, string>;
let staffToken: string;

beforeAll(async () => {
  staffToken = await signIn(['staff']);
  staff = bearer(staffToken);
});

interface Redemption {
  orderId: string;
  promotionId: string;
  amount: number;
  status: string;
}
type Answer = { redemptions: Redemption[] } | { error: { status: number; type: string; detail: string } };

async function invoke<T>(name: 'Reserve' | 'Release' | 'Evaluate', payload: unknown): Promise<T> {
  const out = await lambda.send(
    new InvokeCommand({
      FunctionName: stackOutput((k) => k === `Promotions${name}FunctionName`),
      Payload: Buffer.from(JSON.stringify(payload)),
    }),
  );
  expect(out.FunctionError, Buffer.from(out.Payload ?? []).toString()).toBeUndefined();
  return JSON.parse(Buffer.from(out.Payload!).toString()) as T;
}

const reserve = (
  promotionId: string,
  amount: number,
  buyer: Record<string, string>,
  orderId = randomUUID(),
) => invoke<Answer>('Reserve', { orderId, buyer, redemptions: [{ promotionId, amount, currency: 'EUR' }] });

/** No basket of another test is in this segment: these promotions can never discount another file's order. */
const ONLY_HERE = [{ kind: 'segment', segments: ['promotions-e2e-nobody'] }];

const tenPercent = (overrides: Record<string, unknown> = {}) => ({
  name: 'Ten percent off',
  status: 'active',
  priority: 10,
  trigger: 'automatic',
  combination: { mode: 'combinable', with: ['shipping'] },
  conditions: ONLY_HERE,
  action: { kind: 'order-off', reduction: { kind: 'percentage', basisPoints: 1000 } },
  ...overrides,
});

async function createPromotion(body: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const created = await api('POST', '/promotions', body, staff);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; version: number };
}

const orderRef = (orderId: string) => ({
  orderId,
  number: `CM-2026-${String(randomInt(100_000, 999_999))}`,
  customerId: null,
  currency: 'EUR',
  contact: { email: `promo-${orderId.slice(0, 8)}@example.com`, name: 'Erika Mustermann', smsUpdates: false },
});

describe('promotions, managed by staff', () => {
  it('are created, read, listed and replaced at their version; codes are unique case-insensitively', async () => {
    const code = `WELCOME${randomUUID().slice(0, 6).toUpperCase()}`;
    const promotion = await createPromotion(tenPercent({ trigger: 'code', codes: [code] }));
    expect(promotion).toMatchObject({ version: 1, codes: [code], conditions: ONLY_HERE, limits: {} });
    const read = await api('GET', `/promotions/${promotion.id}`, undefined, staff);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    const listed = await api('GET', '/promotions?limit=100', undefined, staff);
    expect((listed.body.items as { id: string }[]).some((p) => p.id === promotion.id)).toBe(true);

    const taken = await api(
      'POST',
      '/promotions',
      tenPercent({ trigger: 'code', codes: [code.toLowerCase()] }),
      staff,
    );
    expect(taken.status).toBe(409);
    expect(taken.body.type).toMatch(/promotion-code-taken$/);

    const replaced = await api(
      'PUT',
      `/promotions/${promotion.id}`,
      { ...tenPercent({ name: 'Renamed' }), version: 1 },
      staff,
    );
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body).toMatchObject({ name: 'Renamed', version: 2, codes: [] });
    const stale = await api('PUT', `/promotions/${promotion.id}`, { ...tenPercent(), version: 1 }, staff);
    expect(stale.status).toBe(409);
    // The code was freed by the replacement: another promotion may take it.
    expect(
      (await api('POST', '/promotions', tenPercent({ trigger: 'code', codes: [code] }), staff)).status,
    ).toBe(201);
  });

  it('refuse bad input with field detail and change nothing; customers may not manage them', async () => {
    const bad = await api(
      'POST',
      '/promotions',
      tenPercent({ priority: -1, action: { kind: 'order-off' } }),
      staff,
    );
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { pointer: string }[]).map((e) => e.pointer)).toEqual(
      expect.arrayContaining(['/priority']),
    );
    const backwards = await api(
      'POST',
      '/promotions',
      tenPercent({ startsAt: '2026-12-10T00:00:00.000Z', endsAt: '2026-12-01T00:00:00.000Z' }),
      staff,
    );
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ pointer: '/endsAt' })]);
    const customer = await signUp();
    expect((await api('POST', '/promotions', tenPercent(), bearer(customer.token))).status).toBe(403);
    expect((await api('GET', '/promotions/pr_nothing', undefined, staff)).status).toBe(404);
  });
});

describe('the redemption ledger', () => {
  it('gives exactly 20 redemptions to 200 concurrent orders against a limit of 20', async () => {
    const promotion = await createPromotion(tenPercent({ limits: { redemptions: 20 } }));
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => reserve(promotion.id, 100, { email: `racer-${i}@example.com` })),
    );
    const reserved = answers.filter((a) => 'redemptions' in a);
    const refused = answers.filter((a) => 'error' in a);
    expect(reserved).toHaveLength(20);
    expect(refused).toHaveLength(180);
    const usage = await api('GET', `/promotions/${promotion.id}/usage`, undefined, staff);
    expect(usage.body).toEqual({ redemptions: 20, budgetUsed: 2000, redemptionsLeft: 0 });
    for (const answer of refused) {
      expect('error' in answer && answer.error.status).toBe(409);
      expect('error' in answer && answer.error.type).toMatch(/promotion-limit-reached$/);
    }
  });

  it('never exceeds a money budget by a single minor unit', async () => {
    const promotion = await createPromotion(
      tenPercent({ limits: { budget: { currency: 'EUR', amount: 1000 } } }),
    );
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => reserve(promotion.id, 37, { email: `budget-${i}@example.com` })),
    );
    const given = answers.filter((a) => 'redemptions' in a).length * 37;
    // 27 × 37 = 999 fits in 1000; a 28th would be 1036.
    expect(given).toBe(999);
    const usage = await api('GET', `/promotions/${promotion.id}/usage`, undefined, staff);
    expect(usage.body).toEqual({ redemptions: 27, budgetUsed: 999, budgetLeft: 1 });
  });

  it('counts one use per customer, and a guest by their email whatever its case', async () => {
    const promotion = await createPromotion(tenPercent({ limits: { perCustomer: 1 } }));
    const email = `Once-${randomUUID().slice(0, 6)}@Example.com`;
    expect(await reserve(promotion.id, 100, { email })).toHaveProperty('redemptions');
    const again = await reserve(promotion.id, 100, { email: email.toLowerCase() });
    expect('error' in again && again.error.detail).toMatch(/per-customer/);
    const customerId = randomUUID();
    expect(await reserve(promotion.id, 100, { customerId })).toHaveProperty('redemptions');
    expect(await reserve(promotion.id, 100, { customerId })).toHaveProperty('error');
  });

  it('answers a retried reservation of the same order with its redemption, counted once', async () => {
    const promotion = await createPromotion(tenPercent({ limits: { redemptions: 1 } }));
    const orderId = randomUUID();
    const first = await reserve(promotion.id, 100, { email: 'retry@example.com' }, orderId);
    const again = await reserve(promotion.id, 100, { email: 'retry@example.com' }, orderId);
    expect(again).toEqual(first);
    expect(await reserve(promotion.id, 100, { email: 'other@example.com' })).toHaveProperty('error');
  });

  it('gives a cancelled unpaid order’s redemption back, once; a paid order’s is committed', async () => {
    const promotion = await createPromotion(tenPercent({ limits: { redemptions: 1 } }));
    const bus = await listenOnBus({
      source: ['commerce.promotions'],
      'detail-type': ['promotion.released', 'promotion.redeemed'],
    });
    try {
      const cancelled = randomUUID();
      expect(await reserve(promotion.id, 100, { email: 'cancel@example.com' }, cancelled)).toHaveProperty(
        'redemptions',
      );
      const data = {
        ...orderRef(cancelled),
        previousStatus: 'pending_payment',
        reason: 'payment_failed',
        paymentId: null,
        paymentStatus: 'failed',
        refundDue: 0,
        lines: [{ sku: 'PROMO-MUG', quantity: 1 }],
      };
      const eventId = await publishEvent(OrderCancelled, data);
      await publishEvent(OrderCancelled, data, { id: eventId });
      await bus.waitFor(
        (e) => e['detail-type'] === 'promotion.released' && e.detail.data['orderId'] === cancelled,
        'promotion.released',
      );
      // The one redemption is free again: another order takes it.
      const paid = randomUUID();
      const taken = await eventually(
        async () => {
          const answer = await reserve(promotion.id, 100, { email: 'paid@example.com' }, paid);
          return 'redemptions' in answer ? answer : undefined;
        },
        20_000,
        'the released redemption to be free again',
      );
      expect(taken.redemptions[0]).toMatchObject({ status: 'reserved' });
      await publishEvent(OrderPaid, {
        ...orderRef(paid),
        paymentId: randomUUID(),
        capturedAmount: 900,
        lines: [{ sku: 'PROMO-MUG', quantity: 1 }],
        shipTo: {
          name: 'Erika Mustermann',
          line1: 'Marienplatz 1',
          city: 'München',
          postalCode: '80331',
          country: 'DE',
        },
        shippingMethod: 'dhl-standard',
        totalWeightGrams: 380,
      });
      await bus.waitFor(
        (e) => e['detail-type'] === 'promotion.redeemed' && e.detail.data['orderId'] === paid,
        'promotion.redeemed',
      );
      await bus.drain(2_000);
      const released = bus
        .seen()
        .filter((e) => e['detail-type'] === 'promotion.released' && e.detail.data['orderId'] === cancelled);
      expect(released).toHaveLength(1);
      // A committed redemption is not released by checkout giving up.
      expect(await invoke('Release', { orderId: paid })).toEqual({ released: 0 });
    } finally {
      await bus.close();
    }
  });
});

interface Evaluation {
  applied: { promotionId: string; amount: number; lines: number[]; code?: string }[];
  verdicts: (
    | { applied: true; promotionId: string }
    | { applied: false; promotionId: string; reason: Record<string, unknown> }
  )[];
  lineDiscounts: number[];
  unknownCodes: string[];
}

describe('evaluate (what pricing will ask)', () => {
  it('matches a category with its descendants, takes a code in any case and explains the others', async () => {
    const parent = await api(
      'POST',
      '/categories',
      { name: 'Promo apparel', slug: unique('promo-apparel') },
      staff,
    );
    const child = await api(
      'POST',
      '/categories',
      { name: 'Promo tees', slug: unique('promo-tees'), parentId: parent.body.id },
      staff,
    );
    const product = productBody({ categoryIds: [child.body.id] });
    expect((await api('POST', '/products', product, staff)).status).toBe(201);
    const sku = (product.variants as { sku: string }[])[0]!.sku;
    const mine = [{ kind: 'quantity-at-least', quantity: 1, target: { skus: [sku] } }];

    const apparel = await createPromotion(
      tenPercent({
        priority: 30,
        conditions: mine,
        combination: { mode: 'combinable', with: ['order'] },
        action: {
          kind: 'items-off',
          target: { categoryIds: [parent.body.id] },
          reduction: { kind: 'percentage', basisPoints: 1000 },
        },
      }),
    );
    const code = `FIVE${randomUUID().slice(0, 6).toUpperCase()}`;
    const five = await createPromotion(
      tenPercent({
        priority: 20,
        trigger: 'code',
        codes: [code],
        conditions: mine,
        combination: { mode: 'combinable', with: ['item'] },
        action: { kind: 'order-off', reduction: { kind: 'fixed', amounts: { EUR: 500 } } },
      }),
    );
    const alone = await createPromotion(
      tenPercent({ priority: 10, conditions: mine, combination: { mode: 'exclusive' } }),
    );
    const bigSpender = await createPromotion(
      tenPercent({
        priority: 5,
        conditions: [...mine, { kind: 'subtotal-at-least', amounts: { EUR: 100_000 } }],
      }),
    );

    const ask = () =>
      invoke<Evaluation>('Evaluate', {
        currency: 'EUR',
        lines: [
          { sku, quantity: 2, unitPrice: 2500 },
          { sku: unique('NOT-IN-CATEGORY'), quantity: 1, unitPrice: 1000 },
        ],
        shipping: { method: 'standard', amount: 490 },
        shippingCountry: 'DE',
        buyer: { signedIn: false, email: 'shopper@example.com', segments: [], firstOrder: true },
        codes: [code.toLowerCase(), 'NO-SUCH-CODE'],
      });
    // Promotions learns the product's categories from product.created.
    const answer = await eventually(
      async () => {
        const a = await ask();
        return a.applied.some((p) => p.promotionId === apparel.id) ? a : undefined;
      },
      30_000,
      'the category promotion to find the new product',
    );

    expect(answer.applied.map((a) => a.promotionId)).toEqual([apparel.id, five.id]);
    // 10 % of the tees (5000) is 500; then 5.00 off what is left (4500 + 1000) by largest remainder:
    // 409.09 and 90.91 round down to 409 + 90, and the unit left goes to the larger remainder (90.91).
    expect(answer.applied[1]).toMatchObject({ amount: 500, lines: [409, 91], code });
    expect(answer.lineDiscounts).toEqual([909, 91]);
    expect(answer.unknownCodes).toEqual(['NO-SUCH-CODE']);
    const reason = (id: string) => {
      const v = answer.verdicts.find((x) => x.promotionId === id);
      return v && !v.applied ? v.reason : undefined;
    };
    expect(reason(alone.id)).toEqual({ code: 'excluded', by: apparel.id, rule: 'exclusive' });
    expect(reason(bigSpender.id)).toMatchObject({
      code: 'condition-failed',
      condition: 'subtotal-at-least',
      index: 1,
    });

    // Pricing's quote asks promotions and takes their amounts off before tax.
    await ensureGermanTax(client(staffToken));
    const priced = await api(
      'PUT',
      `/prices/${sku}`,
      { version: 0, prices: { EUR: { amount: 2500, sales: [] } } },
      staff,
    );
    expect(priced.status).toBe(200);
    const quote = await lambda.send(
      new InvokeCommand({
        FunctionName: stackOutput((k) => k === 'PricingQuoteFunctionName'),
        Payload: Buffer.from(
          JSON.stringify({
            currency: 'EUR',
            lines: [{ sku, quantity: 2 }],
            shippingAddress: { country: 'DE' },
            shipping: null,
            promotions: { codes: [code.toLowerCase()], buyer: { signedIn: false, firstOrder: true } },
          }),
        ),
      }),
    );
    const text = Buffer.from(quote.Payload!).toString();
    const quoted = JSON.parse(text) as {
      lines: { discount: number; lineTotal: number }[];
      promotions: Evaluation;
    };
    // 10 % of 5000, then 5.00 off the order: 1000 off the one line.
    expect(quoted.lines?.[0], text).toMatchObject({ discount: 1000, lineTotal: 4000 });
    expect(quoted.promotions.applied.map((a) => a.promotionId)).toEqual([apparel.id, five.id]);
  });
});
