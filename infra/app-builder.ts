// Builds the whole app for one stage; used by infra/app.ts and by the infrastructure tests.
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { StageConfig } from './config/stage-config.ts';
import { services } from './services/index.ts';
import { DataStack } from './stacks/data-stack.ts';
import { ServicesStack } from './stacks/services-stack.ts';
import { acknowledgeNagFindings } from './nag-acknowledgements.ts';

export interface CommerceApp {
  readonly app: App;
  readonly data: DataStack;
  readonly services: ServicesStack;
}

export function buildApp(config: StageConfig, app: App = new App()): CommerceApp {
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.region };
  const prefix = `Commerce-${config.stage}`;
  const data = new DataStack(app, `${prefix}-Data`, {
    env,
    config,
    services,
    description: `Commerce ${config.stage}: stateful resources (bus, tables, keys)`,
    terminationProtection: config.retainData,
  });
  const stateless = new ServicesStack(app, `${prefix}-Services`, {
    env,
    config,
    services,
    tables: data.tables,
    bus: data.bus,
    cursorSecret: data.cursorSecret,
    alarmTopic: data.alarmTopic,
    identity: data.identity,
    description: `Commerce ${config.stage}: API, functions and subscriptions`,
  });
  stateless.addStackDependency(data);

  Tags.of(app).add('app', 'commerce');
  Tags.of(app).add('stage', config.stage);
  acknowledgeNagFindings(data, stateless);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, data, services: stateless };
}
