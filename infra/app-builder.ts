// Builds the whole app for one stage; used by infra/app.ts and by the infrastructure tests.
//   Commerce-<stage>-Data           stateful: bus, tables, buckets (media + CDN), identity, secrets, alarms
//   Commerce-<stage>-Api            the APIs, the authorizer, shared path segments, platform routes
//   Commerce-<stage>-<Service>      one per service: its functions, routes, subscriptions and alarms
//   Commerce-<stage>-ApiDeployment  the APIs' deployments and stages, usage plans, web ACL
//   Commerce-<stage>-Web            (CloudFront stages) the apps' buckets and distributions, before Data
//   Commerce-<stage>-WebContent     (CloudFront stages) the apps' files and runtime settings, last
import { App, Tags, Validations } from 'aws-cdk-lib';
import { promotionsScheduleFired, reviewRequestDue } from '@commerce/contracts';
import type { ServiceDefinition } from '@commerce/lambda-kit/service';
import { AwsSolutionsChecks } from 'cdk-nag';
import path from 'node:path';
import { appOrigins, corsOrigins } from './config/app-origins.ts';
import { validStageConfig, type StageConfig } from './config/stage-config.ts';
import { OneTimeSchedules } from './constructs/one-time-schedules.ts';
import { allRoutes, platformRoutes, services as declaredServices } from './services/index.ts';
import { catalogueScheduling } from '../functions/promotions/service.ts';
import { reviewRequestScheduling } from '../functions/review/service.ts';
import { ApiDeploymentStack } from './stacks/api-deployment-stack.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { DataStack } from './stacks/data-stack.ts';
import { capitalize, ServiceStack } from './stacks/service-stack.ts';
import { WebContentStack } from './stacks/web-content-stack.ts';
import { WebStack } from './stacks/web-stack.ts';

export interface CommerceApp {
  readonly app: App;
  readonly data: DataStack;
  readonly api: ApiStack;
  /** One stack per service, by service name. */
  readonly services: ReadonlyMap<string, ServiceStack>;
  readonly deployment: ApiDeploymentStack;
  /** Where CloudFront serves the apps; absent where they are served locally. */
  readonly web?: { readonly hosting: WebStack; readonly content: WebContentStack };
}

/** Every `invokes` names an internal function some service declares; a typo fails the synth, not a request. */
function assertInvokeTargets(services: readonly ServiceDefinition<StageConfig>[]): void {
  const declared = new Set(services.flatMap((s) => (s.internal ?? []).map((f) => `${s.name}/${f.name}`)));
  for (const s of services) {
    for (const caller of [...s.routes, ...s.subscriptions, ...(s.internal ?? [])]) {
      for (const target of caller.invokes ?? []) {
        if (!declared.has(`${target.service}/${target.name}`)) {
          throw new Error(`${caller.entry} invokes ${target.service}/${target.name}, which does not exist`);
        }
      }
    }
  }
}

