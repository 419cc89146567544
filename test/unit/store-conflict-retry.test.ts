// The DynamoDB adapters of catalog, customer and pricing send a transaction again when DynamoDB cancelled
// it for colliding with another (TransactionConflict), and answer 503 contention when that persists,
// instead of letting the raw error become a 500. A failed condition is still the version conflict it was.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ContentionError, VersionConflictError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import { DynamoCatalogStore } from '../../functions/catalog/store.ts';
import { DynamoCustomerStore } from '../../functions/customer/store.ts';
import { DynamoPricingStore } from '../../functions/pricing/store.ts';

const collided = () =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
  });
const conditionFailed = () =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
  });

/** A document client whose transactions fail as scripted, then succeed. */
function scripted(failures: (() => Error)[]): { db: DynamoDBDocumentClient; transactions: () => number } {
  let count = 0;
  const db = {
    send: (command: { constructor: { name: string } }) => {
      if (command.constructor.name !== 'TransactWriteCommand') return Promise.resolve({});
      const failure = failures[count++];
      return failure ? Promise.reject(failure()) : Promise.resolve({});
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, transactions: () => count };
}

const writes: [string, (db: DynamoDBDocumentClient) => Promise<unknown>][] = [
  [
    'catalog: create a category',
    (db) =>
      new DynamoCatalogStore(db, 't').createCategory(
        { id: 'c1', name: 'Mugs', slug: 'mugs', parentId: null, version: 1 } as never,
        [],
      ),
  ],
  [
    'customer: save a profile change',
    (db) =>
      new DynamoCustomerStore(db, 't').saveChange(
        { before: { id: 'u1', version: 1 } as never, after: { id: 'u1', version: 2 } as never },
        [],
      ),
  ],
  [
    'pricing: save the tax table',
    (db) => new DynamoPricingStore(db, 't').saveTaxTable({ rules: [], modes: [], version: 1 }, 0, []),
  ],
];

describe.each(writes)('%s', (_name, write) => {
  it('goes through after transactions that collided with others', async () => {
    const { db, transactions } = scripted([collided, collided]);
    await write(db);
    expect(transactions()).toBe(3);
  });

  it('answers 503 contention when the collisions persist', async () => {
    const { db, transactions } = scripted(Array.from({ length: 10 }, () => collided));
    await expect(write(db)).rejects.toBeInstanceOf(ContentionError);
    expect(transactions()).toBe(5);
  });

  it('does not retry a failed condition', async () => {
    const { db, transactions } = scripted([conditionFailed]);
    await expect(write(db)).rejects.toBeInstanceOf(Error);
    expect(transactions()).toBe(1);
  });
});

it('a failed version condition is still a version conflict (customer)', async () => {
  const { db } = scripted([conditionFailed]);
  const store = new DynamoCustomerStore(db, 't');
  await expect(
    store.saveChange(
      { before: { id: 'u1', version: 1 } as never, after: { id: 'u1', version: 2 } as never },
      [],
    ),
  ).rejects.toBeInstanceOf(VersionConflictError);
});
