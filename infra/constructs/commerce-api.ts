// The public REST API (regional): stage throttling, JSON access logs, CORS, gateway errors as problem+json,
// and a route table recording who may call each route (enforced by the Auth service's authorizer).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  Cors,
  EndpointType,
  IdentitySource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RequestAuthorizer,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import type { CommerceFunction } from './commerce-function.ts';
import type { Access, HttpMethod } from './service-definition.ts';

export const CORRELATION_HEADER = 'X-Correlation-Id';

/** Gateway-generated errors and the status and problem type each leaves the API with. */
const gatewayProblems: readonly { type: ResponseType; status: string; slug: string; title: string }[] = [
  { type: ResponseType.UNAUTHORIZED, status: '401', slug: 'unauthorized', title: 'Authentication required' },
  { type: ResponseType.ACCESS_DENIED, status: '403', slug: 'forbidden', title: 'Access denied' },
  {
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    status: '404',
    slug: 'not-found',
    title: 'No such route',
  },
  { type: ResponseType.THROTTLED, status: '429', slug: 'throttled', title: 'Too many requests' },
  { type: ResponseType.QUOTA_EXCEEDED, status: '429', slug: 'quota-exceeded', title: 'Quota exceeded' },
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

export class CommerceApi extends Construct {
  readonly api: RestApi;
  /** Every route with the access it declares, for the authorizer and the docs. */
  readonly routes: RouteRecord[] = [];
  readonly corsOrigins: readonly string[];
  readonly authorizer: RequestAuthorizer;

  constructor(scope: Construct, id: string, props: CommerceApiProps) {
    super(scope, id);
    const { config } = props;
    this.corsOrigins = config.api.corsOrigins;
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.api = new RestApi(this, 'Api', {
      restApiName: `commerce-${config.stage}`,
      description: 'Commerce platform public API',
      endpointTypes: [EndpointType.REGIONAL],
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
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
      defaultCorsPreflightOptions: {
        allowOrigins: config.api.corsOrigins,
        allowMethods: Cors.ALL_METHODS,
        allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', CORRELATION_HEADER, 'X-Api-Key'],
        exposeHeaders: [CORRELATION_HEADER],
      },
    });

    this.authorizer = new RequestAuthorizer(this, 'Authorizer', {
      handler: props.authorizerFunction,
      identitySources: [IdentitySource.header('Authorization')],
      // The policy covers every route for the caller, so one answer per token serves all routes.
      resultsCacheTtl: Duration.minutes(5),
    });

    for (const g of gatewayProblems) {
      this.api.addGatewayResponse(`Problem${g.type.responseType}`, {
        type: g.type,
        statusCode: g.status,
        responseHeaders: { 'Content-Type': "'application/problem+json'" },
        templates: {
          'application/json': JSON.stringify({
            type: `urn:commerce:problem:${g.slug}`,
            title: g.title,
            status: Number(g.status),
            correlationId: '$context.requestId',
          }),
        },
      });
    }
  }

  /** Adds a route backed by a Lambda function and records the access it declares. */
  addRoute(
    route: Omit<RouteRecord, 'scopes'> & {
      scopes?: readonly string[];
      fn: CommerceFunction;
      summary: string;
    },
  ): void {
    route.fn.addEnvironment('CORS_ORIGINS', this.corsOrigins.join(','));
    const resource = this.api.root.resourceForPath(route.path);
    const isPublic = route.access === 'public';
    resource.addMethod(route.method, new LambdaIntegration(route.fn, { proxy: true }), {
      // Every protected route goes through the Auth service, which allows exactly what the route table says.
      ...(isPublic
        ? { authorizationType: AuthorizationType.NONE }
        : { authorizationType: AuthorizationType.CUSTOM, authorizer: this.authorizer }),
      operationName: `${route.service}:${route.method} ${route.path} [${route.access}]`,
    });
    this.routes.push({
      method: route.method,
      path: route.path,
      access: route.access,
      scopes: route.scopes ?? [],
      service: route.service,
    });
  }
}
