import { ContentionError, VersionConflictError } from '@commerce/lambda-kit/errors';
import { isTransactionConflict, retryOnConflict } from '@commerce/lambda-kit/retry';
import { TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
const collided = () => cancelled('None', 'TransactionConflict');

/** Records the delays instead of waiting; random() answers 1 so each delay is its cap. */
function recorder() {
  const delays: number[] = [];
  return { delays, sleep: (ms: number) => Promise.resolve(void delays.push(ms)), random: () => 1 };
}

describe('isTransactionConflict', () => {
  it('recognizes a collision with another transaction, and nothing a retry cannot fix', () => {
    expect(isTransactionConflict(collided())).toBe(true);
    expect(isTransactionConflict(new TransactionConflictException({ message: 'x', $metadata: {} }))).toBe(
      true,
    );
    expect(isTransactionConflict(cancelled('ConditionalCheckFailed', 'TransactionConflict'))).toBe(false);
    expect(isTransactionConflict(cancelled('ConditionalCheckFailed'))).toBe(false);
    expect(isTransactionConflict(new Error('TransactionConflict'))).toBe(false);
  });
});

describe('retryOnConflict', () => {
  it('runs a collided transaction again after jittered, growing delays until it goes through', async () => {
    const r = recorder();
    let calls = 0;
    const result = await retryOnConflict(
      () => (++calls < 4 ? Promise.reject(collided()) : Promise.resolve('done')),
      r,
    );
    expect(result).toBe('done');
    expect(r.delays).toEqual([20, 40, 80]);
  });

  it('spreads the delays randomly below their cap (full jitter) and caps them', async () => {
    const delays: number[] = [];
    let calls = 0;
    await retryOnConflict(() => (++calls < 8 ? Promise.reject(collided()) : Promise.resolve()), {
      attempts: 8,
      random: () => 0.5,
      sleep: (ms) => Promise.resolve(void delays.push(ms)),
    });
    expect(delays).toEqual([10, 20, 40, 80, 160, 200, 200]);
  });

  it('answers 503 contention when the collisions persist, never the raw error', async () => {
    const r = recorder();
    const attempt = retryOnConflict(() => Promise.reject(collided()), { ...r, attempts: 3 });
    await expect(attempt).rejects.toBeInstanceOf(ContentionError);
    await expect(attempt).rejects.toMatchObject({ status: 503, problemType: 'contention' });
    expect(r.delays).toHaveLength(2);
  });

  it('retries version conflicts only when asked (the server re-reads), and lets a lasting one through as 409', async () => {
    const r = recorder();
    let calls = 0;
    const once = retryOnConflict(() => {
      calls++;
      return Promise.reject(new VersionConflictError());
    }, r);
    await expect(once).rejects.toBeInstanceOf(VersionConflictError);
    expect(calls).toBe(1);

    calls = 0;
    const retried = retryOnConflict(
      (attempt) => {
        calls++;
        return attempt < 3 ? Promise.reject(new VersionConflictError()) : Promise.resolve(attempt);
      },
      { ...r, versionConflicts: true },
    );
    await expect(retried).resolves.toBe(3);

    const lasting = retryOnConflict(() => Promise.reject(new VersionConflictError()), {
      ...r,
      versionConflicts: true,
      attempts: 2,
    });
    await expect(lasting).rejects.toMatchObject({ status: 409 });
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    const failing = retryOnConflict(() => {
      calls++;
      return Promise.reject(cancelled('ConditionalCheckFailed'));
    }, recorder());
    await expect(failing).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(calls).toBe(1);
  });
});
