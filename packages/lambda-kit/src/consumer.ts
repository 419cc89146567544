// The SQS consumer stack for bus subscriptions: each message is an EventBridge event delivered by a rule.
// Validates envelope and detail against the catalog, runs the handler once per event id (idempotency
// records in the service's table), and reports partial batch failures so only failed messages come back.
// A message that cannot ever succeed (unknown type, schema mismatch) is made visible again at once so the
// queue's redrive policy moves it to the DLQ after maxReceiveCount receives instead of waiting out the
// visibility timeout each time; it is never dropped.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { EventDefinition, EventDetail } from '@commerce/events';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { logger, metrics, publishMetrics } from './observability.ts';

/** A message that will never succeed however often it is retried. */
export class PoisonMessageError extends Error {}

const bridgeEnvelope = z.object({
  id: z.string(),
  source: z.string(),
  'detail-type': z.string(),
  detail: z.unknown(),
});

export interface ConsumerSpec<E extends EventDefinition> {
  /** Stable name of this consumer; idempotency records are kept per consumer. */
  readonly name: string;
  /** The event types this consumer accepts (the same definitions its subscription rule was built from). */
  readonly events: readonly E[];
  /** The service table that keeps idempotency records. */
  readonly idempotencyTable: string;
  /** URL of the queue this function reads, used to hurry poison messages to the DLQ. */
  readonly queueUrl: string;
  /** How long an event id is remembered. @default 7 days */
  readonly idempotencyTtlSeconds?: number;
  readonly handler: (detail: EventDetail<E>, event: E) => Promise<void>;
}

/** Parses one SQS record into its catalog definition and validated detail; throws PoisonMessageError otherwise. */
export function parseRecord<E extends EventDefinition>(
  record: Pick<SQSRecord, 'body'>,
  events: readonly E[],
): { event: E; detail: EventDetail<E> } {
  let json: unknown;
  try {
    json = JSON.parse(record.body);
  } catch {
    throw new PoisonMessageError('Message body is not JSON');
  }
  const envelope = bridgeEnvelope.safeParse(json);
  if (!envelope.success) throw new PoisonMessageError('Message is not an EventBridge event');
  const source = envelope.data.source;
  const detailType = envelope.data['detail-type'];
  const event = events.find((e) => e.source === source && e.detailType === detailType);
  if (!event) throw new PoisonMessageError(`Unexpected event ${source} ${detailType}`);
  const detail = event.detail.safeParse(envelope.data.detail);
  if (!detail.success) {
    throw new PoisonMessageError(
      `Invalid ${detailType} detail: ${detail.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  return { event, detail: detail.data as EventDetail<E> };
}

export function eventConsumer<E extends EventDefinition>(
  spec: ConsumerSpec<E>,
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const sqs = new SQSClient({});
  const processor = new BatchProcessor(EventType.SQS);
  const idempotencyConfig = new IdempotencyConfig({
    eventKeyJmesPath: 'detail.metadata.id',
    expiresAfterSeconds: spec.idempotencyTtlSeconds ?? 7 * 24 * 60 * 60,
  });
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: spec.idempotencyTable,
    keyAttr: 'pk',
    sortKeyAttr: 'sk',
    staticPkValue: `IDEMPOTENCY#${spec.name}`,
    expiryAttr: 'expiresAt',
  });

  const handleOnce = makeIdempotent(
    async (input: { detail: EventDetail<E>; event: E }) => {
      await spec.handler(input.detail, input.event);
      return true;
    },
    { persistenceStore, config: idempotencyConfig },
  );

  const recordHandler = async (record: SQSRecord): Promise<void> => {
    try {
      const { event, detail } = parseRecord(record, spec.events);
      logger.appendKeys({ correlationId: detail.metadata.correlationId, eventId: detail.metadata.id });
      await handleOnce({ detail, event });
      metrics.addMetric('EventsProcessed', 'Count', 1);
    } catch (error) {
      if (error instanceof PoisonMessageError) {
        logger.error('Poison message; it goes to the DLQ', {
          messageId: record.messageId,
          reason: error.message,
        });
        metrics.addMetric('PoisonMessages', 'Count', 1);
        await sqs
          .send(
            new ChangeMessageVisibilityCommand({
              QueueUrl: spec.queueUrl,
              ReceiptHandle: record.receiptHandle,
              VisibilityTimeout: 0,
            }),
          )
          .catch((e: unknown) => logger.warn('Could not reset visibility', { error: e }));
      } else {
        logger.error('Event handling failed; it will be retried', { messageId: record.messageId, error });
      }
      throw error;
    } finally {
      logger.removeKeys(['correlationId', 'eventId']);
    }
  };

  return middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics<SQSEvent, SQSBatchResponse>())
    .handler(async (event, context) => {
      idempotencyConfig.registerLambdaContext(context);
      return processPartialResponse(event, recordHandler, processor, { context });
    });
}
