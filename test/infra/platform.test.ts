import { App, Stack } from 'aws-cdk-lib';
import { Resource as ApiResource } from 'aws-cdk-lib/aws-apigateway';
import { Match } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/app-builder.ts';
import { ARCHIVE_RETENTION_MAX_DAYS, stageConfigSchema } from '../../infra/config/stage-config.ts';
import { loadStageConfig } from '../../infra/config/stages.ts';
import { describe, expect, it } from 'vitest';
import { catalogService } from '../../functions/catalog/service.ts';
import { services } from '../../infra/services/index.ts';
import { platformRoutes } from '../../infra/services/index.ts';
import { actionsOf, statementsOf, synth, synthDoubled } from './synth.ts';

const prod = synth('prod');
// Bus subscriptions, and each bucket's consumer of new uploads (a subscription to S3's events).
const subscriptionCount = services.reduce(
  (n, s) => n + s.subscriptions.length + (s.storage?.onUpload ? 1 : 0),
  0,
);
const local = synth('local');

type Resource = { Properties: Record<string, unknown> };

describe('cdk-nag AwsSolutions', () => {
  it.each([
    ['prod', prod],
    ['local', local],
  ])('has no unacknowledged finding in %s', (_stage, { report }) => {
    const solutions = report.pluginReports.find((r) => r.pluginName === 'AwsSolutions');
    expect(solutions?.conclusion).toBe('success');
    expect(solutions?.violations).toEqual([]);
  });
});

describe('data stack', () => {
  it('creates the commerce bus, and an archive only where the stage can host one', () => {
    prod.data.hasResourceProperties('AWS::Events::EventBus', { Name: 'commerce-prod' });
    prod.data.hasResourceProperties('AWS::Events::Archive', { RetentionDays: 30 });
    local.data.resourceCountIs('AWS::Events::Archive', 0);
  });

  it('keeps archived events (and the contact data in them) 30 days at most, as docs/customers.md promises', () => {
    for (const stage of ['dev', 'prod'] as const) {
      const days = loadStageConfig(stage).events.archiveRetentionDays;
      expect(days).not.toBeNull();
      expect(days).toBeLessThanOrEqual(ARCHIVE_RETENTION_MAX_DAYS);
    }
    const prodConfig = loadStageConfig('prod');
    const longer = { ...prodConfig, events: { ...prodConfig.events, archiveRetentionDays: 365 } };
    expect(stageConfigSchema.safeParse(longer).success).toBe(false);
  });

  it('gives each service an on-demand, encrypted, recoverable table with TTL and a stream', () => {
    const expected = {
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    };
    prod.data.hasResourceProperties('AWS::DynamoDB::Table', { ...expected, DeletionProtectionEnabled: true });
    local.data.hasResourceProperties('AWS::DynamoDB::Table', expected);
  });

  it('retains data in prod and cleans up in local', () => {
    prod.data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    local.data.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });
});

describe('identity', () => {
  it('has a user pool with email sign-in, a strong password policy, optional TOTP and email recovery', () => {
    prod.data.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      DeletionProtection: 'ACTIVE',
      UserPoolTier: 'PLUS',
    });
    prod.data.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
    local.data.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'ESSENTIALS' });
  });

  it('runs the V2 pre-token-generation trigger, which may read users of this pool only', () => {
    prod.data.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: Match.anyValue(), LambdaVersion: 'V2_0' } },
    });
    prod.data.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: 'cognito-idp:AdminGetUser',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('UserPool'), 'Arn'] },
          }),
        ],
      },
    });
  });

  it('creates customer profiles in a post-confirmation trigger that may write the customer table only', () => {
    prod.data.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: Match.objectLike({ PostConfirmation: Match.anyValue() }),
    });
    const [trigger] = Object.values(
      prod.data.findResources('AWS::Lambda::Function', {
        Properties: { Description: Match.stringLikeRegexp('profile of a newly confirmed shopper') },
      }),
    ) as Resource[];
    const env = (trigger?.Properties['Environment'] as { Variables: { TABLE_NAME: { Ref: string } } })
      .Variables;
    expect(env.TABLE_NAME.Ref).toMatch(/^CustomerTable/);
  });

  it('has a Cognito domain for the OAuth2 token endpoint, unique per account', () => {
    prod.data.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['commerce-prod-', { Ref: 'AWS::AccountId' }]] },
    });
    prod.data.hasOutput('TokenEndpoint', Match.anyValue());
  });

  it('has the admin and staff groups and a resource server with partner scopes', () => {
    prod.data.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admin' });
    prod.data.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'staff' });
    prod.data.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'commerce',
      Scopes: Match.arrayWith([Match.objectLike({ ScopeName: 'catalog.write' })]),
    });
  });

  it('has public SRP clients for people and a confidential client-credentials client for partners', () => {
    for (const name of ['storefront', 'mobile', 'admin-console']) {
      prod.data.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        ClientName: name,
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AccessTokenValidity: 15,
        PreventUserExistenceErrors: 'ENABLED',
      });
    }
    prod.data.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'integrations',
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: Match.arrayWith([
        { 'Fn::Join': ['', [{ Ref: Match.anyValue() }, '/catalog.write']] },
      ]),
    });
  });
});

