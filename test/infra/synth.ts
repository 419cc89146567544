// Synthesizes the app for a stage without bundling Lambda code (assertions are about infrastructure).
import { App, NestedStack } from 'aws-cdk-lib';
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
  /** The services stack with its nested stacks (one per service) merged in, for assertions across them. */
  services: Template;
  /** The services stack alone (the API, its resources and methods, the authorizer). */
  servicesParent: Template;
  /** One template per service's nested stack, by the nested stack's construct id. */
  serviceStacks: Readonly<Record<string, Template>>;
  report: ValidationReport;
}

type TemplateJson = { Resources?: Record<string, unknown>; Outputs?: Record<string, unknown> };

/** One template holding the resources of all the given ones (logical ids are unique across them). */
function merged(templates: readonly Template[]): Template {
  const resources: Record<string, unknown> = {};
  for (const t of templates) {
    for (const [id, resource] of Object.entries((t.toJSON() as TemplateJson).Resources ?? {})) {
      if (id in resources) throw new Error(`Logical id ${id} is in two stacks`);
      resources[id] = resource;
    }
  }
  const outputs = (templates[0]?.toJSON() as TemplateJson | undefined)?.Outputs ?? {};
  return Template.fromJSON(
    { Resources: resources, Outputs: outputs },
    { skipCyclicalDependenciesCheck: true },
  );
}

export function synth(stage: 'local' | 'dev' | 'prod'): Synthesized {
  const outdir = mkdtempSync(path.join(tmpdir(), `cdk-${stage}-`));
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  const built = buildApp(loadStageConfig(stage), app);
  app.synth();
  const report = JSON.parse(
    readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'),
  ) as ValidationReport;
  const parent = Template.fromStack(built.services);
  const nested = built.services.node
    .findAll()
    .filter((c): c is NestedStack => c instanceof NestedStack)
    .map((stack) => [stack.node.id, Template.fromStack(stack)] as const);
  return {
    data: Template.fromStack(built.data),
    services: merged([parent, ...nested.map(([, t]) => t)]),
    servicesParent: parent,
    serviceStacks: Object.fromEntries(nested),
    report,
  };
}
