import { marshall } from '@aws-sdk/util-dynamodb';
import { ReviewAggregated } from '@commerce/events';
import {
  EventTooLargeError,
  fromOutboxItem,
  outboxItem,
  OUTBOX_TTL_SECONDS,
  type OutboxItem,
} from '@commerce/lambda-kit/outbox';
import { outboxRelay } from '@commerce/lambda-kit/outbox-relay';
import {
  PUT_EVENTS_MAX_BYTES,
  type EventPublisher,
  type OutgoingEvent,
} from '@commerce/lambda-kit/publisher';
import { DLQ_RETENTION_SECONDS, STREAM_RETENTION_SECONDS } from '@commerce/lambda-kit/retention';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';

const now = new Date('2026-12-01T10:00:00Z');
const item = (productId: string): OutboxItem =>
  outboxItem(ReviewAggregated, { productId, reviewCount: 1, ratingAverage: 4 }, { correlationId: 'c' }, now);

describe('outboxItem', () => {
  it('lives as long as the stream and the relay DLQ can need it, and says when the event occurred', () => {
    const written = item('p1');
    expect(written.expiresAt - now.getTime() / 1000).toBe(OUTBOX_TTL_SECONDS);
    expect(OUTBOX_TTL_SECONDS).toBe(STREAM_RETENTION_SECONDS + DLQ_RETENTION_SECONDS);
    expect(written.occurredAt).toBe(now.toISOString());
    expect(fromOutboxItem({ ...written })?.detailType).toBe('review.aggregated');
  });

  it('refuses an event over the PutEvents entry limit with a 422, so the write is refused with it', () => {
    const huge = 'x'.repeat(PUT_EVENTS_MAX_BYTES);
    expect(() => item(huge)).toThrow(EventTooLargeError);
    try {
      item(huge);
    } catch (error) {
      expect(error).toMatchObject({ status: 422, problemType: 'event-too-large' });
    }
    // Just under the limit is fine.
    expect(() => item('x'.repeat(PUT_EVENTS_MAX_BYTES - 1000))).not.toThrow();
  });
});

function streamOf(images: Record<string, unknown>[]): DynamoDBStreamEvent {
  return {
    Records: images.map((image, i) => ({
      eventName: 'INSERT',
      dynamodb: {
        SequenceNumber: String(100 + i),
        Keys: marshall({ pk: image.pk, sk: image.sk }) as never,
        NewImage: marshall(image) as never,
      },
    })),
  };
}

function publisher(failOn?: string): { publisher: EventPublisher; published: string[] } {
  const published: string[] = [];
  const fake = {
    publish: (events: readonly OutgoingEvent[]) => {
      const ids = events.map((e) => (e.detail as { data: { productId: string } }).data.productId);
      if (failOn && ids.includes(failOn)) return Promise.reject(new Error('bus says no'));
      published.push(...ids);
      return Promise.resolve();
    },
  };
  return { publisher: fake as unknown as EventPublisher, published };
}

describe('outboxRelay', () => {
  it('publishes every outbox insert in order', async () => {
    const { publisher: p, published } = publisher();
    const out = await outboxRelay(p)(streamOf(['a', 'b', 'c'].map((id) => ({ ...item(id) }))));
    expect(out.batchItemFailures).toEqual([]);
    expect(published).toEqual(['a', 'b', 'c']);
  });

  it('stops at an unreadable item and reports it, after publishing what came before, never skipping it', async () => {
    const { publisher: p, published } = publisher();
    const broken = { pk: 'OUTBOX#broken', sk: 'EVENT', source: 'commerce.review' };
    const out = await outboxRelay(p)(streamOf([{ ...item('a') }, broken, { ...item('c') }]));
    expect(published).toEqual(['a']);
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: '101' }]);
  });

  it('reports the first record of a batch the bus refused, so the stream retries from there', async () => {
    const images = Array.from({ length: 12 }, (_, i) => ({ ...item(`e${i}`) }));
    const { publisher: p, published } = publisher('e11');
    const out = await outboxRelay(p)(streamOf(images));
    expect(published).toHaveLength(10);
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: '110' }]);
  });
});
