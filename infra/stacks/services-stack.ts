// Stateless resources: the APIs with their web ACL, and every service's functions, routes and subscriptions.
import { CfnOutput, NestedStack, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { CommerceApi } from '../constructs/commerce-api.ts';
import { CommerceFunction } from '../constructs/commerce-function.ts';
import type { Identity } from '../constructs/identity.ts';
import { functionEnvName, type ServiceDefinition } from '@commerce/lambda-kit/service';
import { platformRoutes } from '../services/index.ts';
import { Service } from '../constructs/service.ts';
import { ApiWebAcl } from '../constructs/web-acl.ts';

export interface ServicesStackProps extends StackProps {
  readonly config: StageConfig;
  readonly services: readonly ServiceDefinition<StageConfig>[];
  readonly tables: ReadonlyMap<string, ITable>;
  readonly bus: IEventBus;
  readonly cursorSecret: ISecret;
  readonly alarmTopic: ITopic;
  readonly identity: Identity;
}

export class ServicesStack extends Stack {
  readonly api: CommerceApi;
  readonly services: readonly Service[];

  constructor(scope: Construct, id: string, props: ServicesStackProps) {
    super(scope, id, props);
    const { config } = props;
    // The Auth service: verifies Cognito access tokens and answers with the caller's policy.
    const { identity } = props;
    const authorizer = new CommerceFunction(this, 'Authorizer', {
      entry: 'functions/auth/authorizer.ts',
      service: 'auth',
      config,
      description: 'auth: REQUEST authorizer (Cognito JWT → policy over the route table)',
      environment: {
        USER_POOL_ID: identity.userPool.userPoolId,
        CLIENT_IDS: identity.clients.map((c) => c.userPoolClientId).join(','),
        REQUIRE_STAFF_MFA: String(config.identity.requireStaffMfa),
        ...(config.identity.jwksBaseUrl
          ? {
              JWKS_URL: `${config.identity.jwksBaseUrl}/${identity.userPool.userPoolId}/.well-known/jwks.json`,
            }
          : {}),
      },
    });
    this.api = new CommerceApi(this, 'Api', { config, authorizerFunction: authorizer });
    // Tells the authorizer which API is the partner one (no cycle: the function needs the API's id only).
    authorizer.addEnvironment('PARTNER_API_ID', this.api.partnerApi.restApiId);

    // Routes of the platform itself: a liveness probe that runs the HTTP stack only (the bench's baseline)
    // and the OpenAPI document.
    for (const route of platformRoutes) {
      const base = route.entry.split('/').pop()?.replace(/\.ts$/, '') ?? route.entry;
      const fn = new CommerceFunction(
        this,
        base.charAt(0).toUpperCase() + base.slice(1).replace(/-./g, (m) => m.charAt(1).toUpperCase()),
        {
          entry: route.entry,
          service: 'platform',
          config,
          description: `platform: ${route.method} ${route.path}`,
          ...(config.api.publicUrlTemplate
            ? { environment: { PUBLIC_URL_TEMPLATE: config.api.publicUrlTemplate } }
            : {}),
        },
      );
      this.api.addRoute({ ...route, service: 'platform', fn });
    }

    this.services = props.services.map((definition) => {
      const table = props.tables.get(definition.name);
      if (!table) throw new Error(`No table for service ${definition.name}`);
      const name = definition.name.charAt(0).toUpperCase() + definition.name.slice(1);
      // Each service in a nested stack of its own: its functions, queues, rules and alarms count against
      // that stack's 500-resource limit, not this one's (the API's resources and methods stay here).
      const stack = new NestedStack(this, `${name}Service`, {
        description: `Commerce ${config.stage}: the ${definition.name} service's functions, queues and alarms`,
      });
      return new Service(stack, name, {
        definition,
        config,
        table,
        bus: props.bus,
        api: this.api,
        alarmTopic: props.alarmTopic,
        cursorSecret: props.cursorSecret,
        userPool: identity.userPool,
      });
    });

    // Synchronous calls between services: each caller may invoke exactly the internal functions it names.
    const byName = new Map(this.services.map((s, i) => [props.services[i]!.name, s] as const));
    for (const caller of this.services) {
      for (const { fn, target } of caller.invocations) {
        const callee = byName.get(target.service)?.internalFunctions.get(target.name);
        if (!callee)
          throw new Error(`${caller.node.id} invokes ${target.service}/${target.name}, which does not exist`);
        // The function itself, not `:*` (its versions and aliases) as grantInvoke would: nothing is published.
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [callee.functionArn] }),
        );
        fn.addEnvironment(functionEnvName(target), callee.functionName);
      }
    }

    if (config.waf) {
      const webAcl = new ApiWebAcl(this, 'WebAcl', {
        name: `commerce-${config.stage}-api`,
        rateLimitPerIp: config.waf.rateLimitPerIp,
      });
      webAcl.associate('PublicStage', this.api.api.deploymentStage);
      webAcl.associate('PartnerStage', this.api.partnerApi.deploymentStage);
    } else {
      Validations.of(this).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason: `The ${config.stage} stage has no web ACL (waf: null): its emulator cannot associate one with a stage.`,
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url, description: 'Base URL of the public API' });
    // Not "…ApiUrl": the local tooling takes the output named ApiUrl as the main API (findApiBaseUrl).
    new CfnOutput(this, 'PartnerUrl', {
      value: this.api.partnerApi.url,
      description: 'Base URL of the partner API (API key and client-credentials token)',
    });
    new CfnOutput(this, 'ApiId', { value: this.api.api.restApiId });
    new CfnOutput(this, 'ApiStage', { value: config.api.stageName });
    new CfnOutput(this, 'EventBusName', { value: props.bus.eventBusName });
    for (const service of this.services) {
      for (const sub of service.subscriptions) {
        new CfnOutput(this, `${service.node.id}${sub.node.id}QueueUrl`, {
          value: sub.queue.queueUrl,
          description: `Queue of ${service.node.id} ${sub.node.id} (npm run redrive moves its DLQ back here)`,
        });
        new CfnOutput(this, `${service.node.id}${sub.node.id}DlqUrl`, {
          value: sub.deadLetterQueue.queue.queueUrl,
          description: `DLQ of ${service.node.id} ${sub.node.id}`,
        });
      }
      for (const [name, fn] of service.internalFunctions) {
        new CfnOutput(this, `${service.node.id}${name.charAt(0).toUpperCase()}${name.slice(1)}FunctionName`, {
          value: fn.functionName,
          description: `${service.node.id} internal function ${name} (Lambda Invoke under IAM)`,
        });
      }
    }
  }
}