describe('stacks', () => {
  const count = (t: typeof prod.services) => Object.keys(t.toJSON()['Resources'] as object).length;

  it('give every service a stack of its own, each well under 500 resources', () => {
    expect(Object.keys(prod.serviceStacks).sort()).toEqual(services.map((s) => s.name).sort());
    // 500 is CloudFormation's limit; the margin is for the services and routes still to come.
    for (const stack of Object.values(prod.serviceStacks)) expect(count(stack)).toBeLessThan(300);
    expect(count(prod.api)).toBeLessThan(300);
    expect(count(prod.deployment)).toBeLessThan(300);
    expect(count(prod.data)).toBeLessThan(250);
  });

  it('keep room to grow: with every route declared twice, no stack exceeds 350 resources', () => {
    const doubled = synthDoubled('prod');
    // Data, Api, ApiDeployment, and where CloudFront serves the apps, Web and WebContent.
    expect(doubled.length).toBe(services.length + 5);
    // CloudFormation's limit is 500. Orders (carts, checkout and orders, 30 routes) is the largest: 314 doubled
    // since the cart's promotion codes; it is the next to split (carts into a service of their own).
    for (const { name, resources } of doubled) expect(resources, name).toBeLessThanOrEqual(350);
  });
});

describe('functions', () => {
  const functions = Object.values(prod.services.findResources('AWS::Lambda::Function')) as Resource[];

  it('run nodejs24.x on arm64 with tracing and the Powertools environment', () => {
    // per service: a function per route, consumer (of the bus, of its bucket's uploads) and internal function
    // plus its outbox relay; then the platform's own routes (health, OpenAPI) and the authorizer (the Cognito
    // triggers are in the data stack)
    const perService = services.map(
      (s) =>
        s.routes.length +
        s.subscriptions.length +
        (s.storage?.onUpload ? 1 : 0) +
        (s.internal?.length ?? 0) +
        1,
    );
    expect(functions.length).toBe(perService.reduce((a, b) => a + b, 0) + platformRoutes.length + 1);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Environment: { Variables: { POWERTOOLS_METRICS_NAMESPACE: 'Commerce' } },
      });
      const variables = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
      expect([...services.map((s) => s.name), 'platform', 'auth']).toContain(
        variables.POWERTOOLS_SERVICE_NAME,
      );
      expect((fn.Properties.LoggingConfig as { LogGroup?: unknown }).LogGroup).toBeDefined();
    }
  });

  it('write logs to groups with retention, one per service, and may write to that group only', () => {
    prod.services.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.anyValue() });
    for (const stack of Object.values(prod.serviceStacks)) {
      stack.resourceCountIs('AWS::Logs::LogGroup', 1);
      const logs = statementsOf(stack).filter((s) => actionsOf([s]).some((a) => a.startsWith('logs:')));
      expect(logs.length).toBeGreaterThan(0);
      for (const statement of logs) {
        expect(actionsOf([statement]).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
        expect(JSON.stringify(statement.Resource)).toMatch(/"Fn::GetAtt":\["\w*Logs\w+","Arn"\]/);
      }
    }
    // No managed policy grants logs:* on every group.
    expect(JSON.stringify(prod.services.findResources('AWS::IAM::Role'))).not.toContain(
      'AWSLambdaBasicExecutionRole',
    );
  });

  it('may only touch their own table and its index, and read-only routes cannot write', () => {
    const actions = actionsOf(statementsOf(prod.serviceStacks['catalog']!, 'CatalogGetProductsIdRole'));
    expect(actions).toContain('dynamodb:GetItem');
    expect(actions.filter((a) => a.startsWith('dynamodb:') && /Put|Update|Delete|Scan/.test(a))).toEqual([]);
  });
});

