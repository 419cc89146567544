// The one way the promotions adapters write several items at once: a TransactWriteItems with the outbox
// items of what it announces, sent again after a jittered delay when DynamoDB cancels it for a concurrent
// transaction on the same items (the conditions travel with it, so a resend is safe). A condition that does
// not hold is an answer, not an error: the index of the first item whose condition failed.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import { retryOnConflict } from '@commerce/lambda-kit/retry';

export type Transact = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/** 'ok', or the index (in `items`) of the first item whose condition failed. */
export async function transactWrite(
  db: DynamoDBDocumentClient,
  table: string,
  items: readonly Transact[],
  outbox: readonly OutboxItem[],
  attempts?: number,
): Promise<'ok' | number> {
  const all = [
    ...items,
    ...outbox.map((event): Transact => ({ Put: { TableName: table, Item: { ...event } } })),
  ];
  try {
    await retryOnConflict(() => db.send(new TransactWriteCommand({ TransactItems: all })), {
      ...(attempts ? { attempts } : {}),
    });
    return 'ok';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const failed = (error.CancellationReasons ?? []).findIndex((r) => r.Code === 'ConditionalCheckFailed');
    if (failed < 0) throw error;
    return failed;
  }
}
