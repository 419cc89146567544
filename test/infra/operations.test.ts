// What reaches a person: the alarm topic (its key, its policy, its subscriber), every alarm notifying it,
// the alarms beyond DLQ depth, the outbox relay's stream settings, and the retention relations the
// idempotency records and outbox items rely on (packages/lambda-kit/src/retention.ts).
import { Match } from 'aws-cdk-lib/assertions';
import {
  DLQ_RETENTION_SECONDS,
  IDEMPOTENCY_TTL_SECONDS,
  OUTBOX_TTL_SECONDS,
  STREAM_RETENTION_SECONDS,
} from '@commerce/lambda-kit/retention';
import { OUTBOX_PUBLISH_FAILED_METRIC } from '@commerce/lambda-kit/outbox';
import { describe, expect, it } from 'vitest';
import { services } from '../../infra/services/index.ts';
import { synth } from './synth.ts';

const prod = synth('prod');
const local = synth('local');

type Resource = { Properties: Record<string, unknown> };
const resources = (template: { findResources(type: string): Record<string, unknown> }, type: string) =>
  template.findResources(type) as Record<string, Resource>;
const topicId = () => {
  const ids = Object.keys(resources(prod.data, 'AWS::SNS::Topic'));
  expect(ids).toHaveLength(1);
  return ids[0]!;
};

describe('the alarm topic', () => {
  it('is encrypted with a rotated customer-managed key that CloudWatch alarms of this account may use', () => {
    const keys = resources(prod.data, 'AWS::KMS::Key');
    const [keyId, key] = Object.entries(keys).find(([, k]) =>
      JSON.stringify(k.Properties.KeyPolicy).includes('cloudwatch.amazonaws.com'),
    )!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    prod.data.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'aws:SourceArn': Match.anyValue() },
            },
          }),
        ]),
      },
    });
    const topic = resources(prod.data, 'AWS::SNS::Topic')[topicId()]!;
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
  });

  it('lets CloudWatch publish, and has the stage’s on-call address subscribed where it names one', () => {
    prod.data.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
          }),
        ]),
      },
    });
    prod.data.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@shop.example.com',
      TopicArn: { Ref: topicId() },
    });
    local.data.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('is where every alarm of every stack goes, and nowhere else', () => {
    const alarms = Object.entries(resources(prod.services, 'AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThan(0);
    for (const [id, alarm] of alarms) {
      const actions = alarm.Properties.AlarmActions as unknown[];
      expect(actions, id).toHaveLength(1);
      // The topic lives in the Data stack: each service stack imports its ARN.
      expect(JSON.stringify(actions[0]), id).toMatch(/Fn::ImportValue.*Alarms/);
    }
  });
});

describe('alarms beyond DLQ depth', () => {
  const alarmsOf = (template: typeof prod.services) =>
    Object.values(resources(template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);

  it('sum each service’s Lambda errors and throttles, at most 10 functions per alarm', () => {
    for (const service of services) {
      const stack = prod.serviceStacks[service.name]!;
      const functions = Object.keys(resources(stack, 'AWS::Lambda::Function')).length;
      for (const metric of ['Errors', 'Throttles']) {
        const math = alarmsOf(stack).filter((a) =>
          JSON.stringify(a.Metrics ?? []).includes(`"MetricName":"${metric}"`),
        );
        expect(math.length, `${service.name} ${metric}`).toBe(Math.ceil(functions / 10));
        const summed = math.flatMap((a) =>
          (a.Metrics as { MetricStat?: unknown }[]).filter((m) => m.MetricStat),
        );
        expect(summed, `${service.name} ${metric}`).toHaveLength(functions);
        for (const a of math) expect(a.Threshold).toBe(1);
      }
    }
  });

  it('watch each outbox relay: stream iterator age and the publish-failure metric the relay emits', () => {
    for (const service of services) {
      const stack = prod.serviceStacks[service.name]!;
      stack.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'IteratorAge',
        Statistic: 'Maximum',
        Threshold: 300_000,
      });
      stack.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'Commerce',
        MetricName: OUTBOX_PUBLISH_FAILED_METRIC,
        Dimensions: [{ Name: 'service', Value: service.name }],
        Threshold: 1,
      });
    }
  });

  it('watch both API stages: 5XX rate and p99 latency', () => {
    for (const api of ['commerce-prod', 'commerce-prod-partners']) {
      const dims = Match.arrayWith([{ Name: 'ApiName', Value: api }]);
      prod.deployment.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: '5XXError',
        Statistic: 'Average',
        Threshold: 0.01,
        Dimensions: dims,
      });
      prod.deployment.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Latency',
        ExtendedStatistic: 'p99',
        Dimensions: dims,
      });
    }
  });

  it('leave the metric math alarms out of the local stage, whose emulator cannot create them', () => {
    const math = alarmsOf(local.services).filter((a) => a.Metrics !== undefined);
    expect(math).toEqual([]);
  });
});

describe('the outbox and consumer retention', () => {
  it('retries a failing outbox batch without a count limit, bisecting, until it goes to the relay DLQ', () => {
    const relays = Object.values(resources(prod.services, 'AWS::Lambda::EventSourceMapping')).filter(
      (m) => m.Properties.StartingPosition === 'TRIM_HORIZON',
    );
    expect(relays).toHaveLength(services.length);
    for (const relay of relays) {
      expect(relay.Properties).toMatchObject({
        MaximumRetryAttempts: -1,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      expect(relay.Properties.DestinationConfig).toMatchObject({ OnFailure: { Destination: {} } });
      // A record older than the stream keeps it would be lost rather than reach the DLQ.
      expect(relay.Properties.MaximumRecordAgeInSeconds).toBeLessThan(STREAM_RETENTION_SECONDS);
    }
  });

  it('keeps outbox items and idempotency records at least as long as any DLQ keeps a message', () => {
    const retentions = Object.values(resources(prod.services, 'AWS::SQS::Queue')).map(
      (q) => q.Properties.MessageRetentionPeriod as number,
    );
    const longest = Math.max(...retentions);
    expect(longest).toBe(DLQ_RETENTION_SECONDS);
    expect(IDEMPOTENCY_TTL_SECONDS).toBeGreaterThanOrEqual(longest);
    expect(OUTBOX_TTL_SECONDS).toBeGreaterThanOrEqual(STREAM_RETENTION_SECONDS + longest);
    // A re-published outbox event is still recognized by every consumer.
    expect(IDEMPOTENCY_TTL_SECONDS).toBeGreaterThanOrEqual(OUTBOX_TTL_SECONDS);
  });
});
