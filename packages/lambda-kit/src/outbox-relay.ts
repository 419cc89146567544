// The outbox relay: a DynamoDB stream consumer that publishes the events the service wrote to its outbox.
// Records are published in stream order; on failure the batch reports the first unpublished record so the
// stream retries from there (at-least-once; consumers dedupe on the event id).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { fromOutboxItem } from './outbox.ts';
import { logger, metrics } from './observability.ts';
import { type EventPublisher, PUT_EVENTS_BATCH_SIZE, type OutgoingEvent } from './publisher.ts';

export function outboxRelay(
  publisher: EventPublisher,
): (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse> {
  return async (event) => {
    const pending: { sequenceNumber: string; event: OutgoingEvent }[] = [];
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage;
      if (record.eventName !== 'INSERT' || !image) continue;
      const outgoing = fromOutboxItem(unmarshall(image as Record<string, AttributeValue>));
      if (outgoing && record.dynamodb?.SequenceNumber) {
        pending.push({ sequenceNumber: record.dynamodb.SequenceNumber, event: outgoing });
      }
    }
    for (let i = 0; i < pending.length; i += PUT_EVENTS_BATCH_SIZE) {
      const batch = pending.slice(i, i + PUT_EVENTS_BATCH_SIZE);
      try {
        await publisher.publish(batch.map((p) => p.event));
      } catch (error) {
        logger.error('Outbox relay could not publish; the stream will retry', { error });
        metrics.addMetric('OutboxPublishFailed', 'Count', 1);
        return { batchItemFailures: [{ itemIdentifier: batch[0]!.sequenceNumber }] };
      }
      metrics.addMetric('OutboxEventsPublished', 'Count', batch.length);
    }
    return { batchItemFailures: [] };
  };
}
