import { beforeAll, describe, expect, it } from 'vitest';
import type { cursorsFrom as CursorsFrom } from '../../../packages/lambda-kit/src/cursor-secret.ts';

const KEY = 'k'.repeat(32);
let cursorsFrom: typeof CursorsFrom;

beforeAll(async () => {
  // The module reads its secret's ARN at import, as a list route's cold start does.
  process.env.CURSOR_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:cursor-key';
  ({ cursorsFrom } = await import('../../../packages/lambda-kit/src/cursor-secret.ts'));
});

describe('cursorsFrom', () => {
  it('reads the key once and shares the codec', async () => {
    let reads = 0;
    const cursors = cursorsFrom(() => {
      reads += 1;
      return Promise.resolve(KEY);
    });
    const [a, b] = await Promise.all([cursors(), cursors()]);
    expect(await cursors()).toBe(a);
    expect(b).toBe(a);
    expect(reads).toBe(1);
    const cursor = a.encode({ pk: 'P#1' }, 'scope');
    expect(a.decode(cursor, 'scope')).toEqual({ pk: 'P#1' });
  });

  it('tries again after a failed read instead of keeping the failure', async () => {
    const answers = [Promise.reject(new Error('throttled')), Promise.resolve(KEY)];
    answers[0]?.catch(() => undefined);
    let reads = 0;
    const cursors = cursorsFrom(() => answers[reads++] as Promise<string>);
    await expect(cursors()).rejects.toThrow('throttled');
    await expect(cursors()).resolves.toBeDefined();
    expect(reads).toBe(2);
  });

  it('refuses a key shorter than 32 bytes', async () => {
    await expect(cursorsFrom(() => Promise.resolve('short'))()).rejects.toThrow(/at least 32 bytes/);
  });
});
