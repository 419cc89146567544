// The single-use codes' use cases: staff start a batch of a code promotion (the route stores it and hands it
// to the generator, internal `generateCodes`, invoked asynchronously), read the batches and export a batch's
// codes as CSV pages. The generator writes a batch in chunks from where the batch stands (its `generated`),
// so a redelivered or repeated invocation continues it and never adds more than `count`; when its time runs
// short it hands the rest to a new invocation of itself, so a million codes never depend on one run.
import { NotFoundError, RuleViolationError } from '@commerce/lambda-kit/errors';
import { paginate, type CursorCodec } from '@commerce/lambda-kit/pagination';
import { randomBytes } from 'node:crypto';
import {
  CHUNK_SIZE,
  DEFAULT_CODE_LENGTH,
  EXPORT_PAGE,
  advanced,
  csvOf,
  freshCodes,
  randomCode,
  type CodeBatch,
  type CodeBatchStore,
  type Random,
} from './domain/codes.ts';
import type { PromotionRecord } from './domain/ports.ts';

/** Below this much time left, the generator hands the rest of the batch to a new invocation. */
export const HAND_OVER_MS = 60_000;

/** Collisions with existing codes one chunk may meet before the run gives up (each is 1 in 10^12 or less). */
const MAX_COLLISIONS = 20;

export interface BatchRequest {
  readonly count: number;
  readonly prefix?: string | undefined;
  readonly length?: number | undefined;
}

/** Starts the generator on a batch without waiting for it (a Lambda Event invocation). */
export type HandOver = (promotionId: string, batchId: string, correlationId: string) => Promise<void>;

export interface CodeBatchesDeps {
  /** The promotion (NotFoundError when there is none). */
  readonly promotion: (id: string) => Promise<PromotionRecord>;
  readonly store: CodeBatchStore;
  readonly handOver: HandOver;
  readonly clock?: () => Date;
  readonly random?: Random;
}

const newBatchId = () => `cb_${randomBytes(10).toString('hex')}`;

export class CodeBatches {
  readonly #promotion: (id: string) => Promise<PromotionRecord>;
  readonly #store: CodeBatchStore;
  readonly #handOver: HandOver;
  readonly #clock: () => Date;
  readonly #random: Random | undefined;

  constructor(deps: CodeBatchesDeps) {
    this.#promotion = deps.promotion;
    this.#store = deps.store;
    this.#handOver = deps.handOver;
    this.#clock = deps.clock ?? (() => new Date());
    this.#random = deps.random;
  }

  /** Stores a new batch of a code promotion and hands it to the generator (a new batch on every call). */
  async start(promotionId: string, request: BatchRequest, correlationId: string): Promise<CodeBatch> {
    const promotion = await this.#promotion(promotionId);
    if (promotion.trigger !== 'code') {
      throw new RuleViolationError([
        { in: 'path', pointer: '/id', detail: 'Only a code promotion has single-use codes.' },
      ]);
    }
    const batch: CodeBatch = {
      id: newBatchId(),
      promotionId,
      count: request.count,
      generated: 0,
      status: 'generating',
      prefix: request.prefix ?? '',
      length: request.length ?? DEFAULT_CODE_LENGTH,
      createdAt: this.#clock().toISOString(),
    };
    await this.#store.create(batch);
    try {
      await this.#handOver(promotionId, batch.id, correlationId);
    } catch (error) {
      // Nothing will generate it: the batch says so rather than waiting for ever.
      await this.#store.fail(batch);
      throw error;
    }
    return batch;
  }

  /** The promotion's batches, newest first. */
  async list(promotionId: string): Promise<CodeBatch[]> {
    await this.#promotion(promotionId);
    const batches = await this.#store.list(promotionId);
    return batches.sort((a, b) =>
      a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
    );
  }

  async get(promotionId: string, batchId: string): Promise<CodeBatch> {
    const batch = await this.#store.get(promotionId, batchId);
    if (!batch) throw new NotFoundError(`Code batch ${batchId} of promotion ${promotionId} not found.`);
    return batch;
  }

  /** One CSV page of the batch's codes (`code,status,orderId`), in the order they were generated. */
  async exportPage(
    promotionId: string,
    batchId: string,
    page: { limit: number; cursor?: string | undefined },
    cursors: CursorCodec,
  ): Promise<{ csv: string; nextCursor: string | null }> {
    await this.get(promotionId, batchId);
    const read = await paginate(cursors, `codes:${batchId}`, page.cursor, (start) =>
      this.#store.codes(batchId, Math.min(page.limit, EXPORT_PAGE), start),
    );
    return { csv: csvOf(read.items), nextCursor: read.nextCursor ?? null };
  }

  /**
   * Writes the batch's codes from where it stands until it is done, or until `timeLeft()` (ms) is below
   * HAND_OVER_MS: then a new invocation continues it. A failure marks the batch failed and is thrown, so the
   * invocation is retried, and a retry that goes on sets it generating again.
   */
  async generate(
    promotionId: string,
    batchId: string,
    timeLeft: () => number,
    correlationId: string,
  ): Promise<CodeBatch> {
    let batch = await this.get(promotionId, batchId);
    try {
      while (batch.generated < batch.count) {
        if (timeLeft() < HAND_OVER_MS) {
          await this.#handOver(promotionId, batchId, correlationId);
          return batch;
        }
        batch = await this.#chunk(batch);
      }
      return batch;
    } catch (error) {
      await this.#store.fail(batch);
      throw error;
    }
  }

  /** The next chunk of the batch; the batch as it then stands. */
  async #chunk(batch: CodeBatch): Promise<CodeBatch> {
    const from = batch.generated;
    const codes = freshCodes(
      Math.min(CHUNK_SIZE, batch.count - from),
      batch.prefix,
      batch.length,
      this.#random,
    );
    const after = advanced(batch, codes.length, this.#clock());
    for (let collisions = 0; collisions <= MAX_COLLISIONS; collisions++) {
      const outcome = await this.#store.writeChunk(after, from, codes);
      if (outcome === 'written') return after;
      // Another run wrote this chunk (a redelivered invocation): go on from where the batch stands now.
      if (outcome === 'stale') return this.get(batch.promotionId, batch.id);
      let code: string;
      do code = randomCode(batch.prefix, batch.length, this.#random);
      while (codes.includes(code));
      codes[outcome.collision] = code;
    }
    throw new Error(`Batch ${batch.id}: more than ${MAX_COLLISIONS} codes of one chunk exist already.`);
  }
}
