// The notification service's wiring: its consumer subscribes to the order events, it alone may send (as the
// sender identity only; SMS to phone numbers, never to a topic), and the "*" its SMS permission needs is
// acknowledged with that reason on its role only.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { actionsOf, statementsOf, synth } from './synth.ts';

const prod = synth('prod');
const stack = prod.serviceStacks['notification'];
if (!stack) throw new Error('No notification stack');

describe('notification service', () => {
  it('subscribes with one rule per order event and one for review requests', () => {
    const rules = Object.values(stack.findResources('AWS::Events::Rule')) as {
      Properties: { EventPattern: { source: string[]; 'detail-type': string[] } };
    }[];
    const patterns = rules.map((r) => r.Properties.EventPattern);

    expect(patterns.flatMap((p) => p['detail-type'].map((type) => `${p.source[0]} ${type}`)).sort()).toEqual([
      'commerce.orders order.cancelled',
      'commerce.orders order.delivered',
      'commerce.orders order.fulfilment_started',
      'commerce.orders order.paid',
      'commerce.orders order.refunded',
      'commerce.orders order.shipped',
      'commerce.review review.requested',
    ]);
  });

  it('lets the review-request consumer mail, never text, and both consumers ask for guests’ review links', () => {
    const requests = statementsOf(stack, 'NotificationConsumerreviewrequestsRole');
    expect(requests.some((s) => [s.Action].flat().includes('ses:SendEmail'))).toBe(true);
    expect(requests.some((s) => [s.Action].flat().includes('sns:Publish'))).toBe(false);
    for (const role of ['NotificationConsumerreviewrequestsRole', 'NotificationConsumerordereventsRole']) {
      const invokes = statementsOf(stack, role).filter((s) =>
        [s.Action].flat().includes('lambda:InvokeFunction'),
      );
      expect(JSON.stringify(invokes)).toContain('review-invitation');
    }
  });

  it('lets its consumer send mail as the sender identity only, and publish SMS', () => {
    const statements = statementsOf(stack, 'NotificationConsumerordereventsRole');
    const ses = statements.filter((s) => [s.Action].flat().includes('ses:SendEmail'));

    expect(ses).toHaveLength(1);
    for (const statement of ses) {
      expect(statement.Action).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
      expect(JSON.stringify(statement.Resource)).toContain(':identity/shop.example.com');
      expect(JSON.stringify(statement.Resource)).toContain(':ses:us-east-1:');
    }
    expect(
      statements.some((s) => s.Effect === 'Allow' && s.Action === 'sns:Publish' && s.Resource === '*'),
    ).toBe(true);
  });

  it('keeps the SMS permission off topics: sns:Publish is denied on every SNS ARN', () => {
    const publish = statementsOf(stack, 'NotificationConsumerordereventsRole').filter((s) =>
      [s.Action].flat().includes('sns:Publish'),
    );

    expect(publish.map((s) => [s.Effect, s.Action, s.Resource])).toEqual([
      ['Allow', 'sns:Publish', '*'],
      ['Deny', 'sns:Publish', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] }],
    ]);
  });

  it('lets GET /me/notifications read its log and send nothing', () => {
    const actions = actionsOf(statementsOf(stack, 'NotificationGetMeNotificationsRole'));

    expect(actions).toContain('dynamodb:Query');
    expect(actions.filter((a) => /^(ses|sns|sms-voice|mobiletargeting):/.test(a))).toEqual([]);
    expect(actions.filter((a) => /Put|Update|Delete|Write/.test(a) && a.startsWith('dynamodb:'))).toEqual([]);
  });

  it('gives its functions the sender and the shop name', () => {
    stack.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          NOTIFICATION_SENDER: 'orders@shop.example.com',
          SHOP_NAME: 'Commerce',
        }),
      },
    });
  });

  it('acknowledges the SMS wildcard with its own reason, on its own functions only', () => {
    const solutions = prod.report.pluginReports.find((r) => r.pluginName === 'AwsSolutions');
    const wildcard = (solutions?.suppressedViolations ?? []).filter(
      (v) => v.ruleName === 'AwsSolutions-IAM5[Resource::*]',
    ) as { violatingConstructs?: { constructPath: string }[] }[];
    const smsReason = wildcard.filter((v) => JSON.stringify(v).includes('sns:Publish to a phone number'));
    const paths = smsReason.flatMap((v) => (v.violatingConstructs ?? []).map((c) => c.constructPath));

    expect(paths).toEqual(['Commerce-prod-Notification/Notification/Consumer-order-eventsRole/Resource']);
  });
});
