// Identity: the Cognito user pool for shoppers and staff, the staff groups, the partner resource server
// with its scopes, and one app client per kind of client. Token lifetimes are chosen per client (docs/auth.md).
import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { UserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolOperation,
  UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { AppOrigins } from '../config/app-origins.ts';
import type { StageConfig } from '../config/stage-config.ts';
import { CommerceFunction } from './commerce-function.ts';

/** Groups that carry rights; customers are in none. */
export const STAFF_GROUPS = ['admin', 'staff'] as const;

/** The resource server partners' client-credentials tokens are scoped to: `commerce/<scope>`. */
export const RESOURCE_SERVER = 'commerce';
export const PARTNER_SCOPES = {
  'catalog.write': 'Create and change products and categories',
  'orders.read': 'Read orders',
} as const;

export interface IdentityProps {
  readonly config: StageConfig;
  /** The customer service's table: the post-confirmation trigger creates profiles in it. */
  readonly customerTable: ITable;
  /** Where the apps are served: each app client signs in back to `<origin>/auth/callback` only. */
  readonly origins: AppOrigins;
}

/** The apps' sign-in callback path (packages/web-kit/src/auth.ts). */
export const CALLBACK_PATH = '/auth/callback';

export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly storefrontClient: UserPoolClient;
  readonly mobileClient: UserPoolClient;
  readonly adminConsoleClient: UserPoolClient;
  readonly integrationsClient: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const { config } = props;

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `commerce-${config.stage}`,
      featurePlan: config.identity.featurePlan === 'PLUS' ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(config.identity.featurePlan === 'PLUS'
        ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION }
        : {}),
      signInAliases: { email: true },
      signInCaseSensitive: false,
      selfSignUpEnabled: true,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      deletionProtection: config.retainData,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions::AwsSolutions-COG2',
      reason:
        'MFA stays optional for shoppers (TOTP available); the Auth service refuses staff and admin tokens ' +
        'without MFA wherever the stage sets identity.requireStaffMfa (dev, prod).',
    });
    if (config.identity.featurePlan !== 'PLUS') {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions::AwsSolutions-COG8',
        reason: `The ${config.stage} stage runs the Essentials plan; prod runs Plus with full threat protection.`,
      });
    }

    // The hosted OAuth endpoints, for partners' client-credentials token requests
    // (https://<prefix>.auth.<region>.amazoncognito.com/oauth2/token). Prefixes are unique per region across
    // all accounts, hence the account id in it; a custom domain can replace it without changing clients.
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: `commerce-${config.stage}-${Aws.ACCOUNT_ID}` },
    });

    // Adds `email` and, for staff, `mfa` to access tokens (functions/auth/pre-token-generation.ts). It lives
    // with the pool because a trigger must be in the pool's stack.
    const preTokenGeneration = new CommerceFunction(this, 'PreTokenGeneration', {
      entry: 'functions/auth/pre-token-generation.ts',
      service: 'auth',
      config,
      description: 'auth: adds email and MFA status to access tokens',
      timeout: Duration.seconds(5),
    });
    this.userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      preTokenGeneration,
      LambdaVersion.V2_0,
    );
    // A separate policy, not the function's default one: the function must not depend on the pool's ARN,
    // since the pool already depends on the function.
    new Policy(this, 'PreTokenGenerationReadUsers', {
      roles: [preTokenGeneration.role],
      statements: [
        new PolicyStatement({
          actions: ['cognito-idp:AdminGetUser'],
          resources: [this.userPool.userPoolArn],
        }),
      ],
    });

    // Creates the customer profile and announces customer.registered when a shopper confirms their sign-up
    // (functions/customer/post-confirmation.ts); the customer service's outbox relay publishes the event.
    const postConfirmation = new CommerceFunction(this, 'PostConfirmation', {
      entry: 'functions/customer/post-confirmation.ts',
      service: 'customer',
      config,
      description: 'customer: creates the profile of a newly confirmed shopper',
      timeout: Duration.seconds(5),
    }).bindTable(props.customerTable, 'readWrite');
    this.userPool.addTrigger(UserPoolOperation.POST_CONFIRMATION, postConfirmation);

    for (const [index, group] of STAFF_GROUPS.entries()) {
      new CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        description:
          group === 'admin' ? 'Everything, user management included' : 'Catalog, pricing, inventory, orders',
        precedence: index,
      });
    }

    const scopes = Object.entries(PARTNER_SCOPES).map(
      ([name, description]) => new ResourceServerScope({ scopeName: name, scopeDescription: description }),
    );
    const resourceServer = new UserPoolResourceServer(this, 'ResourceServer', {
      userPool: this.userPool,
      identifier: RESOURCE_SERVER,
      userPoolResourceServerName: 'Commerce API',
      scopes,
    });

    // People's apps: public clients (no secret) that sign in through the hosted pages with the authorization
    // code flow (PKCE, enforced for public clients) back to their own origins only, or by SRP (mobile).
    // aws.cognito.signin.user.admin lets a person's access token manage their own TOTP. Short access tokens,
    // long refresh for shoppers' "stay signed in".
    const hostedSignIn = (origins: readonly string[]) => ({
      flows: { authorizationCodeGrant: true },
      scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE, OAuthScope.COGNITO_ADMIN],
      callbackUrls: origins.map((o) => `${o}${CALLBACK_PATH}`),
      logoutUrls: origins.map((o) => `${o}/`),
    });
    const shopper = {
      generateSecret: false,
      authFlows: { userSrp: true },
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.days(30),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    };
    this.storefrontClient = this.userPool.addClient('Storefront', {
      ...shopper,
      userPoolClientName: 'storefront',
      oAuth: hostedSignIn(props.origins.storefront),
    });
    this.mobileClient = this.userPool.addClient('Mobile', {
      ...shopper,
      userPoolClientName: 'mobile',
      // SRP from the app itself; no hosted sign-in until the app has a callback URL scheme of its own.
      disableOAuth: true,
    });
    // Staff: a working day of refresh, then sign in again (with MFA).
    this.adminConsoleClient = this.userPool.addClient('AdminConsole', {
      ...shopper,
      userPoolClientName: 'admin-console',
      refreshTokenValidity: Duration.hours(12),
      oAuth: hostedSignIn(props.origins.adminConsole),
    });
    // Partners: confidential, client credentials with resource-server scopes; an hour per token.
    this.integrationsClient = this.userPool.addClient('Integrations', {
      userPoolClientName: 'integrations',
      generateSecret: true,
      authFlows: {},
      oAuth: {
        flows: { clientCredentials: true },
        scopes: scopes.map((s) => OAuthScope.resourceServer(resourceServer, s)),
      },
      accessTokenValidity: Duration.hours(1),
      enableTokenRevocation: true,
    });
  }

  /** Every app client whose tokens the API accepts. */
  get clients(): readonly UserPoolClient[] {
    return [this.storefrontClient, this.mobileClient, this.adminConsoleClient, this.integrationsClient];
  }
}
