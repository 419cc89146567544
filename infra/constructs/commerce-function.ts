// The house Lambda function: nodejs24.x on arm64, minified ESM bundle with source maps and the AWS SDK
// bundled (the emulator provides no SDK), logging to its service's log group, tracing and Powertools env,
// and a role of its own whose one inline policy holds exactly what it is granted.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2, ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { LAMBDA_HANDLER, lambdaCode } from './bundling.ts';
import { InlineRole } from './inline-role.ts';
import { functionArch } from './native-modules.ts';
import { GSI1, GSI2 } from './service-table.ts';

const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export const retention: Record<StageConfig['logRetentionDays'], RetentionDays> = {
  7: RetentionDays.ONE_WEEK,
  30: RetentionDays.ONE_MONTH,
  90: RetentionDays.THREE_MONTHS,
  365: RetentionDays.ONE_YEAR,
};

export interface CommerceFunctionProps {
  /** Handler file relative to the repository root; it exports `handler`. */
  readonly entry: string;
  /** The owning service; names logs, metrics and traces. */
  readonly service: string;
  readonly config: StageConfig;
  readonly description: string;
  /** Extra environment; the Powertools variables are always set. */
  readonly environment?: Record<string, string>;
  /** @default the stage's lambda timeout */
  readonly timeout?: Duration;
  /** The log group it writes to, usually its service's. @default a log group of its own */
  readonly logGroup?: ILogGroup;
  /** A fixed function name, for functions other stacks call by name. @default generated */
  readonly functionName?: string;
  /** @default the stage's lambda memory */
  readonly memoryMb?: number;
  /** Packages with native code the bundle carries installed (native-modules.ts). @default none */
  readonly nativeModules?: readonly string[];
}

/** A log group with the stage's retention, removed with its stack unless the stage retains data. */
export function houseLogGroup(scope: Construct, id: string, config: StageConfig): LogGroup {
  return new LogGroup(scope, id, {
    retention: retention[config.logRetentionDays],
    removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
}

export class CommerceFunction extends LambdaFunction {
  /** The function's own role; everything it is granted is in the role's inline policy. */
  declare readonly role: InlineRole;

  constructor(scope: Construct, id: string, props: CommerceFunctionProps) {
    const { config } = props;
    const logGroup = props.logGroup ?? houseLogGroup(scope, `${id}Logs`, config);
    const role = new InlineRole(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    super(scope, id, {
      role,
      ...(props.functionName === undefined ? {} : { functionName: props.functionName }),
      code: lambdaCode(
        props.entry,
        props.nativeModules?.length
          ? { modules: props.nativeModules, arch: functionArch(config.stage) }
          : undefined,
      ),
      handler: LAMBDA_HANDLER,
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb ?? config.lambda.memoryMb,
      timeout: props.timeout ?? Duration.seconds(config.lambda.timeoutSeconds),
      tracing: config.lambda.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_METRICS_NAMESPACE: 'Commerce',
        POWERTOOLS_LOG_LEVEL: config.lambda.logLevel,
        STAGE: config.stage,
        ...(config.lambda.sourceMapStackTraces ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        ...props.environment,
      },
    });
    // Active tracing grants these two on "*": X-Ray has no resource-level permissions for them.
    role.allowWildcard(
      ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
      'xray:PutTraceSegments and xray:PutTelemetryRecords (Lambda active tracing) take Resource "*" only: ' +
        'X-Ray has no resource-level permissions for them.',
    );
    // Write to its log group only (instead of the managed basic execution policy's logs:* on every group).
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
  }

  /**
   * Grants item-level access to the table and its one index (read, or read and write), and tells the
   * function the table's name in TABLE_NAME. Narrower than the L2 grants: no Scan, no stream, no
   * wildcard over indexes.
   */
  bindTable(table: ITable | ITableV2, access: 'read' | 'readWrite'): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    this.addToRolePolicy(
      new PolicyStatement({
        actions: access === 'read' ? TABLE_READ_ACTIONS : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS],
        resources: [table.tableArn, `${table.tableArn}/index/${GSI1}`, `${table.tableArn}/index/${GSI2}`],
      }),
    );
    return this;
  }

  /**
   * Grants PutEvents on the bus for events with the given `source` only (the `events:source` condition, so
   * a service cannot publish as another), and tells the function the bus name in EVENT_BUS_NAME.
   */
  bindBus(bus: IEventBus, sources: readonly string[]): this {
    if (sources.length === 0) throw new Error(`${this.node.path} is bound to the bus without a source`);
    this.addEnvironment('EVENT_BUS_NAME', bus.eventBusName);
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [bus.eventBusArn],
        conditions: { StringEquals: { 'events:source': [...sources] } },
      }),
    );
    return this;
  }

  /** Grants reading the cursor signing key and tells the function its ARN in CURSOR_SECRET_ARN. */
  bindCursorSecret(secret: ISecret): this {
    this.addEnvironment('CURSOR_SECRET_ARN', secret.secretArn);
    secret.grantRead(this);
    return this;
  }
}
