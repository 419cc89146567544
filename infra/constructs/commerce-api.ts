// The REST APIs (regional): the public API, and the partner API serving the routes that declare scopes
// behind API keys with a usage plan per partner tier. Both have stage throttling, JSON access logs, gateway
// errors as problem+json and the Auth service's authorizer; the route table records who may call each route.
import { Duration, Names, RemovalPolicy, Tags } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  AccessLogFormat,
  ApiKeySourceType,
  AuthorizationType,
  Cors,
  EndpointType,
  IdentitySource,
  AwsIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  Period,
  RequestAuthorizer,
  ResponseType,
  RestApi,
  type CorsOptions,
  type UsagePlan,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { partnerUsagePlanName } from '../config/partner-names.ts';
import type { StageConfig } from '../config/stage-config.ts';
import type { CommerceFunction } from './commerce-function.ts';
import type { HttpMethod } from '@commerce/lambda-kit/contract';
import type { Access } from '@commerce/lambda-kit/service';

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

export interface RouteRecord {
  readonly method: HttpMethod;
  readonly path: string;
  readonly access: Access;
  readonly scopes: readonly string[];
  readonly service: string;
}

export interface CommerceApiProps {
  readonly config: StageConfig;
  /** The Auth service's REQUEST authorizer function; it receives the `Authorization` header. */
  readonly authorizerFunction: IFunction;
}

interface HouseRestApiProps extends CommerceApiProps {
  readonly restApiName: string;
  readonly description: string;
  /** Preflight answers for browsers; none for server-to-server APIs. */
  readonly cors?: CorsOptions;
  /** Whether this API creates the account-wide role API Gateway logs with; exactly one API per account does. */
  readonly cloudWatchRole: boolean;
  /** Methods may require API keys, read from the x-api-key header. */
  readonly apiKeys: boolean;
}

/**
 * A REST API with the house settings: regional, stage throttling, JSON access logs, execution logs on
 * errors, gateway errors as problem+json, and a REQUEST authorizer backed by the Auth service.
 */
