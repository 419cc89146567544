// Synthesizes the app for a stage without bundling Lambda code (assertions are about infrastructure).
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../infra/app-builder.ts';
import { loadStageConfig } from '../../infra/config/stages.ts';
import { services } from '../../infra/services/index.ts';

export interface ValidationReport {
  pluginReports: {
    pluginName: string;
    conclusion: 'success' | 'failure';
    violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
    suppressedViolations?: { ruleName: string; suppressionReason?: string; reason?: string }[];
  }[];
}

export interface Synthesized {
  /** The synthesized app (its construct tree, e.g. for where findings are acknowledged). */
  app: App;
  data: Template;
  /** Every stateless stack (Api, the services, ApiDeployment) merged, for assertions across them. */
  services: Template;
  /** The Api stack alone (the APIs, the authorizer, shared path segments, platform routes). */
  api: Template;
  /** The ApiDeployment stack (deployments, stages, usage plans, web ACL). */
  deployment: Template;
  /** One template per service stack, by service name (`catalog`, `orders`, ...). */
  serviceStacks: Readonly<Record<string, Template>>;
  /** Where CloudFront serves the apps (Web) and their files and settings (WebContent); absent locally. */
  web?: { hosting: Template; content: Template };
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
  const api = Template.fromStack(built.api);
  const deployment = Template.fromStack(built.deployment);
  const serviceStacks = [...built.services].map(
    ([name, stack]) => [name, Template.fromStack(stack)] as const,
  );
  return {
    app,
    data: Template.fromStack(built.data),
    services: merged([deployment, api, ...serviceStacks.map(([, t]) => t)]),
    api,
    deployment,
    serviceStacks: Object.fromEntries(serviceStacks),
    ...(built.web
      ? {
          web: {
            hosting: Template.fromStack(built.web.hosting),
            content: Template.fromStack(built.web.content),
          },
        }
      : {}),
    report,
  };
}

type PolicyStatementJson = {
  Action: string | string[];
  Resource: unknown;
  Effect?: string;
  Condition?: Record<string, Record<string, unknown>>;
};
type IamResource = {
  Type: string;
  Properties: {
    Policies?: { PolicyDocument: { Statement: PolicyStatementJson[] } }[];
    PolicyDocument?: { Statement: PolicyStatementJson[] };
  };
};

/**
 * The IAM statements granted by the roles (inline policies) and policies whose logical id starts with
 * `prefix` (a function's role is `<function id>Role…`).
 */
export function statementsOf(template: Template, prefix = ''): PolicyStatementJson[] {
  const resources = (template.toJSON() as { Resources: Record<string, IamResource> }).Resources;
  return Object.entries(resources)
    .filter(
      ([id, r]) => id.startsWith(prefix) && (r.Type === 'AWS::IAM::Role' || r.Type === 'AWS::IAM::Policy'),
    )
    .flatMap(([, r]) => [
      ...(r.Properties.Policies ?? []).flatMap((p) => p.PolicyDocument.Statement),
      ...(r.Properties.PolicyDocument?.Statement ?? []),
    ]);
}

/** The actions of some statements, flattened. */
export const actionsOf = (statements: readonly PolicyStatementJson[]): string[] =>
  statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

/** Whether a template value refers to a logical id, by Ref or through a cross-stack import. */
export const refersTo = (value: unknown, logicalId: string): boolean =>
  JSON.stringify(value).includes(logicalId);

/**
 * Synthesizes a synthetic app in which every service declares each of its routes twice (the copy under
 * `/copy`), and answers each stack's resource count: the headroom test for services still to come.
 */
export function synthDoubled(stage: 'local' | 'dev' | 'prod'): { name: string; resources: number }[] {
  const doubled = services.map((s) => ({
    ...s,
    routes: [
      ...s.routes,
      ...s.routes.map((r) => ({ ...r, key: `${r.method} /copy${r.path}` as const, path: `/copy${r.path}` })),
    ],
  }));
  const app = new App({
    outdir: mkdtempSync(path.join(tmpdir(), `cdk-${stage}-doubled-`)),
    context: { 'aws:cdk:bundling-stacks': [] },
  });
  buildApp(loadStageConfig(stage), app, doubled);
  return app.synth().stacks.map((s) => ({
    name: s.stackName,
    resources: Object.keys((s.template as { Resources: object }).Resources).length,
  }));
}
