// CDK entry: `cdk synth|deploy -c stage=local|dev|prod`.
import { App } from 'aws-cdk-lib';
import { buildApp } from './app-builder.ts';
import { loadStageConfig } from './config/stages.ts';

const app = new App();
buildApp(loadStageConfig(app.node.tryGetContext('stage')), app);
app.synth();
