// Generated single-use codes on in-memory ports: the generator's alphabet, length and uniqueness; a batch
// written in chunks to exactly `count` codes whoever writes it (a hand-over when time runs short, a lost
// answer retried, two runs at once, a code that exists already); the route's checks; the CSV export's
// pages; and a used code explained by the engine and the evaluator.
import { cursorCodec } from '@commerce/lambda-kit/pagination';
import { describe, expect, it } from 'vitest';
import { CodeBatches, HAND_OVER_MS } from '../../../functions/promotions/code-batches.ts';
import {
  CHUNK_SIZE,
  CODE_ALPHABET,
  freshCodes,
  randomCode,
  type ChunkOutcome,
  type CodeBatch,
  type CodeBatchStore,
  type CodeRow,
} from '../../../functions/promotions/domain/codes.ts';
import { evaluate } from '../../../functions/promotions/domain/engine.ts';
import type { PromotionRecord } from '../../../functions/promotions/domain/ports.ts';
import { Evaluator } from '../../../functions/promotions/evaluator.ts';
import { AT, basket, line, promotion } from './fixtures.ts';

const record = (overrides: Partial<PromotionRecord> = {}): PromotionRecord => ({
  ...promotion({ trigger: 'code' }),
  codes: [],
  createdAt: AT.toISOString(),
  updatedAt: AT.toISOString(),
  ...overrides,
});

interface StoredCode {
  readonly promotionId: string;
  readonly batchId?: string;
  readonly seq?: number;
  usedBy?: string;
}

/** The batches and the CODE items, with DynamoDB's conditions: a chunk holds only at `from`, a code once. */
class MemoryCodes implements CodeBatchStore {
  readonly batches = new Map<string, CodeBatch>();
  readonly codesByName = new Map<string, StoredCode>();
  /** Chunks written; the write numbered here commits and then "loses its answer" (throws). */
  written = 0;
  loseAnswerOf: number | undefined;

  create(batch: CodeBatch): Promise<void> {
    this.batches.set(batch.id, batch);
    return Promise.resolve();
  }

  get(_promotionId: string, batchId: string): Promise<CodeBatch | undefined> {
    return Promise.resolve(this.batches.get(batchId));
  }

  list(promotionId: string): Promise<CodeBatch[]> {
    return Promise.resolve([...this.batches.values()].filter((b) => b.promotionId === promotionId));
  }

  async writeChunk(after: CodeBatch, from: number, codes: readonly string[]): Promise<ChunkOutcome> {
    await Promise.resolve(); // another run may go first, as over the network
    if (this.batches.get(after.id)!.generated !== from) return 'stale';
    const collision = codes.findIndex((code) => this.codesByName.has(code));
    if (collision >= 0) return { collision };
    codes.forEach((code, i) =>
      this.codesByName.set(code, { promotionId: after.promotionId, batchId: after.id, seq: from + i }),
    );
    this.batches.set(after.id, after);
    if (++this.written === this.loseAnswerOf) throw new Error('The answer was lost');
    return 'written';
  }

  fail(batch: CodeBatch): Promise<void> {
    const now = this.batches.get(batch.id)!;
    if (now.status === 'generating') this.batches.set(batch.id, { ...now, status: 'failed' });
    return Promise.resolve();
  }

  codes(
    batchId: string,
    limit: number,
    start: Record<string, string | number> | undefined,
  ): Promise<{ items: CodeRow[]; lastKey?: Record<string, string | number> }> {
    const all = [...this.codesByName]
      .filter(([, c]) => c.batchId === batchId)
      .sort(([, a], [, b]) => a.seq! - b.seq!);
    const from = start ? Number(start['seq']) + 1 : 0;
    const page = all.slice(from, from + limit);
    const items = page.map(([code, c]) => ({ code, ...(c.usedBy ? { usedBy: c.usedBy } : {}) }));
    const more = from + limit < all.length;
    return Promise.resolve({ items, ...(more ? { lastKey: { seq: page.at(-1)![1].seq! } } : {}) });
  }

  /** The batch's codes in seq order. */
  of(batchId: string): string[] {
    return [...this.codesByName]
      .filter(([, c]) => c.batchId === batchId)
      .sort(([, a], [, b]) => a.seq! - b.seq!)
      .map(([code]) => code);
  }
}

function setup(promotions: PromotionRecord[] = [record()]) {
  const store = new MemoryCodes();
  const handedOver: string[] = [];
  let handOverFails = false;
  let clock = AT.getTime();
  const batches = new CodeBatches({
    promotion: (id) => {
      const found = promotions.find((p) => p.id === id);
      return found ? Promise.resolve(found) : Promise.reject(new Error(`no ${id}`));
    },
    store,
    handOver: (_promotionId, batchId) => {
      if (handOverFails) return Promise.reject(new Error('Lambda is down'));
      handedOver.push(batchId);
      return Promise.resolve();
    },
    clock: () => new Date(clock),
  });
  return {
    promotionId: promotions[0]!.id,
    store,
    batches,
    handedOver,
    failHandOver: () => (handOverFails = true),
    advance: (ms: number) => (clock += ms),
  };
}

