// DynamoDB adapter of the generated single-use codes, in the promotions table:
//   PROMO#<id> / BATCH#<batchId>  a batch: count, generated (how far it got), status, prefix, length
//   CODE#<CODE> / CODE            each code: the item a shared code is (store.ts), so a code is unique
//                                 across shared and generated ones, with `single`, `batchId`, `seq` and,
//                                 while an order holds it, `usedBy` (ledger.ts); gsi1 BATCH#<batchId> / seq
//                                 for the export
// A chunk is one transaction: the batch's `generated` moves on from where it stood, and each code is put
// only if no code of its name exists, so a code never overwrites another and each place in a batch is
// written once.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { StartKey } from '@commerce/lambda-kit/pagination';
import { queryAll } from '@commerce/lambda-kit/query-all';
import type { ChunkOutcome, CodeBatch, CodeBatchStore, CodeRow } from './domain/codes.ts';
import { codeKey } from './store.ts';
import { transactWrite, type Transact } from './transact.ts';

type Item = Record<string, unknown>;

const batchKey = (promotionId: string, batchId: string) => ({
  pk: `PROMO#${promotionId}`,
  sk: `BATCH#${batchId}`,
});

/** The export's order: seq as 7 digits (a batch holds at most 1,000,000 codes, 0 to 999,999). */
const seqKey = (seq: number) => String(seq).padStart(7, '0');

function toBatch(item: Item): CodeBatch {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as CodeBatch;
}

export class DynamoCodeBatchStore implements CodeBatchStore {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, table: string) {
    this.#db = db;
    this.#table = table;
  }

  async create(batch: CodeBatch): Promise<void> {
    await this.#db.send(
      new PutCommand({
        TableName: this.#table,
        Item: { ...batchKey(batch.promotionId, batch.id), ...batch },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(promotionId: string, batchId: string): Promise<CodeBatch | undefined> {
    const { Item } = await this.#db.send(
      new GetCommand({ TableName: this.#table, Key: batchKey(promotionId, batchId), ConsistentRead: true }),
    );
    return Item ? toBatch(Item) : undefined;
  }

  async list(promotionId: string): Promise<CodeBatch[]> {
    const items = await queryAll(this.#db, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :batch)',
      ExpressionAttributeValues: { ':pk': `PROMO#${promotionId}`, ':batch': 'BATCH#' },
    });
    return items.map(toBatch);
  }

  async writeChunk(after: CodeBatch, from: number, codes: readonly string[]): Promise<ChunkOutcome> {
    const done = ', completedAt = :at';
    const progress: Transact = {
      Update: {
        TableName: this.#table,
        Key: batchKey(after.promotionId, after.id),
        UpdateExpression: `SET generated = :to, #status = :status${after.completedAt ? done : ''}`,
        ConditionExpression: 'generated = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':to': after.generated,
          ':status': after.status,
          ':from': from,
          ...(after.completedAt ? { ':at': after.completedAt } : {}),
        },
      },
    };
    const puts = codes.map((code, i): Transact => ({
      Put: {
        TableName: this.#table,
        Item: {
          ...codeKey(code),
          code,
          promotionId: after.promotionId,
          single: true,
          batchId: after.id,
          seq: from + i,
          gsi1pk: `BATCH#${after.id}`,
          gsi1sk: seqKey(from + i),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }));
    const failed = await transactWrite(this.#db, this.#table, [progress, ...puts], []);
    if (failed === 'ok') return 'written';
    return failed === 0 ? 'stale' : { collision: failed - 1 };
  }

  async fail(batch: CodeBatch): Promise<void> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: batchKey(batch.promotionId, batch.id),
          UpdateExpression: 'SET #status = :failed',
          ConditionExpression: '#status = :generating',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':failed': 'failed', ':generating': 'generating' },
        }),
      );
    } catch (error) {
      // Done (or failed) already: nothing to mark.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async codes(
    batchId: string,
    limit: number,
    start: StartKey | undefined,
  ): Promise<{ items: CodeRow[]; lastKey?: StartKey }> {
    // A Query reads at most 1 MB: read on until the page is full or the batch ends.
    const items: CodeRow[] = [];
    let lastKey = start;
    do {
      const out = await this.#db.send(
        new QueryCommand({
          TableName: this.#table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :batch',
          ExpressionAttributeValues: { ':batch': `BATCH#${batchId}` },
          ProjectionExpression: '#code, usedBy',
          ExpressionAttributeNames: { '#code': 'code' },
          Limit: limit - items.length,
          ...(lastKey ? { ExclusiveStartKey: lastKey } : {}),
        }),
      );
      for (const item of out.Items ?? []) {
        const usedBy: unknown = item['usedBy'];
        items.push({ code: String(item['code']), ...(typeof usedBy === 'string' ? { usedBy } : {}) });
      }
      lastKey = out.LastEvaluatedKey as StartKey | undefined;
    } while (lastKey && items.length < limit);
    return { items, ...(lastKey ? { lastKey } : {}) };
  }
}
