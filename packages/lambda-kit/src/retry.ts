// Jittered retries for optimistic concurrency. A read-modify-write that lost a race (VersionConflictError)
// or a transaction DynamoDB cancelled because another transaction held one of its items (TransactionConflict)
// runs again after a random delay ("full jitter": uniform up to an exponentially growing cap), so racing
// writers spread out instead of colliding again. A conflict that persists leaves as 409 (version-conflict)
// or 503 (contention, ContentionError), never as a 500. No AWS import: errors are recognized by name, so
// the check also holds for an error from another copy of the SDK.
import { setTimeout as sleep } from 'node:timers/promises';
import { ContentionError, VersionConflictError } from './errors.ts';

/** True for a transaction DynamoDB refused because a concurrent one touched the same items (not a condition). */
export function isTransactionConflict(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TransactionConflictException') return true;
  if (error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: readonly { Code?: string }[] }).CancellationReasons ?? [];
  return (
    reasons.some((r) => r.Code === 'TransactionConflict') &&
    !reasons.some((r) => r.Code === 'ConditionalCheckFailed')
  );
}

export interface ConflictRetryOptions {
  /**
   * Also run again on VersionConflictError: right where the operation reads what it changes (the server's
   * own read-modify-write), wrong where the version came from the client (that conflict is the client's).
   * @default false
   */
  readonly versionConflicts?: boolean;
  /** Attempts, the first included. @default 5 */
  readonly attempts?: number;
  /** Cap of the first delay, doubled each retry. @default 20 */
  readonly baseDelayMs?: number;
  /** Largest delay. @default 400 */
  readonly maxDelayMs?: number;
  /** For tests. @default Math.random */
  readonly random?: () => number;
  /** For tests. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<unknown>;
}

/** Runs `operation`, again after a jittered delay while it fails with a conflict; see the module comment. */
export async function retryOnConflict<T>(
  operation: (attempt: number) => Promise<T>,
  options: ConflictRetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 20;
  const max = options.maxDelayMs ?? 400;
  const random = options.random ?? Math.random;
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      const transient = isTransactionConflict(error);
      const retryable =
        transient || (options.versionConflicts === true && error instanceof VersionConflictError);
      if (!retryable) throw error;
      if (attempt >= attempts) throw transient ? new ContentionError() : error;
      await wait(Math.floor(random() * Math.min(max, base * 2 ** (attempt - 1))));
    }
  }
}