describe('internal functions', () => {
  it('write only where they may, and scheduled ones run from a rule with a DLQ', () => {
    const quote = actionsOf(statementsOf(prod.serviceStacks['pricing']!, 'PricingInternalquoteRole'));
    expect(quote.filter((a) => a.startsWith('dynamodb:') && /Put|Update|Delete|Write/.test(a))).toEqual([]);
    expect(quote).toContain('dynamodb:BatchGetItem');
    expect(
      actionsOf(statementsOf(prod.serviceStacks['inventory']!, 'InventoryInternalreserveRole')),
    ).toContain('dynamodb:UpdateItem');
    prod.services.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ DeadLetterConfig: { Arn: Match.anyValue() } })],
    });
  });
});

describe('subscriptions', () => {
  it('route each catalog event by source, detail-type and version into an encrypted queue', () => {
    prod.services.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['commerce.review'],
        'detail-type': ['review.aggregated'],
        detail: { metadata: { version: [1] } },
      },
      Targets: [
        Match.objectLike({
          DeadLetterConfig: { Arn: Match.anyValue() },
          RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
        }),
      ],
    });
  });

  it('give every consumer queue a DLQ and a visibility timeout of six function timeouts', () => {
    prod.services.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 60,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
    });
  });

  it('report batch item failures from every event source', () => {
    const mappings = Object.values(
      prod.services.findResources('AWS::Lambda::EventSourceMapping'),
    ) as Resource[];
    // one per subscription, one per outbox relay
    expect(mappings.length).toBe(subscriptionCount + services.length);
    for (const m of mappings) expect(m.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it('alarm on the depth of every DLQ', () => {
    // two per subscription (consumer, rule target), one per outbox relay, one per scheduled function, one
    // each for the one-time schedules of catalogue promotions and of review requests
    const schedules = services.flatMap((s) => s.internal ?? []).filter((f) => f.schedule).length;
    const dlqCount = 2 * subscriptionCount + services.length + schedules + 2;
    const depthAlarms = Object.values(
      prod.services.findResources('AWS::CloudWatch::Alarm', {
        Properties: { MetricName: 'ApproximateNumberOfMessagesVisible' },
      }),
    ) as Resource[];
    expect(depthAlarms).toHaveLength(dlqCount);
    for (const alarm of depthAlarms) {
      expect(alarm.Properties).toMatchObject({ Threshold: 1, AlarmActions: [expect.anything()] });
    }
  });

  it('publish the outbox from the table stream, inserts of outbox items only', () => {
    prod.services.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } } },
            }),
          },
        ],
      },
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });
});

