// A bus subscription: one rule per event type (built from the event catalog, or an AWS service's pattern on
// the default bus) → encrypted SQS queue with a DLQ → Lambda with ReportBatchItemFailures. The rule target
// has its own DLQ and retry policy, and both DLQs raise an alarm.
import { Duration } from 'aws-cdk-lib';
import { eventPattern, type EventDefinition } from '@commerce/events';
import { Rule, type EventPattern, type IEventBus } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import {
  RULE_TARGET_MAX_EVENT_AGE_SECONDS,
  SUBSCRIPTION_QUEUE_RETENTION_SECONDS,
} from '@commerce/lambda-kit/retention';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import type { CommerceFunction } from './commerce-function.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';

/** SQS wants the visibility timeout at least six times the function timeout so retries never overlap. */
export const VISIBILITY_TO_TIMEOUT_RATIO = 6;

/** A rule of a subscription that is not one of the catalog's events (S3's object-created on the default bus). */
export interface ForeignRule {
  readonly id: string;
  readonly description: string;
  readonly pattern: EventPattern;
}

export interface SubscriptionProps {
  readonly bus: IEventBus;
  /** The catalog's events it receives, a rule each; or `rules`, for AWS services' events. */
  readonly events: readonly EventDefinition[];
  readonly rules?: readonly ForeignRule[];
  readonly consumer: CommerceFunction;
  readonly alarmTopic: ITopic;
  readonly config: StageConfig;
  /** Owning service and subscription name, for descriptions. */
  readonly description: string;
}

export class Subscription extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly targetDeadLetterQueue: DeadLetterQueue;
  readonly rules: readonly Rule[];

  constructor(scope: Construct, id: string, props: SubscriptionProps) {
    super(scope, id);
    const { consumer, config } = props;
    this.deadLetterQueue = new DeadLetterQueue(this, 'Dlq', {
      alarmTopic: props.alarmTopic,
      purpose: `${props.description} (messages the consumer failed on)`,
    });
    this.targetDeadLetterQueue = new DeadLetterQueue(this, 'TargetDlq', {
      alarmTopic: props.alarmTopic,
      purpose: `${props.description} (events the bus could not deliver to the queue)`,
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(consumer.timeout!.toSeconds() * VISIBILITY_TO_TIMEOUT_RATIO),
      retentionPeriod: Duration.seconds(SUBSCRIPTION_QUEUE_RETENTION_SECONDS),
      deadLetterQueue: { queue: this.deadLetterQueue.queue, maxReceiveCount: config.events.maxReceiveCount },
    });

    const rules: ForeignRule[] = [
      ...props.events.map((event) => ({
        id: `Rule-${event.detailType}-v${event.version}`,
        description: `${event.detailType} v${event.version}`,
        pattern: eventPattern(event),
      })),
      ...(props.rules ?? []),
    ];
    this.rules = rules.map(
      (rule) =>
        new Rule(this, rule.id, {
          eventBus: props.bus,
          description: `${rule.description} → ${props.description}`,
          eventPattern: rule.pattern,
          targets: [
            new SqsQueue(this.queue, {
              deadLetterQueue: this.targetDeadLetterQueue.queue,
              retryAttempts: 185,
              maxEventAge: Duration.seconds(RULE_TARGET_MAX_EVENT_AGE_SECONDS),
            }),
          ],
        }),
    );

    consumer.addEnvironment('QUEUE_URL', this.queue.queueUrl);
    consumer.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }));
  }
}
