import type { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ProductArchived, ReviewAggregated } from '@commerce/events';
import { eventContextOf } from '@commerce/lambda-kit/http';
import { EventPublisher, PublishError, buildEvent } from '@commerce/lambda-kit/publisher';
import { describe, expect, it } from 'vitest';

/** Records PutEvents calls and fails the entries the script says, call by call. */
function scriptedClient(failures: number[][]): { client: EventBridgeClient; calls: string[][] } {
  const calls: string[][] = [];
  const client = {
    send: (command: PutEventsCommand) => {
      const entries = command.input.Entries ?? [];
      calls.push(
        entries.map((e) => (JSON.parse(e.Detail!) as { data: { productId: string } }).data.productId),
      );
      const failing = failures[calls.length - 1] ?? [];
      return Promise.resolve({
        FailedEntryCount: failing.length,
        Entries: entries.map((_, i) =>
          failing.includes(i) ? { ErrorCode: 'InternalFailure' } : { EventId: 'x' },
        ),
      });
    },
  } as unknown as EventBridgeClient;
  return { client, calls };
}

const aggregated = (productId: string) =>
  buildEvent(ReviewAggregated, { productId, reviewCount: 1, ratingAverage: 4 }, { correlationId: 'c-1' });

describe('EventPublisher', () => {
  it('sends at most 10 entries per PutEvents call', async () => {
    const { client, calls } = scriptedClient([]);
    await new EventPublisher(client, 'bus').publish(
      Array.from({ length: 23 }, (_, i) => aggregated(`p${i}`)),
    );
    expect(calls.map((c) => c.length)).toEqual([10, 10, 3]);
  });

  it('retries only the entries that failed', async () => {
    const { client, calls } = scriptedClient([[1, 2], [0]]);
    await new EventPublisher(client, 'bus', { baseDelayMs: 1 }).publish(['a', 'b', 'c'].map(aggregated));
    expect(calls).toEqual([['a', 'b', 'c'], ['b', 'c'], ['b']]);
  });

  it('gives up after the last attempt and says which entries failed', async () => {
    const { client } = scriptedClient([[0], [0], [0]]);
    const publishing = new EventPublisher(client, 'bus', { maxAttempts: 3, baseDelayMs: 1 }).publish([
      aggregated('a'),
    ]);
    await expect(publishing).rejects.toBeInstanceOf(PublishError);
  });
});

describe('buildEvent', () => {
  it('fills the metadata and refuses data that breaks the schema', () => {
    const built = aggregated('p1');
    expect(built.source).toBe('commerce.review');
    expect(built.detailType).toBe('review.aggregated');
    expect(built.detail.metadata).toMatchObject({ version: 1, correlationId: 'c-1' });
    expect(() => buildEvent(ProductArchived, { id: 'x' } as never, { correlationId: 'c-1' })).toThrow();
  });

  it('records who acted, from the request that caused the event', () => {
    const principal = {
      sub: 'client-acme',
      kind: 'client',
      email: undefined,
      groups: [],
      scopes: [],
    } as const;
    const context = eventContextOf({ correlationId: 'c-2', principal });
    const data = { productId: 'p1', reviewCount: 1, ratingAverage: 4 };

    expect(context).toEqual({ correlationId: 'c-2', actor: { kind: 'client', id: 'client-acme' } });
    expect(buildEvent(ReviewAggregated, data, context).detail.metadata.actor).toEqual({
      kind: 'client',
      id: 'client-acme',
    });
    expect(eventContextOf({ correlationId: 'c-3', principal: undefined })).toEqual({ correlationId: 'c-3' });
  });
});

describe('EventPublisher request size', () => {
  it('keeps each PutEvents request under 256 KB, however many entries that allows', async () => {
    const { client, calls } = scriptedClient([]);
    // Five events of ~100 KB: two fit in a request, a third would not.
    const big = (i: number) => aggregated(`${i}-${'x'.repeat(100 * 1024)}`);
    await new EventPublisher(client, 'bus').publish([0, 1, 2, 3, 4].map(big));
    expect(calls.map((c) => c.length)).toEqual([2, 2, 1]);
  });
});