describe('API', () => {
  it('is regional with stage throttling, JSON access logs and tracing', () => {
    prod.services.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
    prod.services.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 })],
    });
  });

  it('answers gateway errors as problem+json', () => {
    prod.services.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'THROTTLED',
      StatusCode: '429',
      ResponseParameters: { 'gatewayresponse.header.Content-Type': "'application/problem+json'" },
    });
    prod.services.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'DEFAULT_5XX' });
  });

  it('sends every protected route, and no public one, through the Auth service authorizer', () => {
    prod.services.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 300,
    });
    const methods = Object.values(prod.services.findResources('AWS::ApiGateway::Method')) as Resource[];
    for (const route of catalogService.routes) {
      const method = methods.find(
        (m) => m.Properties.OperationName === `catalog:${route.method} ${route.path} [${route.access}]`,
      );
      expect(method?.Properties.AuthorizationType).toBe(route.access === 'public' ? 'NONE' : 'CUSTOM');
    }
  });

  it('lets API Gateway invoke each service’s route functions through that service’s role, and nothing else', () => {
    // The only resource-policy grants to API Gateway are the authorizer's (one per API).
    const permissions = Object.values(
      prod.services.findResources('AWS::Lambda::Permission', {
        Properties: { Principal: 'apigateway.amazonaws.com' },
      }),
    ) as Resource[];
    expect(permissions).toHaveLength(2);
    for (const p of permissions) expect(JSON.stringify(p.Properties['SourceArn'])).toContain('/authorizers/');

    const catalog = prod.serviceStacks['catalog']!;
    const methods = Object.values(catalog.findResources('AWS::ApiGateway::Method')) as Resource[];
    const proxied = methods.filter((m) => m.Properties['HttpMethod'] !== 'OPTIONS');
    expect(proxied.length).toBeGreaterThanOrEqual(catalogService.routes.length);
    const roles = Object.entries(catalog.findResources('AWS::IAM::Role')).filter(([, r]) =>
      JSON.stringify(r).includes('apigateway.amazonaws.com'),
    );
    expect(roles).toHaveLength(1);
    const [invokeRoleId] = roles[0]!;
    for (const method of proxied) {
      const integration = method.Properties['Integration'] as { Credentials: unknown; Uri: unknown };
      expect(integration.Credentials).toEqual({ 'Fn::GetAtt': [invokeRoleId, 'Arn'] });
    }
    // The role may invoke exactly the catalog's route functions.
    const invocable = statementsOf(catalog, invokeRoleId).flatMap((s) => s.Resource as unknown[]);
    const routeFunctions = Object.entries(catalog.findResources('AWS::Lambda::Function'))
      .filter(([, f]) =>
        /: (GET|POST|PUT|PATCH|DELETE) \//.test(String((f as Resource).Properties['Description'])),
      )
      .map(([id]) => id);
    expect(invocable.map((r) => JSON.stringify(r)).sort()).toEqual(
      routeFunctions.map((id) => JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] })).sort(),
    );
  });

  it('has one method per declared catalog route, each naming its access', () => {
    for (const route of catalogService.routes) {
      prod.services.hasResourceProperties('AWS::ApiGateway::Method', {
        HttpMethod: route.method,
        OperationName: `catalog:${route.method} ${route.path} [${route.access}]`,
      });
    }
  });
});

describe('payment secrets', () => {
  const paymentFunctions = (stage: typeof prod) =>
    Object.values(stage.serviceStacks['payment']!.findResources('AWS::Lambda::Function')) as Resource[];
  const variables = (fn: Resource) =>
    (fn.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;

  it('hand every payment function the stage’s secret by name, readable by them alone, in prod only', () => {
    prod.data.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'commerce/prod/payment' });
    local.data.resourcePropertiesCountIs(
      'AWS::SecretsManager::Secret',
      { Name: Match.stringLikeRegexp('payment') },
      0,
    );
    const relay = (fn: Resource) => String(fn.Properties['Description']).includes('outbox');
    for (const fn of paymentFunctions(prod).filter((f) => !relay(f))) {
      expect(variables(fn)).toMatchObject({
        PAYMENT_SECRET_ARN: 'commerce/prod/payment',
        PAYMENT_PROVIDERS: 'stripe',
        PAYMENT_PROVIDER: 'stripe',
      });
    }
    for (const fn of paymentFunctions(local)) expect(variables(fn)).not.toHaveProperty('PAYMENT_SECRET_ARN');
    const readers = JSON.stringify(prod.services.findResources('AWS::IAM::Role')).match(
      /secret:commerce\/prod\/payment-\?{6}/g,
    );
    expect(readers?.length).toBe(paymentFunctions(prod).filter((f) => !relay(f)).length);
  });
});

