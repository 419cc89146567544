// A dead-letter queue with an alarm on its depth: nothing that fails is dropped, and someone is told.
import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { DLQ_RETENTION_SECONDS } from '@commerce/lambda-kit/retention';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** Where the alarm goes. */
  readonly alarmTopic: ITopic;
  /** What fails into this queue, for the alarm description. */
  readonly purpose: string;
}

export class DeadLetterQueue extends Construct {
  readonly queue: Queue;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // As long as SQS allows; the idempotency and outbox TTLs are derived from it (retention.ts).
      retentionPeriod: Duration.seconds(DLQ_RETENTION_SECONDS),
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: `This queue is itself a dead-letter queue (${props.purpose}); it has no DLQ of its own.`,
    });
    this.alarm = new Alarm(this, 'DepthAlarm', {
      alarmDescription: `Messages are waiting in the DLQ of ${props.purpose}. Fix the cause, then redrive (docs/operations.md).`,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new SnsAction(props.alarmTopic));
  }
}
