// OrderWriter.apply, the read-modify-write every order step goes through: a concurrent write makes it read
// and decide again after a jittered pause; a conflict that lasts is a 409, a collision that lasts a 503.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ContentionError, VersionConflictError } from '@commerce/lambda-kit/errors';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../functions/orders/domain/order.ts';
import type { OrderRepository } from '../../../functions/orders/domain/ports.ts';
import { OrderWriter } from '../../../functions/orders/use-cases/order-writer.ts';

/** One stored order; the first `interfere` saves lose to a concurrent writer (or fail with `error`). */
function repository(interfere: number, error: () => Error = () => new VersionConflictError()) {
  let stored = { id: 'o1', version: 1, note: '' } as unknown as Order & { note: string };
  let saves = 0;
  const repo = {
    getOrder: () => Promise.resolve({ ...stored }),
    saveOrder: (order: Order, expectedVersion: number) => {
      saves++;
      if (saves <= interfere) {
        // Someone else wrote first: the stored order moved on.
        stored = { ...stored, version: stored.version + 1, note: `${stored.note}x` };
        return Promise.reject(error());
      }
      if (expectedVersion !== stored.version) return Promise.reject(new VersionConflictError());
      stored = order as typeof stored;
      return Promise.resolve();
    },
  } as unknown as OrderRepository;
  return { repo, saves: () => saves, stored: () => stored };
}

const step = (order: Order) => ({
  order: { ...order, version: order.version + 1, note: `${(order as Order & { note: string }).note}+` },
  events: [],
});
const context = { correlationId: 'c-1' };

describe('OrderWriter.apply', () => {
  it('reads again and applies its step on top of the concurrent writes', async () => {
    const r = repository(2);
    const writer = new OrderWriter(r.repo, () => new Date());
    const after = await writer.apply('o1', context, step);
    expect(r.saves()).toBe(3);
    expect(r.stored()).toMatchObject({ version: 4, note: 'xx+' });
    expect(after).toEqual(r.stored());
  });

  it('lets a conflict that lasts through as a version conflict (409)', async () => {
    const r = repository(100);
    const writer = new OrderWriter(r.repo, () => new Date());
    await expect(writer.apply('o1', context, step)).rejects.toBeInstanceOf(VersionConflictError);
    expect(r.saves()).toBe(5);
  });

  it('answers 503 contention when its transactions keep colliding', async () => {
    const collided = () =>
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'TransactionConflict' }],
      });
    const r = repository(100, collided);
    const writer = new OrderWriter(r.repo, () => new Date());
    await expect(writer.apply('o1', context, step)).rejects.toBeInstanceOf(ContentionError);
  });
});
