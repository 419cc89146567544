// The operations use cases on in-memory queues: depths per subscription, dead letters described and listed
// newest first, and a redrive that moves what waits, says what is left and is audited.
import { NotFoundError } from '@commerce/lambda-kit';
import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../../functions/operations/domain/failure.ts';
import type {
  RedriveAudit,
  RedriveRecord,
  Subscription,
  SubscriptionQueues,
} from '../../../functions/operations/domain/ports.ts';
import type { RawDeadLetter } from '../../../functions/operations/domain/failure.ts';
import { Operations } from '../../../functions/operations/operations.ts';

class MemoryQueues implements SubscriptionQueues {
  readonly queues = new Map<string, RawDeadLetter[]>();
  readonly list: Subscription[];
  constructor(list: Subscription[]) {
    this.list = list;
    for (const s of list) {
      this.queues.set(s.queueUrl, []);
      this.queues.set(s.dlqUrl, []);
    }
  }
  subscriptions() {
    return Promise.resolve(this.list);
  }
  depth(url: string) {
    return Promise.resolve(this.queues.get(url)?.length ?? 0);
  }
  peek(url: string) {
    return Promise.resolve((this.queues.get(url) ?? []).slice(0, 10));
  }
  redrive(s: Subscription, max: number) {
    const dead = this.queues.get(s.dlqUrl) ?? [];
    const moving = dead.splice(0, max);
    this.queues.get(s.queueUrl)?.push(...moving);
    return Promise.resolve(moving.length);
  }
}

class MemoryAudit implements RedriveAudit {
  readonly records: RedriveRecord[] = [];
  record(entry: RedriveRecord) {
    this.records.push(entry);
    return Promise.resolve();
  }
}

const orders: Subscription = {
  name: 'OrdersSubscriptionpaymentevents',
  service: 'orders',
  queueUrl: 'q1',
  dlqUrl: 'd1',
};
const shipping: Subscription = {
  name: 'ShippingSubscriptionorderpaid',
  service: 'shipping',
  queueUrl: 'q2',
  dlqUrl: 'd2',
};

const event = (id: string, type: string, sentAtMs: number): RawDeadLetter => ({
  messageId: `m-${id}`,
  body: JSON.stringify({
    id,
    'detail-type': type,
    source: 'commerce.payment',
    time: '2026-12-01T10:00:00Z',
    detail: {},
  }),
  receiveCount: 3,
  sentAtMs,
});

function world() {
  const queues = new MemoryQueues([orders, shipping]);
  const audit = new MemoryAudit();
  return { queues, audit, operations: new Operations(queues, audit) };
}

describe('operations', () => {
  it('lists every subscription with what waits in its dead-letter queue', async () => {
    const { queues, operations } = world();
    queues.queues.get('d1')?.push(event('e1', 'payment.authorized', 1));
    expect(await operations.queues()).toEqual({
      items: [
        { name: orders.name, service: 'orders', waiting: 1, inQueue: 0 },
        { name: shipping.name, service: 'shipping', waiting: 0, inQueue: 0 },
      ],
    });
  });

  it('lists dead letters newest first, within the limit, with the event each carries', async () => {
    const { queues, operations } = world();
    queues.queues.get('d1')?.push(event('old', 'payment.authorized', 1_000));
    queues.queues.get('d2')?.push(event('new', 'order.paid', 2_000), event('mid', 'order.paid', 1_500));
    const { items } = await operations.failures(2);
    expect(items.map((f) => f.eventId)).toEqual(['new', 'mid']);
    expect(items[0]).toMatchObject({
      subscription: shipping.name,
      type: 'order.paid',
      source: 'commerce.payment',
      receiveCount: 3,
      firstSentAt: new Date(2_000).toISOString(),
    });
  });

  it('redrives a subscription: moves what waits, answers what is left, records who did it', async () => {
    const { queues, audit, operations } = world();
    queues.queues.get('d1')?.push(event('e1', 'payment.authorized', 1), event('e2', 'payment.failed', 2));
    const result = await operations.redrive(orders.name, 'admin-sub', 'corr-1');
    expect(result).toEqual({ name: orders.name, moved: 2, waiting: 0 });
    expect(queues.queues.get('q1')?.map((m) => m.messageId)).toEqual(['m-e1', 'm-e2']);
    expect(audit.records).toEqual([
      expect.objectContaining({
        subscription: orders.name,
        actor: 'admin-sub',
        moved: 2,
        waiting: 0,
        correlationId: 'corr-1',
      }),
    ]);
  });

  it('refuses an unknown subscription and moves nothing', async () => {
    const { queues, audit, operations } = world();
    queues.queues.get('d1')?.push(event('e1', 'payment.authorized', 1));
    await expect(operations.redrive('NoSuchSubscription', 'admin-sub', 'corr-2')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(queues.queues.get('d1')).toHaveLength(1);
    expect(audit.records).toHaveLength(0);
  });
});

describe('describeFailure', () => {
  it('lists a body that is not an event by its message id only', () => {
    const failure = describeFailure('X', { messageId: 'm', body: 'not json', receiveCount: 5, sentAtMs: 0 });
    expect(failure).toEqual({
      subscription: 'X',
      messageId: 'm',
      receiveCount: 5,
      firstSentAt: '1970-01-01T00:00:00.000Z',
    });
  });
});