describe('gateways and carriers per stage', () => {
  const functionsOf = (stage: typeof prod, service: string) =>
    (
      Object.values(stage.serviceStacks[service]!.findResources('AWS::Lambda::Function')) as Resource[]
    ).filter((fn) => !String(fn.Properties['Description']).includes('outbox'));
  const variables = (fn: Resource) =>
    (fn.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
  const secretNamed = (stage: typeof prod, name: string) =>
    Object.values(stage.data.findResources('AWS::SecretsManager::Secret', { Properties: { Name: name } }));

  it('give prod real gateways and carriers only: payment, orders and shipping env', () => {
    for (const fn of functionsOf(prod, 'payment')) {
      expect(variables(fn)).toMatchObject({ PAYMENT_PROVIDERS: 'stripe', PAYMENT_PROVIDER: 'stripe' });
    }
    for (const fn of functionsOf(prod, 'orders')) {
      expect(variables(fn)).toMatchObject({
        ORDERS_PAYMENT_PROVIDERS: 'stripe',
        ORDERS_DEFAULT_PAYMENT_PROVIDER: 'stripe',
      });
    }
    for (const fn of functionsOf(prod, 'shipping')) {
      expect(variables(fn)).toMatchObject({
        SHIPPING_CARRIERS: 'manual',
        SHIPPING_DEFAULT_CARRIER: 'manual',
        SHIPPING_SECRET_ARN: 'commerce/prod/shipping',
      });
    }
    expect(functionsOf(prod, 'shipping').length).toBeGreaterThan(0);
    // Local keeps both sandboxes for the e2e tests.
    for (const fn of functionsOf(local, 'shipping')) {
      expect(variables(fn)).toMatchObject({ SHIPPING_CARRIERS: 'sandbox,manual' });
      expect(variables(fn)).not.toHaveProperty('SHIPPING_SECRET_ARN');
    }
  });

  it('keep no sandbox key in the prod template: both secrets start as {} for an operator to fill', () => {
    const prodJson = JSON.stringify(prod.data.toJSON());
    expect(prodJson).not.toMatch(/sandbox/i);
    for (const name of ['commerce/prod/payment', 'commerce/prod/shipping']) {
      const [secret] = secretNamed(prod, name) as Resource[];
      expect(secret?.Properties).toMatchObject({ SecretString: '{}' });
      expect(secret?.Properties).not.toHaveProperty('GenerateSecretString');
    }
    expect(JSON.stringify(prod.services.toJSON())).not.toMatch(/"sandbox|sandbox"|,sandbox/);
  });

  it('let only the shipping functions that call a carrier read the shipping secret', () => {
    const readers = JSON.stringify(prod.services.findResources('AWS::IAM::Role')).match(
      /secret:commerce\/prod\/shipping-\?{6}/g,
    );
    const shipping = services.find((s) => s.name === 'shipping');
    const callers = [
      ...(shipping?.routes ?? []),
      ...(shipping?.subscriptions ?? []),
      ...(shipping?.internal ?? []),
    ].filter((f) => f.permissions?.includes('carrierSecret'));
    expect(callers.length).toBeGreaterThan(0);
    expect(callers.length).toBeLessThan(functionsOf(prod, 'shipping').length);
    expect(readers?.length).toBe(callers.length);
  });

  it('refuse to synthesize prod with the sandbox gateway or carrier, saying why', () => {
    const config = loadStageConfig('prod');
    const app = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    expect(() =>
      buildApp({ ...config, payments: { ...config.payments, providers: ['stripe', 'sandbox'] } }, app()),
    ).toThrow(/sandbox is a test gateway: only the local and dev stages may list it, not prod/);
    expect(() =>
      buildApp({ ...config, shipping: { ...config.shipping, carriers: ['manual', 'sandbox'] } }, app()),
    ).toThrow(/sandbox is a test carrier: only the local and dev stages may list it, not prod/);
    expect(() =>
      buildApp({ ...config, payments: { ...config.payments, defaultProvider: 'sandbox' } }, app()),
    ).toThrow(/defaultProvider must be one of providers/);
  });
});

describe('orders stage settings', () => {
  it('hand every orders function the stage’s refund approval limits, per currency, as JSON', () => {
    const fns = Object.values(
      prod.serviceStacks['orders']!.findResources('AWS::Lambda::Function'),
    ) as Resource[];
    const handlers = fns.filter((f) => !String(f.Properties['Description']).includes('outbox'));
    expect(handlers.length).toBeGreaterThan(0);
    for (const fn of handlers) {
      const variables = (fn.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
      expect(JSON.parse(String(variables['ORDERS_REFUND_APPROVAL_ABOVE']))).toEqual(
        loadStageConfig('prod').orders.refundApprovalAbove,
      );
    }
  });
});

describe('API resources across stacks', () => {
  it('each path segment is created once per API, the shared ones in the Api stack', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const built = buildApp(loadStageConfig('prod'), app);
    const created = app.node
      .findAll()
      .filter((c): c is ApiResource => c instanceof ApiResource)
      .map((r) => ({
        api: r.node.path.includes('/Partner/') ? 'partner' : 'public',
        path: r.path,
        stack: Stack.of(r).stackName,
      }));
    const keys = created.map((c) => `${c.api} ${c.path}`);
    expect(keys.length).toBeGreaterThan(50);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    // `/me` serves the customer, orders and notification services: the Api stack creates it.
    expect(created.find((c) => c.api === 'public' && c.path === '/me')?.stack).toBe(built.api.stackName);
    expect(created.find((c) => c.path === '/carts/{id}/checkout')?.stack).toBe('Commerce-prod-Orders');
  });
});