const plenty = () => 900_000;

describe('the code generator', () => {
  it('draws the prefix and then `length` characters of the alphabet without look-alikes', () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[IO01]/);
    for (const length of [8, 10, 16]) {
      const code = randomCode('SUMMER', length);
      expect(code).toHaveLength(6 + length);
      expect(code).toMatch(new RegExp(`^SUMMER[${CODE_ALPHABET}]{${length}}$`));
    }
  });

  it('uses every character of the alphabet and gives a chunk no code twice', () => {
    const codes = freshCodes(2_000, '', 8);
    expect(new Set(codes).size).toBe(2_000);
    expect(new Set(codes.join(''))).toEqual(new Set(CODE_ALPHABET));
    // A random source that repeats itself still yields distinct codes.
    let n = 0;
    const poor = (max: number) => Math.floor(n++ / 8) % max;
    expect(new Set(freshCodes(20, 'X', 8, poor)).size).toBe(20);
  });
});

describe('a batch, written in chunks', () => {
  it('gets exactly `count` distinct codes, seq 0 to count - 1, then is done', async () => {
    const { promotionId, store, batches, handedOver } = setup();
    const started = await batches.start(promotionId, { count: 250, prefix: 'WIN' }, 'c1');
    expect(started).toMatchObject({
      count: 250,
      generated: 0,
      status: 'generating',
      prefix: 'WIN',
      length: 10,
    });
    expect(handedOver).toEqual([started.id]);
    const done = await batches.generate(started.promotionId, started.id, plenty, 'c1');
    expect(done).toMatchObject({ generated: 250, status: 'done', completedAt: AT.toISOString() });
    expect(store.written).toBe(Math.ceil(250 / CHUNK_SIZE));
    const codes = store.of(started.id);
    expect(new Set(codes).size).toBe(250);
    expect(codes.every((c) => /^WIN[A-Z2-9]{10}$/.test(c))).toBe(true);
    // Done is done: a redelivered invocation writes nothing.
    await batches.generate(started.promotionId, started.id, plenty, 'c1');
    expect(store.written).toBe(3);
  });

  it(`hands the rest to a new invocation with less than ${HAND_OVER_MS / 1000} s left, which finishes it`, async () => {
    const { promotionId, store, batches, handedOver } = setup();
    const started = await batches.start(promotionId, { count: 500 }, 'c1');
    let chunks = 0;
    const short = () => (chunks++ < 2 ? 120_000 : HAND_OVER_MS - 1);
    const first = await batches.generate(started.promotionId, started.id, short, 'c1');
    expect(first).toMatchObject({ generated: 2 * CHUNK_SIZE, status: 'generating' });
    expect(handedOver).toEqual([started.id, started.id]);
    const last = await batches.generate(started.promotionId, started.id, plenty, 'c1');
    expect(last).toMatchObject({ generated: 500, status: 'done' });
    expect(new Set(store.of(started.id)).size).toBe(500);
  });

  it('shows failed when a run breaks, and the retried invocation goes on from where the batch stands', async () => {
    const { promotionId, store, batches } = setup();
    const started = await batches.start(promotionId, { count: 300 }, 'c1');
    store.loseAnswerOf = 2;
    await expect(batches.generate(started.promotionId, started.id, plenty, 'c1')).rejects.toThrow('lost');
    expect(store.batches.get(started.id)).toMatchObject({ status: 'failed', generated: 2 * CHUNK_SIZE });
    const retried = await batches.generate(started.promotionId, started.id, plenty, 'c1');
    expect(retried).toMatchObject({ generated: 300, status: 'done' });
    expect(store.of(started.id)).toHaveLength(300);
  });

  it('never gets more than `count` from two runs at once (a redelivered invocation)', async () => {
    const { promotionId, store, batches } = setup();
    const started = await batches.start(promotionId, { count: 1_000 }, 'c1');
    const runs = await Promise.all([
      batches.generate(started.promotionId, started.id, plenty, 'c1'),
      batches.generate(started.promotionId, started.id, plenty, 'c2'),
    ]);
    expect(runs.map((b) => b.status)).toEqual(['done', 'done']);
    expect(store.of(started.id)).toHaveLength(1_000);
    expect([...store.codesByName.values()].map((c) => c.seq).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 1_000 }, (_, i) => i),
    );
  });

  it('draws again for a code that exists already, of any promotion, and leaves that one alone', async () => {
    const { store } = setup();
    store.codesByName.set('AAAAAAAA', { promotionId: 'pr_other' });
    // The first code drawn is AAAAAAAA (eight zeros), then the source is random.
    const script = Array.from({ length: 8 }, () => 0);
    const batches = new CodeBatches({
      promotion: () => Promise.resolve(record()),
      store,
      handOver: () => Promise.resolve(),
      random: (max) => script.shift() ?? Math.floor(Math.random() * max),
    });
    const started = await batches.start('pr_x', { count: 10, length: 8 }, 'c1');
    await batches.generate('pr_x', started.id, plenty, 'c1');
    expect(store.codesByName.get('AAAAAAAA')).toEqual({ promotionId: 'pr_other' });
    expect(store.of(started.id)).toHaveLength(10);
    expect(store.of(started.id)).not.toContain('AAAAAAAA');
  });
});

