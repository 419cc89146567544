import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ReviewAggregated } from '@commerce/events';
import { outboxItem } from '@commerce/lambda-kit/outbox';
import type { OutgoingEvent } from '@commerce/lambda-kit/publisher';
import { describe, expect, it } from 'vitest';
import { findOutboxTables, republish, RepublishError } from '../../../packages/ops/src/republish.ts';

const at = (iso: string, productId: string) => ({
  ...outboxItem(
    ReviewAggregated,
    { productId, reviewCount: 1, ratingAverage: 4 },
    { correlationId: 'c' },
    new Date(iso),
  ),
});

/** A table scanned in two pages; the outbox items out of order, with other items between them. */
function table(): { db: DynamoDBDocumentClient; deletes: number } {
  const pages = [
    {
      Items: [at('2026-12-01T12:00:00Z', 'late'), { pk: 'PRODUCT#1', sk: 'PRODUCT' }],
      LastEvaluatedKey: { pk: 'x' },
    },
    { Items: [at('2026-12-01T08:00:00Z', 'early'), at('2026-12-01T10:00:00Z', 'middle')] },
  ];
  const state = { deletes: 0 };
  const db = {
    send: (command: { constructor: { name: string }; input: { ExclusiveStartKey?: unknown } }) => {
      if (command.constructor.name !== 'ScanCommand') {
        state.deletes++;
        return Promise.reject(new Error(`unexpected ${command.constructor.name}`));
      }
      return Promise.resolve(pages[command.input.ExclusiveStartKey ? 1 : 0]);
    },
  } as unknown as DynamoDBDocumentClient;
  return {
    db,
    get deletes() {
      return state.deletes;
    },
  };
}

function recordingPublisher() {
  const published: string[] = [];
  return {
    published,
    publish: (events: readonly OutgoingEvent[]) => {
      published.push(...events.map((e) => (e.detail as { data: { productId: string } }).data.productId));
      return Promise.resolve();
    },
  };
}

describe('republish', () => {
  it('publishes every outbox event of the table again, oldest first, with its original id', async () => {
    const t = table();
    const publisher = recordingPublisher();
    const events = await republish(t.db, publisher, 'orders-table');
    expect(publisher.published).toEqual(['early', 'middle', 'late']);
    expect(events.map((e) => e.eventId)).toEqual(
      events.map((e) => (e.event.detail as { metadata: { id: string } }).metadata.id),
    );
    expect(t.deletes).toBe(0);
  });

  it('takes only events since the given time, and publishes nothing on a dry run', async () => {
    const publisher = recordingPublisher();
    const since = new Date('2026-12-01T10:00:00Z');
    expect((await republish(table().db, publisher, 't', { since })).length).toBe(2);
    expect(publisher.published).toEqual(['middle', 'late']);
    const dry = recordingPublisher();
    expect((await republish(table().db, dry, 't', { dryRun: true })).length).toBe(3);
    expect(dry.published).toEqual([]);
  });
});

describe('findOutboxTables', () => {
  const outputs = { OrdersTableName: 'orders-t', PaymentTableName: 'payment-t', EventBusName: 'bus' };
  it('finds every service table, or the one named', () => {
    expect(findOutboxTables(outputs)).toEqual([
      { service: 'orders', tableName: 'orders-t' },
      { service: 'payment', tableName: 'payment-t' },
    ]);
    expect(findOutboxTables(outputs, 'payment')).toEqual([{ service: 'payment', tableName: 'payment-t' }]);
    expect(() => findOutboxTables(outputs, 'nope')).toThrow(RepublishError);
  });
});
