// Least privilege across the app: each function holds the grants its own declaration names, each outbox
// relay publishes as its own service only, and cdk-nag findings are acknowledged one resource and one finding
// at a time, so that a new wildcard shows up as a finding.
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Permission } from '@commerce/lambda-kit/service';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app-builder.ts';
import { loadStageConfig } from '../../infra/config/stages.ts';
import { CommerceFunction } from '../../infra/constructs/commerce-function.ts';
import { services } from '../../infra/services/index.ts';
import { capitalize } from '../../infra/stacks/service-stack.ts';
import { actionsOf, refersTo, statementsOf, synth, type ValidationReport } from './synth.ts';

const prod = synth('prod');
const [busId] = Object.keys(prod.data.findResources('AWS::Events::EventBus'));
if (!busId) throw new Error('No bus in the Data stack');

describe('outbox relays', () => {
  it.each(services.map((s) => [s.name] as const))(
    'the %s relay may put events with its own source only, on the bus',
    (name) => {
      const stack = prod.serviceStacks[name]!;
      const statements = statementsOf(stack, `${capitalize(name)}OutboxRelayRole`).filter((s) =>
        actionsOf([s]).includes('events:PutEvents'),
      );

      expect(statements).toHaveLength(1);
      expect(statements[0]!.Condition).toEqual({ StringEquals: { 'events:source': [`commerce.${name}`] } });
      expect(refersTo(statements[0]!.Resource, busId)).toBe(true);
      for (const event of services.find((s) => s.name === name)!.publishes) {
        expect(event.source).toBe(`commerce.${name}`);
      }
    },
  );

  it('are the only functions that may put events', () => {
    const puts = Object.entries(prod.serviceStacks).flatMap(([, stack]) =>
      Object.keys(stack.findResources('AWS::IAM::Role')).filter((id) =>
        actionsOf(statementsOf(stack, id)).includes('events:PutEvents'),
      ),
    );

    expect(puts.every((id) => id.includes('OutboxRelayRole'))).toBe(true);
    expect(puts).toHaveLength(services.length);
  });
});

describe('declared permissions', () => {
  it('reach exactly the functions that name them', () => {
    // Payment: every function names the gateway secret; the relay does not.
    const payment = prod.serviceStacks['payment']!;
    const roles = Object.keys(payment.findResources('AWS::IAM::Role'));
    const readers = roles.filter((id) =>
      actionsOf(statementsOf(payment, id)).includes('secretsmanager:GetSecretValue'),
    );
    expect(readers.some((id) => id.includes('OutboxRelay'))).toBe(false);
    expect(readers.length).toBeGreaterThan(0);
    // Notification: the consumers send (order events by mail and SMS, review requests by mail), the route does not.
    const notification = prod.serviceStacks['notification']!;
    const senders = Object.keys(notification.findResources('AWS::IAM::Role')).filter((id) =>
      actionsOf(statementsOf(notification, id)).some((a) => a.startsWith('ses:') || a.startsWith('sns:')),
    );
    expect(senders.sort()).toEqual([
      expect.stringMatching(/^NotificationConsumerordereventsRole/),
      expect.stringMatching(/^NotificationConsumerreviewrequestsRole/),
    ]);
  });
});

/** Where each cdk-nag acknowledgement is recorded in the app's construct tree. */
function acknowledgements(root: IConstruct): { at: IConstruct; id: string }[] {
  return root.node
    .findAll()
    .flatMap((at) =>
      at.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) => Object.keys(m.data as object).map((id) => ({ at, id }))),
    )
    .filter(({ id }) => id.includes('AwsSolutions'));
}

describe('cdk-nag acknowledgements', () => {
  const all = acknowledgements(prod.app);

  it('are on resources, never on a stack, a stage or the app', () => {
    expect(all.length).toBeGreaterThan(100);
    const wide = all.filter(
      ({ at }) => Stack.isStack(at) || Stage.isStage(at) || at.node.scope === undefined,
    );
    expect(wide.map(({ at, id }) => `${at.node.path || 'app'}: ${id}`)).toEqual([]);
  });

  it('name the exact finding for the granular IAM rules', () => {
    const iam = all.filter(({ id }) => /AwsSolutions-IAM[45]/.test(id));
    expect(iam.length).toBeGreaterThan(0);
    for (const { id } of iam)
      expect(id).toMatch(/^AwsSolutions::AwsSolutions-IAM[45]\[(Resource|Action|Policy)::.+\]$/);
  });

  it('acknowledge a role’s "*" only for the actions that have a reason', () => {
    const config = loadStageConfig('prod');
    // Two new wildcards: one granted straight to a function that already has the (acknowledged) X-Ray "*",
    // and the SMS permission declared without its reason.
    const withoutReason = services.map((s) => {
      if (s.name !== 'notification') return s;
      const sendSms = s.permissions!['sendSms']!;
      const bare: Permission<typeof config> = (stage, target) =>
        sendSms(stage, target).map(({ wildcardReason: _dropped, ...statement }) => statement);
      return { ...s, permissions: { ...s.permissions, sendSms: bare } };
    });
    const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-wildcard-'));
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    const built = buildApp(config, app, withoutReason);
    const route = built.services
      .get('notification')!
      .node.findAll()
      .find(
        (c): c is CommerceFunction => c instanceof CommerceFunction && c.node.id === 'GetMeNotifications',
      );
    route!.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));

    expect(() => app.synth()).toThrow(/Acknowledge with 'AwsSolutions::AwsSolutions-IAM5\[Resource::\*\]'/);
    const report = JSON.parse(
      readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'),
    ) as ValidationReport;
    const solutions = report.pluginReports.find((r) => r.pluginName === 'AwsSolutions');
    expect(solutions?.conclusion).toBe('failure');
    expect(
      solutions?.violations.map((v) => [
        v.ruleName,
        v.violatingConstructs.map((c) => c.constructPath).sort(),
      ]),
    ).toEqual([
      [
        'AwsSolutions-IAM5[Resource::*]',
        [
          'Commerce-prod-Notification/Notification/Consumer-order-eventsRole/Resource',
          'Commerce-prod-Notification/Notification/GetMeNotificationsRole/Resource',
        ],
      ],
    ]);
  });
});

describe('operations', () => {
  const stack = prod.serviceStacks['operations']!;
  // The route functions' roles (the outbox relay, which every service has, sends to its own DLQ only).
  const routeRoles = Object.keys(stack.findResources('AWS::IAM::Role')).filter((id) =>
    /^Operations(Get|Post)Operations/.test(id),
  );
  const sqsStatements = routeRoles
    .flatMap((id) => statementsOf(stack, id))
    .filter((s) => actionsOf([s]).some((a) => a.startsWith('sqs:')));

  it('reads and redrives only the queues of its own stage, and only the redrive may send or delete', () => {
    expect(sqsStatements.length).toBeGreaterThan(0);
    for (const s of sqsStatements) {
      expect(JSON.stringify(s.Resource)).toContain(':Commerce-prod-*');
      expect(actionsOf([s]).every((a) => !a.endsWith('*'))).toBe(true);
    }
    const writes = (id: string) =>
      actionsOf(statementsOf(stack, id)).some((a) => a === 'sqs:SendMessage' || a === 'sqs:DeleteMessage');
    expect(routeRoles.filter(writes)).toEqual(routeRoles.filter((id) => id.includes('Redrive')));
    expect(routeRoles.filter(writes)).toHaveLength(1);
  });
});
