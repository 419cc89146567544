// Single-use codes on the local cloud: staff generate a batch of 2,500 codes of a code promotion in the
// background and export it page by page as CSV (2,500 distinct codes); one code applies through `evaluate`
// in any case; of 20 orders reserving the same code at once exactly one holds it (the others: 409
// promotion-code-used, and `evaluate` says code-used); released, the code is free for another order.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { EMULATOR_ENDPOINT, REGION } from '@commerce/local-cloud';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, bearer, eventually, signIn, stackOutput } from './support.ts';

const lambda = new LambdaClient({
  endpoint: EMULATOR_ENDPOINT,
  region: REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

let staff: Record<string, string>;

beforeAll(async () => {
  staff = bearer(await signIn(['staff']));
});

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

type Reserved =
  | { redemptions: { orderId: string; code?: string; status: string }[] }
  | { error: { status: number; type: string } };

const reserve = (promotionId: string, code: string, orderId = randomUUID()) =>
  invoke<Reserved>('Reserve', {
    orderId,
    buyer: { email: `codes-${orderId.slice(0, 8)}@example.com` },
    redemptions: [{ promotionId, amount: 500, currency: 'EUR', code }],
  });

interface Evaluation {
  applied: { promotionId: string; code?: string }[];
  verdicts: { applied: boolean; promotionId: string; reason?: { code: string } }[];
}

/** No basket of another test is in this segment, and a code promotion needs its code entered besides. */
const SEGMENT = 'promotion-codes-e2e-nobody';

const evaluateWith = (code: string) =>
  invoke<Evaluation>('Evaluate', {
    currency: 'EUR',
    lines: [{ sku: `CODES-${randomUUID().slice(0, 8)}`, quantity: 1, unitPrice: 5000 }],
    shipping: null,
    buyer: { signedIn: false, segments: [SEGMENT], firstOrder: true },
    codes: [code],
  });

const fiveOff = (trigger: 'code' | 'automatic') => ({
  name: 'Five off, single-use codes',
  status: 'active',
  priority: 10,
  trigger,
  combination: { mode: 'combinable', with: ['item', 'order', 'shipping'] },
  conditions: [{ kind: 'segment', segments: [SEGMENT] }],
  action: { kind: 'order-off', reduction: { kind: 'fixed', amounts: { EUR: 500 } } },
});

async function createPromotion(trigger: 'code' | 'automatic'): Promise<string> {
  const created = await api('POST', '/promotions', fiveOff(trigger), staff);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body['id'] as string;
}

interface Batch {
  id: string;
  count: number;
  generated: number;
  status: string;
}

/** Every page of the batch's export, `limit` codes a page: the CSV lines without their headers. */
async function exportAll(promotionId: string, batchId: string, limit: number): Promise<string[][]> {
  const rows: string[][] = [];
  let cursor: string | null = null;
  do {
    const page = await api(
      'GET',
      `/promotions/${promotionId}/code-batches/${batchId}/codes?limit=${limit}` +
        (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''),
      undefined,
      staff,
    );
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    const [header, ...lines] = (page.body['csv'] as string).trimEnd().split('\n');
    expect(header).toBe('code,status,orderId');
    rows.push(...lines.filter(Boolean).map((l) => l.split(',')));
    cursor = page.body['nextCursor'] as string | null;
  } while (cursor);
  return rows;
}

describe('single-use codes', () => {
  it('are refused for an automatic promotion, a bad count and an unknown promotion', async () => {
    const automatic = await createPromotion('automatic');
    const refused = await api('POST', `/promotions/${automatic}/code-batches`, { count: 10 }, staff);
    expect(refused.status).toBe(422);
    expect(refused.body['type']).toMatch(/rule-violation$/);
    const coded = await createPromotion('code');
    for (const body of [
      { count: 0 },
      { count: 1_000_001 },
      { count: 5, prefix: 'lower' },
      { count: 5, length: 7 },
    ]) {
      expect((await api('POST', `/promotions/${coded}/code-batches`, body, staff)).status).toBe(400);
    }
    expect((await api('POST', '/promotions/pr_nothing/code-batches', { count: 1 }, staff)).status).toBe(404);
  });

  it('are generated in the background, exported as CSV pages, evaluated and held by one order at a time', async () => {
    const promotionId = await createPromotion('code');
    const started = await api(
      'POST',
      `/promotions/${promotionId}/code-batches`,
      { count: 2_500, prefix: 'E2E' },
      staff,
    );
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const batch = started.body as unknown as Batch;
    expect(batch).toMatchObject({ count: 2_500, status: 'generating', prefix: 'E2E', length: 10 });
    expect(started.headers.get('location')).toBe(`/promotions/${promotionId}/code-batches/${batch.id}`);

    const done = await eventually(
      async () => {
        const read = await api(
          'GET',
          `/promotions/${promotionId}/code-batches/${batch.id}`,
          undefined,
          staff,
        );
        expect(read.body['status']).not.toBe('failed');
        return read.body['status'] === 'done' ? (read.body as unknown as Batch) : undefined;
      },
      120_000,
      'the batch to be generated',
    );
    expect(done.generated).toBe(2_500);
    const listed = await api('GET', `/promotions/${promotionId}/code-batches`, undefined, staff);
    expect(listed.body.items?.map((b) => b['id'])).toEqual([batch.id]);

    // The export reads an index that follows the writes within moments.
    const rows = await eventually(
      async () => {
        const all = await exportAll(promotionId, batch.id, 1_000);
        return all.length === 2_500 ? all : undefined;
      },
      20_000,
      'all 2,500 codes in the export',
    );
    expect(new Set(rows.map(([code]) => code)).size).toBe(2_500);
    expect(rows.every(([code, status]) => /^E2E[A-HJ-NP-Z2-9]{10}$/.test(code!) && status === 'unused')).toBe(
      true,
    );

    const code = rows[1_234]![0]!;
    const evaluated = await evaluateWith(code.toLowerCase());
    expect(evaluated.applied).toContainEqual(expect.objectContaining({ promotionId, code }));

    // 20 orders take the same code at once: exactly one holds it.
    const answers = await Promise.all(Array.from({ length: 20 }, () => reserve(promotionId, code)));
    const held = answers.filter((a) => 'redemptions' in a);
    expect(held).toHaveLength(1);
    for (const answer of answers.filter((a) => 'error' in a)) {
      expect('error' in answer && answer.error.status).toBe(409);
      expect('error' in answer && answer.error.type).toMatch(/promotion-code-used$/);
    }
    const winner = 'redemptions' in held[0]! ? held[0].redemptions[0]!.orderId : '';
    // Evaluation reads the code, and the export its index, as they stand within moments.
    await eventually(
      async () => {
        const verdict = (await evaluateWith(code)).verdicts.find((v) => v.promotionId === promotionId);
        return verdict?.reason?.code === 'code-used' ? verdict : undefined;
      },
      10_000,
      'evaluate to say code-used',
    );
    const exported = await eventually(
      async () => {
        const line = (await exportAll(promotionId, batch.id, 10_000)).find(([c]) => c === code);
        return line?.[1] === 'used' ? line : undefined;
      },
      10_000,
      'the export to show the code used',
    );
    expect(exported).toEqual([code, 'used', winner]);

    // Given back when checkout gives up on that order, the code is free for the next one.
    expect(await invoke('Release', { orderId: winner })).toEqual({ released: 1 });
    const next = await reserve(promotionId, code.toLowerCase());
    expect(next).toHaveProperty('redemptions');
    expect(await reserve(promotionId, code)).toMatchObject({ error: { status: 409 } });
  }, 240_000);
});
