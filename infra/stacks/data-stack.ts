// Stateful resources: the event bus and its archive, every service's table (and bucket, for those that keep
// files), the cursor signing key and the alarm topic. Kept apart from the stateless stack so functions and routes can be replaced freely.
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Archive, EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, Identity as SesIdentity } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { BUS_BASE_NAME } from '@commerce/events';
import type { Construct } from 'constructs';
import { corsOrigins, type AppOrigins } from '../config/app-origins.ts';
import { paymentSecretName, shippingSecretName, type StageConfig } from '../config/stage-config.ts';
import { serviceBucketName, type ServiceDefinition } from '@commerce/lambda-kit/service';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Identity } from '../constructs/identity.ts';
import { SearchDomain } from '../constructs/search-domain.ts';
import { ServiceBucket } from '../constructs/service-bucket.ts';
import { ServiceTable } from '../constructs/service-table.ts';
import { acknowledgeFinding } from '../nag-acknowledgements.ts';

export interface DataStackProps extends StackProps {
  readonly config: StageConfig;
  /** Where the apps are served: the sign-in callbacks of their app clients. */
  readonly origins: AppOrigins;
  readonly services: readonly ServiceDefinition<StageConfig>[];
  /** Where the service buckets' access logs go (the Web stack's log bucket); absent on the local stage. */
  readonly logBucket?: IBucket;
}

export class DataStack extends Stack {
  readonly bus: EventBus;
  readonly tables: ReadonlyMap<string, Table>;
  readonly cursorSecret: Secret;
  readonly alarmTopic: Topic;
  readonly identity: Identity;
  /** The bucket of each service that keeps files, by service name. */
  readonly buckets: ReadonlyMap<string, ServiceBucket>;
  /** The search service's OpenSearch domain, when the app has that service. */
  readonly searchDomain: SearchDomain | undefined;

  /**
   * A gateway's or carrier's keys as a JSON object. Where the stage allows the sandbox it is created with a
   * random `sandboxWebhookSecret`; elsewhere as `{}`, so no stage that takes real orders holds a key that
   * drives a sandbox (an operator adds the real keys).
   */
  private gatewaySecret(id: string, props: GatewaySecretProps): Secret {
    const secret = new Secret(this, id, {
      secretName: props.name,
      description: `${props.what}: {${[...(props.sandbox ? ['sandboxWebhookSecret'] : []), ...props.keys].map((k) => `"${k}"`).join(',')}}`,
      ...(props.sandbox
        ? {
            generateSecretString: {
              secretStringTemplate: '{}',
              generateStringKey: 'sandboxWebhookSecret',
              passwordLength: 48,
              excludePunctuation: true,
            },
          }
        : { secretObjectValue: {} }),
      removalPolicy: props.removalPolicy,
    });
    acknowledgeFinding(secret, {
      rule: 'SMG4',
      reason:
        'Gateway and carrier API keys are rolled in the provider’s dashboard and then put here by an ' +
        'operator (docs/payments.md, docs/shipping.md); a rotation Lambda cannot create keys there.',
    });
    return secret;
  }

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.bus = new EventBus(this, 'Bus', { eventBusName: `${BUS_BASE_NAME}-${config.stage}` });
    if (config.events.archiveRetentionDays !== null) {
      new Archive(this, 'BusArchive', {
        sourceEventBus: this.bus,
        eventPattern: { source: [{ prefix: 'commerce.' }] as unknown as string[] },
        retention: Duration.days(config.events.archiveRetentionDays),
        description: 'Every commerce event, for replay after a consumer fix',
      });
    }

    const tables = new Map<string, Table>();
    for (const service of props.services) {
      tables.set(service.name, new ServiceTable(this, `${capitalize(service.name)}Table`, { config }).table);
    }
    this.tables = tables;
    const buckets = new Map<string, ServiceBucket>();
    for (const service of props.services) {
      if (!service.storage) continue;
      const target = { partition: this.partition, region: config.region, account: this.account };
      buckets.set(
        service.name,
        new ServiceBucket(this, `${capitalize(service.name)}Bucket`, {
          config,
          service: service.name,
          bucketName: serviceBucketName(config.stage, service.name, target),
          publicPrefix: service.storage.publicPrefix,
          uploadPrefix: service.storage.onUpload?.prefix,
          corsOrigins: corsOrigins(props.origins),
          logBucket: props.logBucket,
        }),
      );
    }
    this.buckets = buckets;
    this.searchDomain = tables.has('search') ? new SearchDomain(this, 'Search', { config }) : undefined;

