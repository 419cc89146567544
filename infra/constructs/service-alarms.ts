// The alarms of one service beyond its DLQs: its functions' errors and throttles, its outbox stream
// falling behind, and the outbox relay failing to publish. Each notifies the stage's alarm topic.
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { OUTBOX_PUBLISH_FAILED_METRIC } from '@commerce/lambda-kit/outbox';
import { Construct } from 'constructs';

/** CloudWatch takes at most 10 metrics in one metric math alarm; larger services get one alarm per 10. */
export const FUNCTIONS_PER_ALARM = 10;
/** The outbox relay is this far behind its table stream: events reach the bus late. */
export const ITERATOR_AGE_ALARM_MS = 5 * 60 * 1000;

export interface ServiceAlarmsProps {
  readonly service: string;
  readonly functions: readonly IFunction[];
  readonly outboxRelay: IFunction;
  readonly alarmTopic: ITopic;
  /**
   * Sum the functions' Errors and Throttles with metric math (the emulator's CloudFormation cannot create
   * metric math alarms: false in the local stage, which then has no per-service function alarms).
   */
  readonly functionAlarms: boolean;
}

export class ServiceAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const { service } = props;
    const action = new SnsAction(props.alarmTopic);
    const alarm = (aid: string, metric: IMetric, description: string, threshold: number) => {
      const created = new Alarm(this, aid, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      this.alarms.push(created);
    };

    if (props.functionAlarms) {
      const groups: IFunction[][] = [];
      for (let i = 0; i < props.functions.length; i += FUNCTIONS_PER_ALARM) {
        groups.push(props.functions.slice(i, i + FUNCTIONS_PER_ALARM));
      }
      groups.forEach((group, g) => {
        const suffix =
          groups.length > 1
            ? ` (functions ${g * FUNCTIONS_PER_ALARM + 1}-${g * FUNCTIONS_PER_ALARM + group.length})`
            : '';
        for (const name of ['Errors', 'Throttles'] as const) {
          const metrics = Object.fromEntries(
            group.map((f, i) => [`m${i}`, f.metric(name, { period: Duration.minutes(5), statistic: 'Sum' })]),
          );
          alarm(
            `${name}${g}`,
            new MathExpression({
              expression: Object.keys(metrics).join(' + '),
              usingMetrics: metrics,
              period: Duration.minutes(5),
              label: `${service} Lambda ${name}`,
            }),
            name === 'Errors'
              ? `A ${service} function failed (Lambda Errors${suffix}): an exception escaped a handler or it timed out. Its log group has the error with the correlation id.`
              : `A ${service} function was throttled (Lambda Throttles${suffix}): the account's or the function's concurrency is exhausted.`,
            1,
          );
        }
      });
    }

    alarm(
      'OutboxIteratorAge',
      props.outboxRelay.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' }),
      `The ${service} outbox relay is more than ${ITERATOR_AGE_ALARM_MS / 60_000} minutes behind its table stream: events reach the bus late. See docs/operations.md, "The outbox".`,
      ITERATOR_AGE_ALARM_MS,
    );
    alarm(
      'OutboxPublishFailed',
      new Metric({
        namespace: 'Commerce',
        metricName: OUTBOX_PUBLISH_FAILED_METRIC,
        dimensionsMap: { service },
        period: Duration.minutes(5),
        statistic: 'Sum',
      }),
      `The ${service} outbox relay could not publish events (it retries; a batch that keeps failing goes to its DLQ). See docs/operations.md, "The outbox".`,
      1,
    );
  }
}
