// One L3 construct per service, built from its declaration (functions/<service>/service.ts): a function per
// route, subscription and internal function, and the outbox relay, each with a role holding exactly its
// grants (the service's own table, what it invokes, the service permissions it names; the relay: its own
// events on the bus); the service's log group; its routes on the APIs; its subscriptions.
import { Aws, Duration } from 'aws-cdk-lib';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { EventBus, Rule, Schedule, type IEventBus } from 'aws-cdk-lib/aws-events';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { InternalContract } from '@commerce/contracts';
import {
  serviceBucketName,
  type IamStatement,
  type Route,
  type ServiceDefinition,
} from '@commerce/lambda-kit/service';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { ApiRoutes, type ApiEndpoint } from './commerce-api.ts';
import { CommerceFunction, houseLogGroup } from './commerce-function.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import { ServiceAlarms } from './service-alarms.ts';
import { Subscription } from './subscription.ts';

export const OUTBOX_RELAY_ENTRY = 'functions/platform/outbox-relay.ts';
/** How long the outbox relay retries a stream record before its batch goes to the relay DLQ. */
export const RELAY_MAX_RECORD_AGE = Duration.hours(6);

export interface ServiceProps {
  readonly definition: ServiceDefinition<StageConfig>;
  readonly config: StageConfig;
  readonly table: ITable;
  readonly bus: IEventBus;
  /** The APIs its routes go on. */
  readonly apis: readonly ApiEndpoint[];
  readonly alarmTopic: ITopic;
  readonly cursorSecret: ISecret;
  readonly userPool: IUserPool;
  /** Origins browsers may call the API from (the apps'). */
  readonly corsOrigins: readonly string[];
  /** Settings only the deployment knows (another stack's resources), for every function of the service. */
  readonly environment?: Readonly<Record<string, string>>;
}

/** `GET /products/{id}` → `GetProductsId`, a readable construct id. */
export function routeId(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/[{}.]/g, ''))
    .map((s) =>
      s
        .split('-')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(''),
    );
  return method.charAt(0) + method.slice(1).toLowerCase() + words.join('');
}

/**
 * The deployed name of an internal function: fixed, so that a caller in another stack names it (and is
 * granted it) without a cross-stack reference, and the two stacks deploy independently.
 */
export function internalFunctionName(
  stage: string,
  target: Pick<InternalContract, 'service' | 'name'>,
): string {
  return `commerce-${stage}-${target.service}-${target.name}`;
}