describe('starting and reading batches', () => {
  it('refuses a promotion without a code trigger with 422, and marks a batch nobody took over failed', async () => {
    const automatic = record({ trigger: 'automatic' });
    const coded = record();
    const { store, batches, failHandOver } = setup([automatic, coded]);
    await expect(batches.start(automatic.id, { count: 5 }, 'c1')).rejects.toMatchObject({
      status: 422,
      problemType: 'rule-violation',
    });
    expect(store.batches.size).toBe(0);
    failHandOver();
    await expect(batches.start(coded.id, { count: 5 }, 'c1')).rejects.toThrow('Lambda is down');
    expect([...store.batches.values()].map((b) => b.status)).toEqual(['failed']);
  });

  it('lists the newest first and answers 404 for a batch it does not hold', async () => {
    const { promotionId, batches, advance } = setup();
    const first = await batches.start(promotionId, { count: 1 }, 'c1');
    advance(1_000);
    const second = await batches.start(promotionId, { count: 1 }, 'c1');
    expect((await batches.list(promotionId)).map((b) => b.id)).toEqual([second.id, first.id]);
    await expect(batches.get(promotionId, 'cb_none')).rejects.toMatchObject({ status: 404 });
  });
});

describe('the CSV export', () => {
  it('answers pages of at most `limit` codes with a header each, then no next cursor', async () => {
    const { promotionId, store, batches } = setup();
    const started = await batches.start(promotionId, { count: 250 }, 'c1');
    await batches.generate(promotionId, started.id, plenty, 'c1');
    const used = store.of(started.id)[7]!;
    store.codesByName.get(used)!.usedBy = 'order-7';
    const cursors = cursorCodec('a-signing-key-of-at-least-32-bytes!');

    const lines: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await batches.exportPage(promotionId, started.id, { limit: 100, cursor }, cursors);
      const [header, ...rows] = page.csv.trimEnd().split('\n');
      expect(header).toBe('code,status,orderId');
      lines.push(...rows);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(lines).toHaveLength(250);
    expect(new Set(lines.map((l) => l.split(',')[0])).size).toBe(250);
    expect(lines[7]).toBe(`${used},used,order-7`);
    expect(lines[8]).toMatch(/^[A-Z2-9]{10},unused,$/);
    // A cursor of another batch's export is not this one's.
    const other = await batches.start(promotionId, { count: 1 }, 'c1');
    const first = await batches.exportPage(promotionId, started.id, { limit: 100 }, cursors);
    await expect(
      batches.exportPage(promotionId, other.id, { limit: 100, cursor: first.nextCursor! }, cursors),
    ).rejects.toMatchObject({ status: 400 });
  });
});

describe('a used single-use code', () => {
  it('keeps its promotion out with the reason code-used', () => {
    const coded = promotion({ trigger: 'code' });
    const { verdicts, applied } = evaluate(basket([line('TEE', 2000)]), [
      { promotion: coded, code: 'WINABCDEFGH', codeUsed: true },
    ]);
    expect(applied).toEqual([]);
    expect(verdicts).toEqual([
      expect.objectContaining({ applied: false, code: 'WINABCDEFGH', reason: { code: 'code-used' } }),
    ]);
  });

  it('is found in any case, and applies until an order holds it', async () => {
    const coded = record();
    const held: { usedBy?: string } = {};
    const evaluator = new Evaluator(
      {
        activeAutomatic: () => Promise.resolve([]),
        byCode: (code) =>
          Promise.resolve(code === 'WINABCDEFGH' ? { ...coded, singleUse: { ...held } } : undefined),
      },
      {
        usage: (ids) =>
          Promise.resolve(new Map(ids.map((id) => [id, { redemptions: 0, budgetUsed: 0, byBuyer: 0 }]))),
        hasPaidOrder: () => Promise.resolve(false),
        redemptionsOf: () => Promise.resolve([]),
      },
      { skus: () => Promise.resolve(new Map()), categoryParents: () => Promise.resolve(new Map()) },
      () => AT,
    );
    const ask = () =>
      evaluator.evaluate({
        currency: 'EUR',
        lines: [{ sku: 'TEE', quantity: 1, unitPrice: 2000 }],
        shipping: null,
        buyer: { signedIn: false, segments: [], firstOrder: true },
        codes: ['winabcdefgh'],
      });
    expect((await ask()).applied).toEqual([expect.objectContaining({ promotionId: coded.id })]);
    held.usedBy = 'order-1';
    expect((await ask()).verdicts).toEqual([
      expect.objectContaining({ applied: false, reason: { code: 'code-used' } }),
    ]);
  });
});
