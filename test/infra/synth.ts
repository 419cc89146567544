// Synthesizes the app for a stage without bundling Lambda code (assertions are about infrastructure).
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../infra/app-builder.ts';
import { loadStageConfig } from '../../infra/config/stages.ts';

export interface ValidationReport {
  pluginReports: {
    pluginName: string;
    conclusion: 'success' | 'failure';
    violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
    suppressedViolations?: { ruleName: string; suppressionReason?: string; reason?: string }[];
  }[];
}

export interface Synthesized {
  data: Template;
  services: Template;
  report: ValidationReport;
}

export function synth(stage: 'local' | 'dev' | 'prod'): Synthesized {
  const outdir = mkdtempSync(path.join(tmpdir(), `cdk-${stage}-`));
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  const built = buildApp(loadStageConfig(stage), app);
  app.synth();
  const report = JSON.parse(
    readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'),
  ) as ValidationReport;
  return { data: Template.fromStack(built.data), services: Template.fromStack(built.services), report };
}