export class Service extends Construct {
  readonly functions: CommerceFunction[] = [];
  readonly subscriptions: Subscription[] = [];
  /** The functions other services invoke synchronously (or a schedule does), by name. */
  readonly internalFunctions = new Map<string, CommerceFunction>();
  readonly outboxRelay: CommerceFunction;
  readonly routes: ApiRoutes;
  readonly alarms: ServiceAlarms;
  /** Settings every function of the service gets from the construct itself (its bucket's name). */
  private readonly environment: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id);
    const { definition, config, table } = props;
    const service = definition.name;
    // The service's named permissions, each resolved once; a function gets the ones it names.
    const target = { partition: Aws.PARTITION, region: config.region, account: Aws.ACCOUNT_ID };
    const permissions = new Map(
      Object.entries(definition.permissions ?? {}).map(([name, p]) => [name, p(config, target)] as const),
    );
    const grant = (f: CommerceFunction, names: readonly string[] | undefined) => {
      for (const name of names ?? []) {
        const statements = permissions.get(name);
        if (!statements) throw new Error(`${service} declares no permission "${name}"`);
        for (const statement of statements) grantStatement(f, statement);
      }
    };
    // One log group for the service: Logs Insights over one group, one retention, one resource.
    const logGroup = houseLogGroup(this, 'Logs', config);
    const fn = (
      fid: string,
      entry: string,
      description: string,
      options: {
        timeoutSeconds?: number | undefined;
        functionName?: string;
        memoryMb?: number | undefined;
        nativeModules?: readonly string[] | undefined;
      } = {},
    ) => {
      const created = new CommerceFunction(this, fid, {
        entry,
        service,
        config,
        description: `${service}: ${description}`,
        logGroup,
        ...(options.timeoutSeconds === undefined
          ? {}
          : { timeout: Duration.seconds(options.timeoutSeconds) }),
        ...(options.functionName === undefined ? {} : { functionName: options.functionName }),
        ...(options.memoryMb === undefined ? {} : { memoryMb: options.memoryMb }),
        ...(options.nativeModules === undefined ? {} : { nativeModules: options.nativeModules }),
      });
      this.functions.push(created);
      return created;
    };

    const targets: { route: Route; fn: CommerceFunction }[] = [];
    for (const route of definition.routes) {
      const f = fn(routeId(route.method, route.path), route.entry, `${route.method} ${route.path}`, route);
      f.bindTable(table, route.readOnly ? 'read' : 'readWrite');
      if (route.paginates || route.signsTokens) f.bindCursorSecret(props.cursorSecret);
      if (route.userPoolActions?.length) {
        f.addEnvironment('USER_POOL_ID', props.userPool.userPoolId);
        props.userPool.grant(f, ...route.userPoolActions);
      }
      f.addEnvironment('CORS_ORIGINS', props.corsOrigins.join(','));
      this.invokes(f, route.invokes, config);
      grant(f, route.permissions);
      targets.push({ route, fn: f });
    }
    this.routes = new ApiRoutes(this, 'Routes', { endpoints: props.apis, targets });

    for (const sub of definition.subscriptions) {
      const consumer = fn(
        `Consumer-${sub.name}`,
        sub.entry,
        `consumes ${sub.events.map((e) => e.detailType).join(', ')}`,
        sub,
      );
      consumer.bindTable(table, 'readWrite');
      this.invokes(consumer, sub.invokes, config);
      grant(consumer, sub.permissions);
      this.subscriptions.push(
        new Subscription(this, `Subscription-${sub.name}`, {
          bus: props.bus,
          events: sub.events,
          consumer,
          alarmTopic: props.alarmTopic,
          config,
          description: `${service}/${sub.name}: ${sub.description}`,
        }),
      );
    }

    // The service's bucket (created in the Data stack under a fixed name): its consumer of new uploads, which
    // S3 announces on the account's default bus.
    const upload = definition.storage?.onUpload;
    if (definition.storage) {
      const bucketName = serviceBucketName(config.stage, service, target);
      this.environment.BUCKET_NAME = bucketName;
      if (upload) {
        const consumer = fn('Uploads', upload.entry, `new objects under ${upload.prefix}`, upload);
        consumer.bindTable(table, 'readWrite');
        this.invokes(consumer, upload.invokes, config);
        grant(consumer, upload.permissions);
        this.subscriptions.push(
          new Subscription(this, 'Subscription-uploads', {
            bus: EventBus.fromEventBusName(this, 'DefaultBus', 'default'),
            events: [],
            rules: [
              {
                id: 'Rule-object-created',
                description: `S3 Object Created in ${bucketName} under ${upload.prefix}`,
                pattern: {
                  source: ['aws.s3'],
                  detailType: ['Object Created'],
                  detail: { bucket: { name: [bucketName] }, object: { key: [{ prefix: upload.prefix }] } },
                },
              },
            ],
            consumer,
            alarmTopic: props.alarmTopic,
            config,
            description: `${service}/uploads: ${upload.description}`,
          }),
        );
      }
    }

    for (const internal of definition.internal ?? []) {
      const f = fn(
        `Internal-${internal.name}`,
        internal.entry,
        `internal ${internal.name}: ${internal.description}`,
        {
          timeoutSeconds: internal.timeoutSeconds,
          functionName: internalFunctionName(config.stage, { service, name: internal.name }),
        },
      );
      f.bindTable(table, internal.readOnly ? 'read' : 'readWrite');
      if (internal.signsTokens) f.bindCursorSecret(props.cursorSecret);
      this.invokes(f, internal.invokes, config);
      grant(f, internal.permissions);
      if (internal.schedule) {
        new Rule(this, `Schedule-${internal.name}`, {
          description: `${service}: runs ${internal.name} on ${internal.schedule}`,
          schedule: Schedule.expression(internal.schedule),
          targets: [
            new LambdaFunction(f, {
              retryAttempts: 2,
              deadLetterQueue: new DeadLetterQueue(this, `Schedule-${internal.name}-Dlq`, {
                alarmTopic: props.alarmTopic,
                purpose: `${service} ${internal.name} schedule (invocations that could not be delivered)`,
              }).queue,
            }),
          ],
        });
      }
      this.internalFunctions.set(internal.name, f);
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
      logGroup,
    });
    // It may put its own service's events only: `source` is `commerce.<service>` (events/src/envelope.ts).
    this.outboxRelay.bindBus(props.bus, [`commerce.${service}`]);
    this.outboxRelay.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(0),
        // Never drop an event: retry without a count limit, splitting a failing batch to isolate its record,
        // until the record is RELAY_MAX_RECORD_AGE old; then the DLQ gets the batch's position (the items
        // stay in the table for `npm run outbox -- republish`, retention.ts) and its alarm fires. The relay's
        // own alarms (publish failures, iterator age) fire long before that.
        retryAttempts: -1,
        maxRecordAge: RELAY_MAX_RECORD_AGE,
        bisectBatchOnError: true,
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
    // The event source grants the stream reads on the table's stream ARN, and ListStreams on "*".
    this.outboxRelay.role.allowWildcard(
      ['dynamodb:ListStreams'],
      'dynamodb:ListStreams on "*" comes with the DynamoDB event source (TableBase.grantStreamRead); it lists ' +
        'stream ARNs and reads no data. The stream reads themselves name the table stream ARN.',
    );

    this.alarms = new ServiceAlarms(this, 'Alarms', {
      service,
      functions: [...this.functions, this.outboxRelay],
      outboxRelay: this.outboxRelay,
      alarmTopic: props.alarmTopic,
      functionAlarms: config.alarms.functionAlarms,
    });

    const environment = { ...this.environment, ...definition.environment?.(config), ...props.environment };
    for (const f of this.functions) {
      for (const [name, value] of Object.entries(environment)) f.addEnvironment(name, value);
    }
  }

  /** Lets a function invoke exactly the internal functions it names, and tells it their names. */
  private invokes(
    f: CommerceFunction,
    targets: readonly InternalContract[] | undefined,
    config: StageConfig,
  ): void {
    for (const target of targets ?? []) {
      const name = internalFunctionName(config.stage, target);
      // The function itself, not `:*` (its versions and aliases): nothing is published.
      f.addToRolePolicy(
        new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [`arn:${Aws.PARTITION}:lambda:${config.region}:${Aws.ACCOUNT_ID}:function:${name}`],
        }),
      );
      f.addEnvironment(target.functionEnv, name);
    }
  }
}

/** Adds one declared statement to a function's role; a reasoned Allow on "*" acknowledges that wildcard there. */
function grantStatement(f: CommerceFunction, statement: IamStatement): void {
  const deny = statement.effect === 'Deny';
  f.addToRolePolicy(
    new PolicyStatement({
      effect: deny ? Effect.DENY : Effect.ALLOW,
      actions: [...statement.actions],
      resources: [...statement.resources],
      ...(statement.conditions ? { conditions: statement.conditions } : {}),
    }),
  );
  if (!deny && statement.wildcardReason && statement.resources.includes('*')) {
    f.role.allowWildcard(statement.actions, statement.wildcardReason);
  }
  if (!deny && statement.prefixReason) {
    for (const r of statement.resources.filter((r) => r !== '*' && r.endsWith('*'))) {
      f.role.allowPrefix(r, statement.prefixReason);
    }
  }
}
