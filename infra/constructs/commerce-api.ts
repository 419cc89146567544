// The REST APIs (regional) as three layers, so that each service's routes deploy with the service:
//   - CommerceApi (the Api stack): both APIs themselves, their gateway errors as problem+json, the Auth
//     service's authorizer, the path segments several owners share, and the platform's own routes;
//   - ApiRoutes (each service's stack): the service's own path segments, its methods, CORS preflights and the
//     role through which API Gateway invokes exactly that service's route functions;
//   - ApiRelease (the ApiDeployment stack): each API's deployment and stage (throttling, access logs,
//     tracing), usage plans and the web ACL, redeployed when the routes change.
// The public API serves every route; the partner API the routes that declare scopes, behind API keys.
import { Aws, Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  AwsIntegration,
  CfnAccount,
  CfnAuthorizer,
  CfnRestApi,
  Cors,
  Deployment,
  GatewayResponse,
  LogGroupLogDestination,
  MethodLoggingLevel,
  Period,
  Resource,
  ResponseType,
  RestApi,
  Stage,
  UsagePlan,
  type CorsOptions,
  type IAuthorizer,
  type IResource,
  type IRestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Route } from '@commerce/lambda-kit/service';
import { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import { partnerUsagePlanName } from '../config/partner-names.ts';
import type { StageConfig } from '../config/stage-config.ts';
import { acknowledgeFinding } from '../nag-acknowledgements.ts';
import { InlineRole } from './inline-role.ts';

export const CORRELATION_HEADER = 'X-Correlation-Id';

/** Gateway-generated errors and the status and problem type each leaves the API with. */
const gatewayProblems: readonly {
  type: ResponseType;
  status: string;
  slug: string;
  title: string;
  detail?: string;
}[] = [
  { type: ResponseType.UNAUTHORIZED, status: '401', slug: 'unauthorized', title: 'Authentication required' },
  { type: ResponseType.ACCESS_DENIED, status: '403', slug: 'forbidden', title: 'Access denied' },
  {
    type: ResponseType.INVALID_API_KEY,
    status: '403',
    slug: 'invalid-api-key',
    title: 'Invalid API key',
    detail: 'Send the API key issued to you in the x-api-key header.',
  },
  {
    type: ResponseType.WAF_FILTERED,
    status: '403',
    slug: 'request-blocked',
    title: 'Request blocked',
    detail: 'The web application firewall refused this request.',
  },
  {
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    status: '404',
    slug: 'not-found',
    title: 'No such route',
  },
  {
    type: ResponseType.THROTTLED,
    status: '429',
    slug: 'throttled',
    title: 'Too many requests',
    detail: 'The request rate exceeds the limit of this API or of your API key; retry later.',
  },
  {
    type: ResponseType.QUOTA_EXCEEDED,
    status: '429',
    slug: 'quota-exceeded',
    title: 'Quota exceeded',
    detail: "Your API key has used its usage plan's quota for the current period.",
  },
  {
    type: ResponseType.REQUEST_TOO_LARGE,
    status: '413',
    slug: 'payload-too-large',
    title: 'Payload too large',
  },
  { type: ResponseType.DEFAULT_4XX, status: '400', slug: 'bad-request', title: 'Bad request' },
  { type: ResponseType.DEFAULT_5XX, status: '502', slug: 'gateway-error', title: 'Gateway error' },
];

/** `true` for the partner API: the routes that declare scopes. */
const servedBy = (partner: boolean) => (route: Route) => !partner || (route.scopes?.length ?? 0) > 0;

/** `/a/b/c` → `['/a', '/a/b', '/a/b/c']`. */
function prefixes(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`);
}

/**
 * Path segments used by more than one owner (services, or the platform), which the Api stack creates so
 * that no two stacks create the same segment. Every other segment belongs to the one service under it.
 */
export function sharedPaths(routes: readonly Route[]): Set<string> {
  const owners = new Map<string, Set<string>>();
  for (const route of routes) {
    for (const p of prefixes(route.path)) owners.set(p, (owners.get(p) ?? new Set()).add(route.owner));
  }
  return new Set([...owners].filter(([, o]) => o.size > 1 || o.has('platform')).map(([p]) => p));
}

/** What a stack needs to add routes to one of the APIs. */
export interface ApiEndpoint {
  readonly name: 'public' | 'partner';
  readonly restApiId: string;
  readonly rootResourceId: string;
  readonly authorizerId: string;
  /** The segments several owners share, created in the Api stack, by path. */
  readonly shared: ReadonlyMap<string, string>;
  /** Browser preflights (public API only). */
  readonly cors?: CorsOptions;
  /** Methods require an API key (partner API). */
  readonly apiKeyRequired: boolean;
  /** Which routes it serves. */
  readonly serves: (route: Route) => boolean;
}

export interface CommerceApiProps {
  readonly config: StageConfig;
  /** The Auth service's REQUEST authorizer function; it receives the `Authorization` header. */
  readonly authorizerFunction: IFunction;
  /** Origins browsers may call the API from (the apps'; tokens where CloudFront serves them). */
  readonly corsOrigins: readonly string[];
  /** Every route of the app, to find the path segments shared between stacks. */
  readonly routes: readonly Route[];
}

/** The APIs themselves, in the Api stack. */
export class CommerceApi extends Construct {
  readonly public: ApiEndpoint;
  readonly partner: ApiEndpoint;
  readonly corsOrigins: readonly string[];
  /**
   * Changes whenever what a deployment snapshots changes (routes, their access, preflights, gateway
   * responses), so that the ApiDeployment stack deploys the APIs again then, and only then.
   */
  readonly fingerprint: string;

  constructor(scope: Construct, id: string, props: CommerceApiProps) {
    super(scope, id);
    const { config } = props;
    this.corsOrigins = props.corsOrigins;
    const cors: CorsOptions = {
      allowOrigins: [...props.corsOrigins],
      allowMethods: Cors.ALL_METHODS,
      allowHeaders: [
        'Content-Type',
        'Authorization',
        'Idempotency-Key',
        'X-Cart-Secret',
        CORRELATION_HEADER,
        'X-Api-Key',
      ],
      exposeHeaders: [CORRELATION_HEADER, 'Server-Timing'],
    };

    // The account-wide role API Gateway writes logs with (one per account and region).
    const loggingRole = new Role(this, 'CloudWatchRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      managedPolicies: [
        ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs'),
      ],
    });
    loggingRole.applyRemovalPolicy(config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
    acknowledgeFinding(loggingRole, {
      rule: 'IAM4',
      appliesTo: [
        'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
      ],
      reason:
        'The account-level role API Gateway needs to write execution logs; AWS scopes this managed policy to logs.',
    });
    new CfnAccount(this, 'Account', { cloudWatchRoleArn: loggingRole.roleArn }).node.addDependency(
      loggingRole,
    );

    const build = (name: 'public' | 'partner'): ApiEndpoint => {
      const partner = name === 'partner';
      const scopeOf = partner ? new Construct(this, 'Partner') : this;
      const api = new CfnRestApi(scopeOf, 'Api', {
        name: restApiName(config.stage, name),
        description: partner
          ? 'Commerce platform partner API: API key and client-credentials token on every route'
          : 'Commerce platform public API',
        endpointConfiguration: { types: ['REGIONAL'] },
        // The header is the default key source; stated because partners rely on it.
        ...(partner ? { apiKeySourceType: 'HEADER' } : {}),
      });
      acknowledgeFinding(api, {
        rule: 'APIG2',
        reason:
          'Each handler validates path, query and body with zod and answers problem+json with field-level ' +
          'errors; gateway request validation would answer first, in another shape.',
      });
      const handle = RestApi.fromRestApiAttributes(scopeOf, 'Handle', {
        restApiId: api.ref,
        rootResourceId: api.attrRootResourceId,
      });
      const authorizer = new CfnAuthorizer(scopeOf, 'Authorizer', {
        restApiId: api.ref,
        name: `${name}-auth-service`,
        type: 'REQUEST',
        authorizerUri: `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}:lambda:path/2015-03-31/functions/${props.authorizerFunction.functionArn}/invocations`,
        identitySource: 'method.request.header.Authorization',
        // The policy covers every route for the caller, so one answer per token serves all routes.
        authorizerResultTtlInSeconds: Duration.minutes(5).toSeconds(),
      });
      props.authorizerFunction.addPermission(`ApiGatewayInvoke-${name}`, {
        principal: new ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: `arn:${Aws.PARTITION}:execute-api:${Aws.REGION}:${Aws.ACCOUNT_ID}:${api.ref}/authorizers/${authorizer.ref}`,
      });
      for (const g of gatewayProblems) {
        new GatewayResponse(scopeOf, `Problem${g.type.responseType}`, {
          restApi: handle,
          type: g.type,
          statusCode: g.status,
          responseHeaders: { 'Content-Type': "'application/problem+json'" },
          templates: {
            'application/json': JSON.stringify({
              type: `urn:commerce:problem:${g.slug}`,
              title: g.title,
              status: Number(g.status),
              ...(g.detail ? { detail: g.detail } : {}),
              correlationId: '$context.requestId',
            }),
          },
        });
      }
      const routes = props.routes.filter(servedBy(partner));
      const withMethods = new Set(routes.map((r) => r.path));
      const shared = new Map<string, string>();
      const resources = new Map<string, IResource>([['', handle.root]]);
      for (const path of [...sharedPaths(routes)].sort()) {
        const parent = resources.get(path.slice(0, path.lastIndexOf('/')));
        if (!parent) throw new Error(`Shared path ${path} has no parent`);
        const resource = parent.addResource(path.slice(path.lastIndexOf('/') + 1));
        if (!partner && withMethods.has(path)) resource.addCorsPreflight(cors);
        resources.set(path, resource);
        shared.set(path, resource.resourceId);
      }
      return {
        name,
        restApiId: api.ref,
        rootResourceId: api.attrRootResourceId,
        authorizerId: authorizer.ref,
        shared,
        ...(partner ? {} : { cors }),
        apiKeyRequired: partner,
        serves: servedBy(partner),
      };
    };
    this.public = build('public');
    this.partner = build('partner');

    this.fingerprint = createHash('sha256')
      .update(
        JSON.stringify({
          routes: props.routes.map((r) => [r.key, r.access, r.scopes ?? [], r.owner, r.entry]),
          // The configured apps rather than the origins, which are unresolved tokens where CloudFront serves
          // them (their text is not stable between syntheses).
          cors: { ...cors, allowOrigins: config.apps },
          gatewayProblems,
        }),
      )
      .digest('hex')
      .slice(0, 16);
  }
}

/** A route to put on the APIs, backed by its function. */
export interface RouteTarget {
  readonly route: Route;
  readonly fn: IFunction;
}

/**
 * One stack's routes on both APIs: the path segments only it uses, a method per route (through the Auth
 * service unless public), preflights, and the role API Gateway invokes these functions with.
 */
export class ApiRoutes extends Construct {
  /** The role API Gateway assumes to invoke this stack's route functions, and nothing else. */
  readonly invokeRole: InlineRole | undefined;

  constructor(
    scope: Construct,
    id: string,
    props: { endpoints: readonly ApiEndpoint[]; targets: readonly RouteTarget[] },
  ) {
    super(scope, id);
    const functions = [...new Set(props.targets.map((t) => t.fn))];
    if (functions.length === 0) {
      this.invokeRole = undefined;
      return;
    }
    const invokeRole = new InlineRole(this, 'InvokeRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description: `API Gateway invokes the route functions of ${Stack.of(this).stackName} with this role`,
    });
    invokeRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: functions.map((fn) => fn.functionArn),
      }),
    );
    this.invokeRole = invokeRole;

    for (const endpoint of props.endpoints) {
      const targets = props.targets.filter((t) => endpoint.serves(t.route));
      if (targets.length === 0) continue;
      const scopeOf = new Construct(this, endpoint.name === 'public' ? 'Public' : 'Partner');
      const api = RestApi.fromRestApiAttributes(scopeOf, 'Api', {
        restApiId: endpoint.restApiId,
        rootResourceId: endpoint.rootResourceId,
      });
      const authorizer: IAuthorizer = {
        authorizerId: endpoint.authorizerId,
        authorizationType: AuthorizationType.CUSTOM,
      };
      const withMethods = new Set(targets.map((t) => t.route.path));
      const resources = new Map<string, IResource>([['', api.root]]);
      const resourceFor = (path: string): IResource => {
        const known = resources.get(path);
        if (known) return known;
        const sharedId = endpoint.shared.get(path);
        let resource: IResource;
        if (sharedId !== undefined) {
          resource = Resource.fromResourceAttributes(scopeOf, `Shared${path}`, {
            resourceId: sharedId,
            restApi: api,
            path,
          });
        } else {
          const parent = resourceFor(path.slice(0, path.lastIndexOf('/')));
          resource = parent.addResource(path.slice(path.lastIndexOf('/') + 1));
          if (endpoint.cors && withMethods.has(path)) resource.addCorsPreflight(endpoint.cors);
        }
        resources.set(path, resource);
        return resource;
      };
      for (const { route, fn } of targets) {
        const method = resourceFor(route.path).addMethod(
          route.method,
          new AwsIntegration({
            proxy: true,
            service: 'lambda',
            path: `2015-03-31/functions/${fn.functionArn}/invocations`,
            options: { credentialsRole: invokeRole },
          }),
          {
            // Every protected route goes through the Auth service, which allows exactly what the route table says.
            ...(route.access === 'public'
              ? { authorizationType: AuthorizationType.NONE }
              : { authorizationType: AuthorizationType.CUSTOM, authorizer }),
            apiKeyRequired: endpoint.apiKeyRequired,
            operationName: `${route.owner}:${route.method} ${route.path} [${route.access}]`,
          },
        );
        acknowledgeFinding(method, {
          rule: 'COG4',
          reason:
            'The API authorizes with the Auth service Lambda authorizer (Cognito JWT or API key), not a ' +
            'Cognito authorizer.',
        });
        if (route.access === 'public') {
          acknowledgeFinding(method, {
            rule: 'APIG4',
            reason: `${route.key} is public by design (its declaration in functions/${route.owner}/routes.ts).`,
          });
        }
      }
    }
  }
}

export interface ApiReleaseProps {
  readonly config: StageConfig;
  readonly api: CommerceApi;
}

/** The name of a stage's REST API: its metrics' ApiName dimension too. */
export function restApiName(stage: string, api: 'public' | 'partner'): string {
  return api === 'partner' ? `commerce-${stage}-partners` : `commerce-${stage}`;
}

/** Each API's deployment and stage, and the partner tiers' usage plans, after every route is in place. */
export class ApiRelease extends Construct {
  readonly publicStage: Stage;
  readonly partnerStage: Stage;
  /** The usage plan of each partner tier, by tier name. */
  readonly usagePlans: ReadonlyMap<string, UsagePlan>;
  readonly publicApi: IRestApi;
  readonly partnerApi: IRestApi;

  constructor(scope: Construct, id: string, props: ApiReleaseProps) {
    super(scope, id);
    const { config, api } = props;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const release = (endpoint: ApiEndpoint): { api: IRestApi; stage: Stage } => {
      const scopeOf = new Construct(this, endpoint.name === 'public' ? 'Public' : 'Partner');
      const restApi = RestApi.fromRestApiAttributes(scopeOf, 'Api', {
        restApiId: endpoint.restApiId,
        rootResourceId: endpoint.rootResourceId,
      });
      const deployment = new Deployment(scopeOf, 'Deployment', {
        api: restApi,
        description: `Routes ${api.fingerprint}`,
      });
      // A new logical id, hence a new deployment, whenever the routes change.
      deployment.addToLogicalId(api.fingerprint);
      const accessLogs = new LogGroup(scopeOf, 'AccessLogs', {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy,
      });
      const stage = new Stage(scopeOf, 'Stage', {
        deployment,
        stageName: config.api.stageName,
        throttlingRateLimit: config.api.throttleRateLimit,
        throttlingBurstLimit: config.api.throttleBurstLimit,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: config.lambda.tracing,
      });
      return { api: restApi, stage };
    };
    ({ api: this.publicApi, stage: this.publicStage } = release(api.public));
    ({ api: this.partnerApi, stage: this.partnerStage } = release(api.partner));

    const usagePlans = new Map<string, UsagePlan>();
    for (const [tier, limits] of Object.entries(config.partners.tiers)) {
      const plan = new UsagePlan(this, `UsagePlan-${tier}`, {
        name: partnerUsagePlanName(config.stage, tier),
        description: `Partner tier ${tier}: ${limits.rateLimit} req/s, ${limits.quota.limit} per ${limits.quota.period.toLowerCase()}`,
        throttle: { rateLimit: limits.rateLimit, burstLimit: limits.burstLimit },
        quota: { limit: limits.quota.limit, period: Period[limits.quota.period] },
        apiStages: [{ api: this.partnerApi, stage: this.partnerStage }],
      });
      Tags.of(plan).add('partner-tier', tier);
      usagePlans.set(tier, plan);
    }
    this.usagePlans = usagePlans;
  }
}
