// The DynamoDB adapters' writes of single-use codes, on a client that records each transaction and fails
// it as scripted: a chunk is the batch's progress (only from where it stood) and at most 99 puts that never
// overwrite a code; a reservation holds its single-use code in the same transaction (another order's hold is
// a code-used refusal), and its release gives the code back in the release's transaction; a commit keeps it.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoCodeBatchStore } from '../../../functions/promotions/code-store.ts';
import { CHUNK_SIZE, freshCodes, type CodeBatch } from '../../../functions/promotions/domain/codes.ts';
import type { Claim, Redemption } from '../../../functions/promotions/domain/ports.ts';
import { DynamoRedemptionLedger } from '../../../functions/promotions/ledger.ts';
import { AT } from './fixtures.ts';

type TransactItem = Record<string, Record<string, unknown>>;

/** Fails the transaction with a failed condition at `index` of its items. */
const conditionFailedAt = (index: number) => (size: number) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: Array.from({ length: size }, (_, i) => ({
      Code: i === index ? 'ConditionalCheckFailed' : 'None',
    })),
  });

/** A document client that records transactions and fails them as scripted; other calls answer `answer`. */
function recording(failures: ((size: number) => Error)[] = [], answer: unknown = {}) {
  const transactions: TransactItem[][] = [];
  const db = {
    send: (command: { input: { TransactItems?: TransactItem[] } }) => {
      const items = command.input.TransactItems;
      if (!items) return Promise.resolve(answer);
      transactions.push(items);
      const failure = failures.shift();
      return failure ? Promise.reject(failure(items.length)) : Promise.resolve({});
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, transactions };
}

const batch: CodeBatch = {
  id: 'cb_1',
  promotionId: 'pr_1',
  count: 1_000,
  generated: 99,
  status: 'generating',
  prefix: 'WIN',
  length: 10,
  createdAt: AT.toISOString(),
};

describe('a chunk of codes', () => {
  it('moves the batch on from where it stood and puts each code only where none exists', async () => {
    const { db, transactions } = recording();
    const codes = freshCodes(CHUNK_SIZE, 'WIN', 10);
    const after = { ...batch, generated: 198 };
    expect(await new DynamoCodeBatchStore(db, 't').writeChunk(after, 99, codes)).toBe('written');
    const [items] = transactions;
    expect(items).toHaveLength(100);
    expect(items![0]!['Update']).toMatchObject({
      Key: { pk: 'PROMO#pr_1', sk: 'BATCH#cb_1' },
      ConditionExpression: 'generated = :from',
      ExpressionAttributeValues: { ':from': 99, ':to': 198, ':status': 'generating' },
    });
    expect(items![1]!['Put']).toEqual({
      TableName: 't',
      Item: {
        pk: `CODE#${codes[0]}`,
        sk: 'CODE',
        code: codes[0],
        promotionId: 'pr_1',
        single: true,
        batchId: 'cb_1',
        seq: 99,
        gsi1pk: 'BATCH#cb_1',
        gsi1sk: '0000099',
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(
      items!.slice(1).every((i) => i['Put']!['ConditionExpression'] === 'attribute_not_exists(pk)'),
    ).toBe(true);
  });

  it('names the code that exists already, and a batch another run moved on', async () => {
    const codes = freshCodes(3, '', 8);
    const store = (failure: (size: number) => Error) =>
      new DynamoCodeBatchStore(recording([failure]).db, 't');
    expect(await store(conditionFailedAt(2)).writeChunk(batch, 99, codes)).toEqual({ collision: 1 });
    expect(await store(conditionFailedAt(0)).writeChunk(batch, 99, codes)).toBe('stale');
  });
});

const claim: Claim = {
  promotionId: 'pr_1',
  amount: 500,
  currency: 'EUR',
  code: 'winabcdefgh',
  singleUse: true,
  limits: {},
};

describe('a single-use code in the ledger', () => {
  it('is held for the order in the reservation’s transaction', async () => {
    const { db, transactions } = recording();
    const outcome = await new DynamoRedemptionLedger(db, 't', () => AT).reserve(
      'o1',
      'e:a@b.c',
      [claim],
      () => [],
    );
    expect(outcome).toMatchObject({
      kind: 'reserved',
      redemptions: [{ orderId: 'o1', code: 'winabcdefgh', singleUse: true, status: 'reserved' }],
    });
    expect(transactions[0]).toHaveLength(4);
    expect(transactions[0]![3]!['Update']).toEqual({
      TableName: 't',
      Key: { pk: 'CODE#WINABCDEFGH', sk: 'CODE' },
      UpdateExpression: 'SET usedBy = :order',
      ConditionExpression: 'promotionId = :promotion AND (attribute_not_exists(usedBy) OR usedBy = :order)',
      ExpressionAttributeValues: { ':order': 'o1', ':promotion': 'pr_1' },
    });
  });

  it('refuses the whole reservation when another order holds the code', async () => {
    const other: Claim = { promotionId: 'pr_2', amount: 100, currency: 'EUR', limits: {} };
    const { db, transactions } = recording([conditionFailedAt(6)]);
    const outcome = await new DynamoRedemptionLedger(db, 't', () => AT).reserve(
      'o2',
      'e:a@b.c',
      [other, claim],
      () => [],
    );
    expect(outcome).toEqual({ kind: 'code-used', promotionId: 'pr_1', code: 'winabcdefgh' });
    // One transaction for both promotions: nothing of the other is held either.
    expect(transactions).toHaveLength(1);
  });

  it('is given back with the release and kept with the commit', async () => {
    const redemption: Redemption = {
      orderId: 'o1',
      promotionId: 'pr_1',
      amount: 500,
      currency: 'EUR',
      code: 'winabcdefgh',
      singleUse: true,
      buyer: 'e:a@b.c',
      status: 'reserved',
      updatedAt: AT.toISOString(),
    };
    const { db, transactions } = recording();
    const ledger = new DynamoRedemptionLedger(db, 't', () => AT);
    expect(await ledger.settle(redemption, 'released', [])).toBe(true);
    expect(transactions[0]!.at(-1)!['Update']).toEqual({
      TableName: 't',
      Key: { pk: 'CODE#WINABCDEFGH', sk: 'CODE' },
      UpdateExpression: 'REMOVE usedBy',
      ConditionExpression: 'usedBy = :order',
      ExpressionAttributeValues: { ':order': 'o1' },
    });
    expect(await ledger.settle(redemption, 'committed', [])).toBe(true);
    expect(transactions[1]).toHaveLength(1);
    // Settled already: nothing changes, and no error.
    const settled = recording([conditionFailedAt(0)]);
    expect(await new DynamoRedemptionLedger(settled.db, 't').settle(redemption, 'released', [])).toBe(false);
  });
});
