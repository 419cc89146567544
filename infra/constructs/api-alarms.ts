// The alarms of one API stage: its 5XX rate and its p99 latency, notifying the stage's alarm topic.
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Share of requests answered 5XX, per 5 minutes, in 2 of 3 periods. */
export const API_5XX_RATE_THRESHOLD = 0.01;
/** p99 latency in milliseconds, per 5 minutes, in 3 periods running. */
export const API_P99_LATENCY_THRESHOLD_MS = 2500;

export interface ApiAlarmsProps {
  /**
   * The REST API's name, its metrics' ApiName dimension. Named here because the deployment stack holds an
   * imported API, whose name CDK does not know (its stage metrics would carry a wrong ApiName).
   */
  readonly apiName: string;
  readonly stageName: string;
  /** Which API, for the descriptions. */
  readonly label: string;
  readonly alarmTopic: ITopic;
}

export class ApiAlarms extends Construct {
  readonly serverErrorRate: Alarm;
  readonly latencyP99: Alarm;

  constructor(scope: Construct, id: string, props: ApiAlarmsProps) {
    super(scope, id);
    const period = Duration.minutes(5);
    const metric = (metricName: string, statistic: string) =>
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiName: props.apiName, Stage: props.stageName },
        period,
        statistic,
      });
    this.serverErrorRate = new Alarm(this, 'ServerErrorRate', {
      alarmDescription:
        `More than ${API_5XX_RATE_THRESHOLD * 100}% of the ${props.label} API's requests answered 5XX. ` +
        'The access log and the functions’ logs have the correlation ids.',
      // The average of 5XXError (0 or 1 per request) is the share of requests that failed.
      metric: metric('5XXError', 'Average'),
      threshold: API_5XX_RATE_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.latencyP99 = new Alarm(this, 'LatencyP99', {
      alarmDescription: `The ${props.label} API's p99 latency is over ${API_P99_LATENCY_THRESHOLD_MS} ms for 15 minutes.`,
      metric: metric('Latency', 'p99'),
      threshold: API_P99_LATENCY_THRESHOLD_MS,
      evaluationPeriods: 3,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    for (const alarm of [this.serverErrorRate, this.latencyP99]) {
      alarm.addAlarmAction(new SnsAction(props.alarmTopic));
    }
  }
}