    this.cursorSecret = new Secret(this, 'CursorSigningKey', {
      description: 'HMAC key that signs pagination cursors',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    acknowledgeFinding(this.cursorSecret, {
      rule: 'SMG4',
      reason:
        'The cursor signing key only makes pagination cursors tamper-evident; rotating it merely invalidates ' +
        'cursors in flight, so it is rotated by hand (docs/operations.md) rather than by a rotation Lambda.',
    });

    if (config.payments.secret) {
      // The payment gateways' keys, completed by an operator with the Stripe keys (docs/payments.md). The
      // payment functions read it by name.
      this.gatewaySecret('PaymentSecret', {
        name: paymentSecretName(config.stage),
        what: 'Payment gateway keys',
        keys: ['stripeApiKey', 'stripeWebhookSecret'],
        sandbox: config.payments.providers.includes('sandbox'),
        removalPolicy,
      });
    }
    if (config.shipping.secret) {
      // The carriers' keys (docs/shipping.md); the manual carrier needs none. The shipping functions read it.
      this.gatewaySecret('ShippingSecret', {
        name: shippingSecretName(config.stage),
        what: 'Carrier keys',
        keys: [],
        sandbox: config.shipping.carriers.includes('sandbox'),
        removalPolicy,
      });
    }

    const customerTable = tables.get('customer');
    if (!customerTable)
      throw new Error('The identity needs the customer service (post-confirmation trigger)');
    this.identity = new Identity(this, 'Identity', { config, customerTable, origins: props.origins });
    // The identity the notification service sends as. In AWS a domain identity is verified by the DKIM
    // records CloudFormation outputs (docs/notifications.md); the emulator verifies it at once.
    const sender = config.notifications.senderIdentity;
    new EmailIdentity(this, 'SenderIdentity', {
      identity: sender.includes('@') ? SesIdentity.email(sender) : SesIdentity.domain(sender),
    });
    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'StorefrontClientId', { value: this.identity.storefrontClient.userPoolClientId });
    new CfnOutput(this, 'MobileClientId', { value: this.identity.mobileClient.userPoolClientId });
    new CfnOutput(this, 'AdminConsoleClientId', { value: this.identity.adminConsoleClient.userPoolClientId });
    new CfnOutput(this, 'IntegrationsClientId', { value: this.identity.integrationsClient.userPoolClientId });
    new CfnOutput(this, 'TokenEndpoint', {
      value: `${this.identity.domain.baseUrl()}/oauth2/token`,
      description: "Partners' OAuth2 token endpoint (client credentials)",
    });

    // The alarm topic is encrypted with a key of ours: CloudWatch cannot publish to a topic under the AWS
    // managed SNS key, whose policy we cannot change. This key lets CloudWatch alarms of this account use it.
    const alarmKey = new Key(this, 'AlarmTopicKey', {
      description: `Encrypts the Commerce ${config.stage} alarm topic; CloudWatch alarms may use it`,
      enableKeyRotation: true,
      removalPolicy,
    });
    const fromAccountAlarms = {
      StringEquals: { 'aws:SourceAccount': this.account },
      ArnLike: { 'aws:SourceArn': `arn:${this.partition}:cloudwatch:${this.region}:${this.account}:alarm:*` },
    };
    alarmKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToTheAlarmTopic',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: fromAccountAlarms,
      }),
    );
    this.alarmTopic = new Topic(this, 'Alarms', {
      displayName: `Commerce ${config.stage} alarms`,
      enforceSSL: true,
      masterKey: alarmKey,
    });
    this.alarmTopic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: fromAccountAlarms,
      }),
    );
    if (config.alarms.email) {
      this.alarmTopic.addSubscription(new EmailSubscription(config.alarms.email));
    }
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    // Where `npm run outbox -- republish` finds each service's outbox.
    for (const [service, table] of tables) {
      new CfnOutput(this, `${capitalize(service)}TableName`, {
        value: table.tableName,
        description: `The ${service} service's table`,
      });
    }
  }
}

interface GatewaySecretProps {
  readonly name: string;
  /** What it holds, for the description. */
  readonly what: string;
  /** The JSON keys an operator puts in it besides the sandbox's, for the description. */
  readonly keys: readonly string[];
  /** Whether the stage allows the sandbox, whose webhook secret is generated; otherwise the secret is `{}`. */
  readonly sandbox: boolean;
  readonly removalPolicy: RemovalPolicy;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
