// One L3 construct per service: its functions (one per route, one per subscription, one per internal
// function, and the outbox relay), their least-privilege grants on the service's own table, its routes on
// the API and its subscriptions.
import { Aws, Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule, type IEventBus } from 'aws-cdk-lib/aws-events';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import type { CommerceApi } from './commerce-api.ts';
import { CommerceFunction } from './commerce-function.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import type { InvokeTarget, ServiceDefinition } from '@commerce/lambda-kit/service';
import { Subscription } from './subscription.ts';

export const OUTBOX_RELAY_ENTRY = 'functions/platform/outbox-relay.ts';

export interface ServiceProps {
  readonly definition: ServiceDefinition<StageConfig>;
  readonly config: StageConfig;
  readonly table: ITable;
  readonly bus: IEventBus;
  readonly api: CommerceApi;
  readonly alarmTopic: ITopic;
  readonly cursorSecret: ISecret;
  readonly userPool: IUserPool;
}

/** `GET /products/{id}` → `GetProductsId`, a readable construct id. */
function routeId(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/[{}]/g, ''))
    .map((s) =>
      s
        .split('-')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(''),
    );
  return method.charAt(0) + method.slice(1).toLowerCase() + words.join('');
}

export class Service extends Construct {
  readonly functions: CommerceFunction[] = [];
  readonly subscriptions: Subscription[] = [];
  /**
   * The functions other services invoke synchronously, by name; not on the API and with no resource
   * policy, so only a principal granted `grantInvoke` (by the wiring of the calling service) may call one.
   */
  readonly internalFunctions = new Map<string, CommerceFunction>();
  readonly outboxRelay: CommerceFunction;
  /** Which of this service's functions call which internal functions of other services (wired by the stack). */
  readonly invocations: { readonly fn: CommerceFunction; readonly target: InvokeTarget }[] = [];

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id);
    const { definition, config, table } = props;
    const service = definition.name;

    for (const route of definition.routes) {
      const fn = new CommerceFunction(this, routeId(route.method, route.path), {
        entry: route.entry,
        service,
        config,
        description: `${service}: ${route.method} ${route.path}`,
        ...(route.timeoutSeconds === undefined ? {} : { timeout: Duration.seconds(route.timeoutSeconds) }),
      });
      fn.bindTable(table, route.readOnly ? 'read' : 'readWrite');
      if (route.paginates) fn.bindCursorSecret(props.cursorSecret);
      if (route.userPoolActions?.length) {
        fn.addEnvironment('USER_POOL_ID', props.userPool.userPoolId);
        props.userPool.grant(fn, ...route.userPoolActions);
      }
      props.api.addRoute({ ...route, service, fn });
      this.functions.push(fn);
      this.calls(fn, route.invokes);
    }

    for (const sub of definition.subscriptions) {
      const fn = new CommerceFunction(this, `Consumer-${sub.name}`, {
        entry: sub.entry,
        service,
        config,
        description: `${service}: consumes ${sub.events.map((e) => e.detailType).join(', ')}`,
      });
      fn.bindTable(table, 'readWrite');
      this.functions.push(fn);
      this.calls(fn, sub.invokes);
      this.subscriptions.push(
        new Subscription(this, `Subscription-${sub.name}`, {
          bus: props.bus,
          events: sub.events,
          consumer: fn,
          alarmTopic: props.alarmTopic,
          config,
          description: `${service}/${sub.name}`,
        }),
      );
    }

    for (const internal of definition.internal ?? []) {
      const fn = new CommerceFunction(this, `Internal-${internal.name}`, {
        entry: internal.entry,
        service,
        config,
        description: `${service}: internal ${internal.name}: ${internal.description}`,
      });
      fn.bindTable(table, internal.readOnly ? 'read' : 'readWrite');
      if (internal.schedule) {
        new Rule(this, `Schedule-${internal.name}`, {
          description: `${service}: runs ${internal.name} on ${internal.schedule}`,
          schedule: Schedule.expression(internal.schedule),
          targets: [
            new LambdaFunction(fn, {
              retryAttempts: 2,
              deadLetterQueue: new DeadLetterQueue(this, `Schedule-${internal.name}-Dlq`, {
                alarmTopic: props.alarmTopic,
                purpose: `${service} ${internal.name} schedule (invocations that could not be delivered)`,
              }).queue,
            }),
          ],
        });
      }
      this.internalFunctions.set(internal.name, fn);
      this.functions.push(fn);
      this.calls(fn, internal.invokes);
    }

    // The outbox relay publishes what the service's transactions wrote to its outbox.
    const relayDlq = new DeadLetterQueue(this, 'OutboxRelayDlq', {
      alarmTopic: props.alarmTopic,
      purpose: `${service} outbox relay (stream batches that could not be published)`,
    });
    this.outboxRelay = new CommerceFunction(this, 'OutboxRelay', {
      entry: OUTBOX_RELAY_ENTRY,
      service,
      config,
      description: `${service}: publishes outbox events to the bus`,
    });
    this.outboxRelay.bindBus(props.bus);
    this.outboxRelay.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(0),
        retryAttempts: 50,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(relayDlq.queue),
        filters: [
          FilterCriteria.filter({
            // FilterRule helpers are typed `any`; the values are plain pattern arrays.
            eventName: FilterRule.isEqual('INSERT') as unknown,
            dynamodb: { Keys: { pk: { S: FilterRule.beginsWith('OUTBOX#') as unknown } } },
          }),
        ],
      }),
    );
    this.functions.push(this.outboxRelay);

    const environment = definition.environment?.(config) ?? {};
    const statements = (
      definition.permissions?.(config, {
        partition: Aws.PARTITION,
        region: config.region,
        account: Aws.ACCOUNT_ID,
      }) ?? []
    ).map((s) => new PolicyStatement({ actions: [...s.actions], resources: [...s.resources] }));
    for (const fn of this.functions) {
      if (fn === this.outboxRelay) continue;
      for (const [name, value] of Object.entries(environment)) fn.addEnvironment(name, value);
      for (const statement of statements) fn.addToRolePolicy(statement);
    }
  }

  private calls(fn: CommerceFunction, targets: readonly InvokeTarget[] | undefined): void {
    for (const target of targets ?? []) this.invocations.push({ fn, target });
  }
}