export function buildApp(
  stageConfig: StageConfig,
  app: App = new App(),
  services: readonly ServiceDefinition<StageConfig>[] = declaredServices,
): CommerceApp {
  // Validated here too, so no caller can synthesize a stage its rules forbid (prod with the sandbox).
  const config = validStageConfig(stageConfig);
  assertInvokeTargets(services);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.region };
  const prefix = `Commerce-${config.stage}`;
  const hosting =
    config.apps.hosting === 'cloudfront'
      ? new WebStack(app, `${prefix}-Web`, {
          env,
          config,
          description: `Commerce ${config.stage}: where the admin console and the storefront are served`,
        })
      : undefined;
  const origins = appOrigins(
    config,
    hosting && { storefront: hosting.storefront.origin, adminConsole: hosting.adminConsole.origin },
  );
  const data = new DataStack(app, `${prefix}-Data`, {
    env,
    config,
    origins,
    services,
    ...(hosting ? { logBucket: hosting.logBucket } : {}),
    description: `Commerce ${config.stage}: stateful resources (bus, tables, buckets, identity, keys)`,
    terminationProtection: config.retainData,
  });
  const routes = [...platformRoutes, ...services.flatMap((s) => s.routes)];
  const api = new ApiStack(app, `${prefix}-Api`, {
    env,
    config,
    identity: data.identity,
    corsOrigins: corsOrigins(origins),
    routes: services === declaredServices ? allRoutes : routes,
    platformRoutes,
    description: `Commerce ${config.stage}: the APIs, the Auth service, platform routes`,
  });
  const serviceStacks = new Map<string, ServiceStack>();
  for (const definition of services) {
    const table = data.tables.get(definition.name);
    if (!table) throw new Error(`No table for service ${definition.name}`);
    const stack = new ServiceStack(app, `${prefix}-${capitalize(definition.name)}`, {
      env,
      config,
      definition,
      table,
      bus: data.bus,
      apis: [api.api.public, api.api.partner],
      alarmTopic: data.alarmTopic,
      cursorSecret: data.cursorSecret,
      userPool: data.identity.userPool,
      corsOrigins: corsOrigins(origins),
      environment: {
        ...(definition.name === 'search' && data.searchDomain
          ? { SEARCH_ENDPOINT: data.searchDomain.url }
          : {}),
        ...(data.buckets.has(definition.name)
          ? { PUBLIC_BASE_URL: data.buckets.get(definition.name)!.publicBaseUrl }
          : {}),
        // The links in the emails (the storefront's main address).
        ...(definition.name === 'notification' ? { STOREFRONT_URL: origins.storefront[0]! } : {}),
      },
      description: `Commerce ${config.stage}: the ${definition.name} service (${definition.description})`,
    });
    stack.addStackDependency(api);
    // Catalogue promotions start and end by one-time schedules: their group, Scheduler's role, their DLQ.
    if (definition.name === 'promotions') {
      new OneTimeSchedules(stack, 'CatalogueSchedules', {
        config,
        service: stack.service,
        target: promotionsScheduleFired,
        names: catalogueScheduling(config.stage, config.region),
        alarmTopic: data.alarmTopic,
        purpose: 'catalogue promotions’ starts and ends',
      });
    }
    // Review requests go out by one-time schedules some days after each delivery.
    if (definition.name === 'review') {
      new OneTimeSchedules(stack, 'ReviewRequestSchedules', {
        config,
        service: stack.service,
        target: reviewRequestDue,
        names: reviewRequestScheduling(config.stage, config.region),
        alarmTopic: data.alarmTopic,
        purpose: 'review requests after deliveries',
      });
    }
    serviceStacks.set(definition.name, stack);
  }
  const deployment = new ApiDeploymentStack(app, `${prefix}-ApiDeployment`, {
    env,
    config,
    api: api.api,
    alarmTopic: data.alarmTopic,
    description: `Commerce ${config.stage}: the APIs' deployments and stages`,
  });
  for (const stack of serviceStacks.values()) deployment.addStackDependency(stack);
  const content =
    hosting &&
    new WebContentStack(app, `${prefix}-WebContent`, {
      env,
      config,
      identity: data.identity,
      apiUrl: deployment.apiUrl,
      apps: [
        { app: hosting.storefront, name: 'storefront', client: data.identity.storefrontClient },
        { app: hosting.adminConsole, name: 'admin-console', client: data.identity.adminConsoleClient },
      ],
      root: path.resolve(import.meta.dirname, '..'),
      description: `Commerce ${config.stage}: the apps' files and runtime settings`,
    });

  Tags.of(app).add('app', 'commerce');
  Tags.of(app).add('stage', config.stage);
  // cdk-nag findings are acknowledged on the resources that have them (infra/nag-acknowledgements.ts).
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return {
    app,
    data,
    api,
    services: serviceStacks,
    deployment,
    ...(hosting && content ? { web: { hosting, content } } : {}),
  };
}