function houseRestApi(
  scope: Construct,
  props: HouseRestApiProps,
): { api: RestApi; authorizer: RequestAuthorizer } {
  const { config } = props;
  const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  const accessLogs = new LogGroup(scope, 'AccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy });
  const api = new RestApi(scope, 'Api', {
    restApiName: props.restApiName,
    description: props.description,
    endpointTypes: [EndpointType.REGIONAL],
    // The header is the default key source; stated because partners rely on it.
    ...(props.apiKeys ? { apiKeySourceType: ApiKeySourceType.HEADER } : {}),
    cloudWatchRole: props.cloudWatchRole,
    ...(props.cloudWatchRole ? { cloudWatchRoleRemovalPolicy: removalPolicy } : {}),
    deployOptions: {
      stageName: config.api.stageName,
      throttlingRateLimit: config.api.throttleRateLimit,
      throttlingBurstLimit: config.api.throttleBurstLimit,
      accessLogDestination: new LogGroupLogDestination(accessLogs),
      accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
      loggingLevel: MethodLoggingLevel.ERROR,
      dataTraceEnabled: false,
      metricsEnabled: true,
      tracingEnabled: config.lambda.tracing,
    },
    ...(props.cors ? { defaultCorsPreflightOptions: props.cors } : {}),
  });

  const authorizer = new RequestAuthorizer(scope, 'Authorizer', {
    handler: props.authorizerFunction,
    identitySources: [IdentitySource.header('Authorization')],
    // The policy covers every route for the caller, so one answer per token serves all routes.
    resultsCacheTtl: Duration.minutes(5),
  });

  for (const g of gatewayProblems) {
    api.addGatewayResponse(`Problem${g.type.responseType}`, {
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
  return { api, authorizer };
}

/** A Lambda proxy integration that adds no permission (addRoute grants one in the function's own stack). */
function lambdaProxy(fn: IFunction): AwsIntegration {
  return new AwsIntegration({
    proxy: true,
    service: 'lambda',
    path: `2015-03-31/functions/${fn.functionArn}/invocations`,
  });
}

export class CommerceApi extends Construct {
  /** The public API: storefront, apps and staff; every route of the route table. */
  readonly api: RestApi;
  readonly authorizer: RequestAuthorizer;
  /**
   * The partner API: only the routes that declare scopes, each requiring an API key (x-api-key) in a
   * partner tier's usage plan as well as a client-credentials token.
   */
  readonly partnerApi: RestApi;
  readonly partnerAuthorizer: RequestAuthorizer;
  /** The usage plan of each partner tier, by tier name. */
  readonly usagePlans: ReadonlyMap<string, UsagePlan>;
  /** Every route with the access it declares, for the authorizer and the docs. */
  readonly routes: RouteRecord[] = [];
  readonly corsOrigins: readonly string[];
  private readonly stageName: string;

  constructor(scope: Construct, id: string, props: CommerceApiProps) {
    super(scope, id);
    const { config } = props;
    this.corsOrigins = config.api.corsOrigins;
    this.stageName = config.api.stageName;

    ({ api: this.api, authorizer: this.authorizer } = houseRestApi(this, {
      ...props,
      restApiName: `commerce-${config.stage}`,
      description: 'Commerce platform public API',
      cloudWatchRole: true,
      apiKeys: false,
      cors: {
        allowOrigins: config.api.corsOrigins,
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
      },
    }));

    // Partners call server to server: no CORS. The account's logging role comes with the public API.
    const partner = new Construct(this, 'Partner');
    ({ api: this.partnerApi, authorizer: this.partnerAuthorizer } = houseRestApi(partner, {
      ...props,
      restApiName: `commerce-${config.stage}-partners`,
      description: 'Commerce platform partner API: API key and client-credentials token on every route',
      cloudWatchRole: false,
      apiKeys: true,
    }));
    const loggingRole = this.api.node.tryFindChild('Account');
    if (loggingRole) this.partnerApi.deploymentStage.node.addDependency(loggingRole);

    const usagePlans = new Map<string, UsagePlan>();
    for (const [tier, limits] of Object.entries(config.partners.tiers)) {
      const plan = this.partnerApi.addUsagePlan(`UsagePlan-${tier}`, {
        name: partnerUsagePlanName(config.stage, tier),
        description: `Partner tier ${tier}: ${limits.rateLimit} req/s, ${limits.quota.limit} per ${limits.quota.period.toLowerCase()}`,
        throttle: { rateLimit: limits.rateLimit, burstLimit: limits.burstLimit },
        quota: { limit: limits.quota.limit, period: Period[limits.quota.period] },
        apiStages: [{ api: this.partnerApi, stage: this.partnerApi.deploymentStage }],
      });
      Tags.of(plan).add('partner-tier', tier);
      usagePlans.set(tier, plan);
    }
    this.usagePlans = usagePlans;
  }

  /**
   * Adds a route backed by a Lambda function and records the access it declares. A route that declares
   * scopes is served by the partner API too, behind an API key.
   */
  addRoute(
    route: Omit<RouteRecord, 'scopes'> & {
      scopes?: readonly string[];
      fn: CommerceFunction;
      summary: string;
    },
  ): void {
    route.fn.addEnvironment('CORS_ORIGINS', this.corsOrigins.join(','));
    const isPublic = route.access === 'public';
    const scopes = route.scopes ?? [];
    const targets = [
      { api: this.api, authorizer: this.authorizer, apiKeyRequired: false },
      ...(scopes.length
        ? [{ api: this.partnerApi, authorizer: this.partnerAuthorizer, apiKeyRequired: true }]
        : []),
    ];
    for (const { api, authorizer, apiKeyRequired } of targets) {
      // The invoke permission lives with the function (in its service's nested stack), scoped to this
      // method, path and stage: LambdaIntegration would put two per method into this stack, which holds
      // every route of both APIs and would reach CloudFormation's 500-resource limit.
      route.fn.addPermission(`ApiInvoke-${Names.uniqueId(api)}`, {
        principal: new ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: api.arnForExecuteApi(
          route.method,
          route.path.replace(/\{[^}]*\}/g, '*'),
          // The stage's name as configured, not the Stage's token: the Stage depends on the methods,
          // which depend on this function's stack, so a reference back would be a cycle.
          this.stageName,
        ),
      });
      api.root.resourceForPath(route.path).addMethod(route.method, lambdaProxy(route.fn), {
        // Every protected route goes through the Auth service, which allows exactly what the route table says.
        ...(isPublic
          ? { authorizationType: AuthorizationType.NONE }
          : { authorizationType: AuthorizationType.CUSTOM, authorizer }),
        apiKeyRequired,
        operationName: `${route.service}:${route.method} ${route.path} [${route.access}]`,
      });
    }
    this.routes.push({
      method: route.method,
      path: route.path,
      access: route.access,
      scopes,
      service: route.service,
    });
  }
}
