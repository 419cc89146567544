// Generated single-use codes: batches of up to a million codes of one code promotion, each usable by one
// order. Pure; no AWS. A code is the batch's prefix and a random part drawn with crypto.randomInt over an
// alphabet without look-alikes (no I, O, 0 or 1). A batch is written in chunks, each with the move of the
// batch's `generated` in the same transaction, so a code's place in its batch (`seq`) is written once and a
// batch never gets more than `count` codes, whichever run writes it (../code-batches.ts).
import { randomInt } from 'node:crypto';
import type { StartKey } from '@commerce/lambda-kit/pagination';

export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** The most codes one batch holds. */
export const MAX_BATCH = 1_000_000;

/** The random part's length when staff name none (32^10: about 10^15 codes). */
export const DEFAULT_CODE_LENGTH = 10;

/** Codes per CSV page of the export, at most. */
export const EXPORT_PAGE = 10_000;

/** Codes per transaction: TransactWriteItems takes 100 items, one of which moves the batch's progress. */
export const CHUNK_SIZE = 99;

export type CodeBatchStatus = 'generating' | 'done' | 'failed';

export interface CodeBatch {
  readonly id: string;
  readonly promotionId: string;
  /** How many codes the batch holds when done. */
  readonly count: number;
  /** How many are written: codes `seq` 0 to generated - 1. */
  readonly generated: number;
  readonly status: CodeBatchStatus;
  readonly prefix: string;
  /** The random part's length. */
  readonly length: number;
  readonly createdAt: string;
  readonly completedAt?: string;
}

/** A random integer from 0 to max - 1 (crypto.randomInt; tests pass their own). */
export type Random = (max: number) => number;

const cryptoRandom: Random = (max) => randomInt(max);

export function randomCode(prefix: string, length: number, random: Random = cryptoRandom): string {
  let code = prefix;
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return code;
}

/** `size` codes, none twice (one transaction cannot write an item twice). */
export function freshCodes(size: number, prefix: string, length: number, random?: Random): string[] {
  const codes = new Set<string>();
  while (codes.size < size) codes.add(randomCode(prefix, length, random));
  return [...codes];
}

/** The batch once the `size` codes after `generated` are written: done with the last of them. */
export function advanced(batch: CodeBatch, size: number, at: Date): CodeBatch {
  const generated = batch.generated + size;
  return generated < batch.count
    ? { ...batch, generated, status: 'generating' }
    : { ...batch, generated, status: 'done', completedAt: at.toISOString() };
}

/** One generated code as the export lists it: the order that holds it, if one does. */
export interface CodeRow {
  readonly code: string;
  readonly usedBy?: string;
}

/**
 * The export's CSV (`code,status,orderId`, a header on each page): a code is `used` once an order holds it.
 * Codes are letters and digits and order ids letters, digits, "-" and "_": no field needs quoting.
 */
export function csvOf(rows: readonly CodeRow[]): string {
  const lines = rows.map((r) =>
    r.usedBy === undefined ? `${r.code},unused,` : `${r.code},used,${r.usedBy}`,
  );
  return ['code,status,orderId', ...lines].join('\n') + '\n';
}

/** What the use case writes in a chunk: 'stale' when the batch had moved on from `from` (another run). */
export type ChunkOutcome = 'written' | 'stale' | { readonly collision: number };

/** The batches and their codes; the DynamoDB adapter is ../code-store.ts. */
export interface CodeBatchStore {
  create(batch: CodeBatch): Promise<void>;
  /** The batch as last written (a strongly consistent read). */
  get(promotionId: string, batchId: string): Promise<CodeBatch | undefined>;
  list(promotionId: string): Promise<CodeBatch[]>;
  /**
   * Writes `codes` as `seq` from, from + 1, … and moves the batch to `after`, in one transaction that holds
   * only while the batch's `generated` is still `from`; `collision`: the index of a code that exists already
   * (of any promotion), nothing written.
   */
  writeChunk(after: CodeBatch, from: number, codes: readonly string[]): Promise<ChunkOutcome>;
  /** Marks a batch still generating as failed. */
  fail(batch: CodeBatch): Promise<void>;
  /** Up to `limit` codes of the batch in `seq` order, from `start`. */
  codes(
    batchId: string,
    limit: number,
    start: StartKey | undefined,
  ): Promise<{ readonly items: readonly CodeRow[]; readonly lastKey?: StartKey }>;
}
