// The SQS consumer stack for bus subscriptions: each message is an EventBridge event delivered by a rule.
// Validates envelope and detail against the catalog, runs the handler once per event id (idempotency
// records in the service's table), and reports partial batch failures so only failed messages come back.
// A message that cannot ever succeed (unknown type, schema mismatch) is made visible again at once so the
// queue's redrive policy moves it to the DLQ after maxReceiveCount receives instead of waiting out the
// visibility timeout each time; it is never dropped.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { EventDefinition, EventDetail, EventMetadata } from '@commerce/events';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as core from 'zod/v4/core';
import * as z from 'zod/mini';
import { loadEnv } from './env.ts';
import { eventIdempotency } from './idempotency-store.ts';
import type { EventContext } from './publisher.ts';
import type { Subscription } from './service.ts';
import { logger, metrics, publishMetrics } from './observability.ts';

/** A message that will never succeed however often it is retried. */
export class PoisonMessageError extends Error {}

const bridgeEnvelope = z.object({
  id: z.string(),
  source: z.string(),
  'detail-type': z.string(),
  detail: z.unknown(),
});

/** What a handler learns about the event it handles, and the context of whatever it announces in turn. */
export interface ConsumedEvent extends EventContext {
  /** The event's id; also the causation id of anything the handler publishes. */
  readonly eventId: string;
  readonly occurredAt: string;
  readonly causationId: string;
}

/** One typed handler per event type of the subscription, keyed by its detail-type. */
export type EventHandlers<E extends readonly EventDefinition[]> = {
  readonly [D in E[number] as D['detailType']]: (
    data: EventDetail<D>['data'],
    event: ConsumedEvent,
  ) => Promise<void>;
};

/** A subscription's Lambda handler, stamped with the subscription it serves (held to it by a test). */
export type ConsumerHandler = ((event: SQSEvent, context: Context) => Promise<SQSBatchResponse>) & {
  readonly subscription: string;
};

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
  const envelope = core.safeParse(bridgeEnvelope, json);
  if (!envelope.success) throw new PoisonMessageError('Message is not an EventBridge event');
  const source = envelope.data.source;
  const detailType = envelope.data['detail-type'];
  const event = events.find((e) => e.source === source && e.detailType === detailType);
  if (!event) throw new PoisonMessageError(`Unexpected event ${source} ${detailType}`);
  const detail = core.safeParse(event.detail, envelope.data.detail);
  if (!detail.success) {
    throw new PoisonMessageError(
      `Invalid ${detailType} detail: ${detail.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  return { event, detail: detail.data as EventDetail<E> };
}

/**
 * The SQS consumer of a declared subscription: one handler per event type it subscribes to. The queue and
 * the table that keeps the idempotency records come from QUEUE_URL and TABLE_NAME, which the subscription
 * construct sets on the function.
 */
export function eventConsumer<E extends readonly EventDefinition[]>(
  subscription: Subscription<string, E>,
  handlers: NoInfer<EventHandlers<E>>,
): ConsumerHandler {
  const env = loadEnv(z.object({ QUEUE_URL: z.url(), TABLE_NAME: z.string().check(z.minLength(1)) }));
  const byType = handlers as unknown as Readonly<
    Record<string, (data: unknown, event: ConsumedEvent) => Promise<void>>
  >;
  for (const event of subscription.events) {
    if (typeof byType[event.detailType] !== 'function') {
      throw new Error(`Subscription ${subscription.name} has no handler for ${event.detailType}`);
    }
  }
  const sqs = new SQSClient({});
  const processor = new BatchProcessor(EventType.SQS);
  const idempotency = eventIdempotency(subscription.name, env.TABLE_NAME);
  const handleOnce = makeIdempotent(
    async (input: { detail: { metadata: EventMetadata; data: unknown }; event: E[number] }) => {
      const { metadata, data } = input.detail;
      await byType[input.event.detailType]!(data, {
        eventId: metadata.id,
        occurredAt: metadata.occurredAt,
        correlationId: metadata.correlationId,
        causationId: metadata.id,
      });
      return true;
    },
    idempotency,
  );

  const recordHandler = async (record: SQSRecord): Promise<void> => {
    try {
      const { event, detail } = parseRecord(record, subscription.events);
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
              QueueUrl: env.QUEUE_URL,
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

  const handler = middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics<SQSEvent, SQSBatchResponse>())
    .handler(async (event, context) => {
      idempotency.config.registerLambdaContext(context);
      return processPartialResponse(event, recordHandler, processor, { context });
    });
  return Object.assign(handler, { subscription: subscription.name });
}
