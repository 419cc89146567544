// The APIs and what every service's routes hang off: the Auth service's authorizer, both REST APIs with
// their gateway errors, the path segments several services share, and the platform's own routes (liveness,
// the OpenAPI document). Deployed before the service stacks, which add their routes to these APIs.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Route } from '@commerce/lambda-kit/service';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { ApiRoutes, CommerceApi } from '../constructs/commerce-api.ts';
import { CommerceFunction, houseLogGroup } from '../constructs/commerce-function.ts';
import type { Identity } from '../constructs/identity.ts';
import { routeId } from '../constructs/service.ts';

export interface ApiStackProps extends StackProps {
  readonly config: StageConfig;
  readonly identity: Identity;
  /** Origins browsers may call the API from (the apps'). */
  readonly corsOrigins: readonly string[];
  /** Every route of the app (to find shared path segments). */
  readonly routes: readonly Route[];
  /** The platform's own routes, served from this stack. */
  readonly platformRoutes: readonly Route[];
}

export class ApiStack extends Stack {
  readonly api: CommerceApi;
  readonly authorizer: CommerceFunction;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, identity } = props;
    // The Auth service: verifies Cognito access tokens and answers with the caller's policy.
    this.authorizer = new CommerceFunction(this, 'Authorizer', {
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
    this.api = new CommerceApi(this, 'Api', {
      config,
      authorizerFunction: this.authorizer,
      corsOrigins: props.corsOrigins,
      routes: props.routes,
    });
    // Tells the authorizer which API is the partner one (no cycle: the function needs the API's id only).
    this.authorizer.addEnvironment('PARTNER_API_ID', this.api.partner.restApiId);

    // Routes of the platform itself: a liveness probe that runs the HTTP stack only (the bench's baseline)
    // and the OpenAPI document.
    const logGroup = houseLogGroup(this, 'PlatformLogs', config);
    const targets = props.platformRoutes.map((route) => {
      const fn = new CommerceFunction(this, routeId(route.method, route.path), {
        entry: route.entry,
        service: 'platform',
        config,
        description: `platform: ${route.method} ${route.path}`,
        logGroup,
        environment: {
          CORS_ORIGINS: props.corsOrigins.join(','),
          ...(config.api.publicUrlTemplate ? { PUBLIC_URL_TEMPLATE: config.api.publicUrlTemplate } : {}),
        },
      });
      return { route, fn };
    });
    new ApiRoutes(this, 'PlatformRoutes', { endpoints: [this.api.public, this.api.partner], targets });

    new CfnOutput(this, 'ApiId', { value: this.api.public.restApiId });
    new CfnOutput(this, 'PartnerApiId', { value: this.api.partner.restApiId });
  }
}
