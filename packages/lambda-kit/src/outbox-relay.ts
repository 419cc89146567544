// The outbox relay: a DynamoDB stream consumer that publishes the events the service wrote to its outbox.
// Records are published in stream order; on failure the batch reports the first unpublished record, so the
// stream retries from there (at-least-once; consumers dedupe on the event id). Nothing is skipped: a record
// that cannot be read or published stops the batch at that record, every failure is logged and counted in
// the `OutboxPublishFailed` metric (which alarms), and a batch that keeps failing goes to the relay's DLQ
// with the item still in the table for `npm run outbox -- republish` (docs/operations.md, "The outbox").
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { fromOutboxItem, OUTBOX_PUBLISH_FAILED_METRIC } from './outbox.ts';
import { logger, metrics } from './observability.ts';
import { type EventPublisher, PUT_EVENTS_BATCH_SIZE, type OutgoingEvent } from './publisher.ts';

type Pending = { sequenceNumber: string; event: OutgoingEvent };

function failed(
  sequenceNumber: string,
  message: string,
  details: Record<string, unknown>,
): DynamoDBBatchResponse {
  logger.error(message, details);
  metrics.addMetric(OUTBOX_PUBLISH_FAILED_METRIC, 'Count', 1);
  return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
}

export function outboxRelay(
  publisher: EventPublisher,
): (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse> {
  const relay = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const pending: Pending[] = [];
    let unreadable: { sequenceNumber: string; key: unknown; error: unknown } | undefined;
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage;
      const sequenceNumber = record.dynamodb?.SequenceNumber;
      if (record.eventName !== 'INSERT' || !image || !sequenceNumber) continue;
      try {
        const outgoing = fromOutboxItem(unmarshall(image as Record<string, AttributeValue>));
        if (outgoing) pending.push({ sequenceNumber, event: outgoing });
      } catch (error) {
        // Publish what comes before it, then stop here: never skip past an event.
        unreadable = { sequenceNumber, key: record.dynamodb?.Keys, error };
        break;
      }
    }
    for (let i = 0; i < pending.length; i += PUT_EVENTS_BATCH_SIZE) {
      const batch = pending.slice(i, i + PUT_EVENTS_BATCH_SIZE);
      try {
        await publisher.publish(batch.map((p) => p.event));
      } catch (error) {
        return failed(batch[0]!.sequenceNumber, 'Outbox relay could not publish; the stream will retry', {
          error,
        });
      }
      metrics.addMetric('OutboxEventsPublished', 'Count', batch.length);
    }
    if (unreadable) {
      return failed(unreadable.sequenceNumber, 'Outbox item cannot be read; the stream will retry', {
        key: unreadable.key,
        error: unreadable.error,
      });
    }
    return { batchItemFailures: [] };
  };
  return async (event) => {
    try {
      return await relay(event);
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
