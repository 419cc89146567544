// What a refused conditional write looks like, whether it was a single write (ConditionalCheckFailed) or a
// transaction one of whose conditions failed (TransactionCanceled with a ConditionalCheckFailed reason).
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** True when DynamoDB refused the write because a condition did not hold (not for throttling or conflicts). */
export function conditionFailed(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error instanceof TransactionCanceledException &&
      (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'))
  );
}
