// Part 1 of the bench, building: finds every Lambda function of the app, bundles each with the exact esbuild
// options the house function construct uses, and builds its "floor": a bundle that only imports and
// constructs the AWS SDK clients the function's bundle contains, with an empty handler.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { esbuildOptions } from '../../infra/constructs/bundling.ts';
import { platformRoutes, services } from '../../infra/services/index.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Functions every stage deploys besides the services' own (infra/stacks/services-stack.ts, constructs/service.ts). */
const PLATFORM_FUNCTIONS = [
  ...platformRoutes.map((r) => ({ entry: r.entry, trigger: `${r.method} ${r.path}` })),
  { entry: 'functions/platform/outbox-relay.ts', trigger: 'DynamoDB stream (per service)' },
  { entry: 'functions/auth/authorizer.ts', trigger: 'API Gateway REQUEST authorizer' },
  { entry: 'functions/auth/pre-token-generation.ts', trigger: 'Cognito pre token generation' },
  { entry: 'functions/customer/post-confirmation.ts', trigger: 'Cognito post confirmation' },
] as const;

export interface LambdaFunction {
  /** Short name: the entry's path under functions/ without `.ts`, e.g. `catalog/http/get-product`. */
  readonly name: string;
  /** Handler file relative to the repository root. */
  readonly entry: string;
  /** What invokes it, e.g. `GET /products/{id}` or `SQS review-aggregated`. */
  readonly trigger: string;
}

/** Every function of the app: routes and subscriptions of infra/services/index.ts, plus the platform ones. */
export function appFunctions(): LambdaFunction[] {
  const found = [
    ...services.flatMap((s) => [
      ...s.routes.map((r) => ({ entry: r.entry, trigger: `${r.method} ${r.path}` })),
      ...s.subscriptions.map((sub) => ({ entry: sub.entry, trigger: `SQS ${s.name}/${sub.name}` })),
      ...(s.internal ?? []).map((f) => ({ entry: f.entry, trigger: `internal ${s.name}/${f.name}` })),
    ]),
    ...PLATFORM_FUNCTIONS,
  ];
  const byEntry = new Map<string, LambdaFunction>();
  for (const { entry, trigger } of found) {
    if (!fs.existsSync(path.join(REPO_ROOT, entry))) throw new Error(`Handler file ${entry} does not exist`);
    const known = byEntry.get(entry);
    const name = entry.replace(/^functions\//, '').replace(/\.ts$/, '');
    byEntry.set(entry, { name, entry, trigger: known ? `${known.trigger}, ${trigger}` : trigger });
  }
  return [...byEntry.values()];
}

export interface PackageBytes {
  /** npm package name, or `(app) <dir>` for the repository's own code. */
  readonly name: string;
  /** Bytes this package contributes to the minified bundle. */
  readonly bytes: number;
}

export interface Bundle {
  /** Absolute path of the .mjs file. */
  readonly file: string;
  /** Size of the .mjs in bytes (the source map is not counted). */
  readonly bytes: number;
  readonly mapBytes: number;
  /** Contributors to the bundle, largest first. */
  readonly packages: readonly PackageBytes[];
  /** `@aws-sdk/client-*` and `@aws-sdk/lib-*` packages with code in the bundle, sorted. */
  readonly sdkPackages: readonly string[];
}

const NODE_MODULES_PACKAGE = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//;

/** The package an esbuild input path belongs to (its innermost node_modules package), or app code. */
function packageOf(input: string): string {
  const all = [...input.matchAll(new RegExp(NODE_MODULES_PACKAGE, 'g'))];
  const last = all.at(-1);
  if (last?.[1]) return last[1];
  const [first, second] = input.split('/');
  return `(app) ${first === 'packages' && second ? `${first}/${second}` : (first ?? input)}`;
}

async function build(
  target: Pick<esbuild.BuildOptions, 'entryPoints' | 'outdir' | 'outfile' | 'stdin'>,
  outFile: string,
): Promise<Bundle> {
  const result = await esbuild.build({
    ...esbuildOptions,
    mainFields: [...esbuildOptions.mainFields],
    ...target,
    metafile: true,
  });
  const outputs = Object.entries(result.metafile.outputs).map(([p, o]) => ({ ...o, file: path.resolve(p) }));
  const js = outputs.find((o) => o.file === outFile);
  const map = outputs.find((o) => o.file === `${outFile}.map`);
  if (!js) throw new Error(`esbuild wrote no ${outFile}`);
  const totals = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(js.inputs)) {
    if (bytesInOutput === 0) continue;
    const name = packageOf(input);
    totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
  }
  const packages = [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
  return {
    file: outFile,
    bytes: fs.statSync(outFile).size,
    mapBytes: map ? fs.statSync(map.file).size : 0,
    packages,
    sdkPackages: packages
      .map((p) => p.name)
      .filter((n) => /^@aws-sdk\/(client|lib)-/.test(n))
      .sort(),
  };
}

/** Bundles one handler file into `<outDir>/<name>.mjs`. */
export function bundleFunction(fn: LambdaFunction, outDir: string): Promise<Bundle> {
  return build(
    { entryPoints: [{ in: path.join(REPO_ROOT, fn.entry), out: fn.name }], outdir: outDir },
    path.join(outDir, `${fn.name}.mjs`),
  );
}

/** The client class a `@aws-sdk/client-*` package exports, e.g. `DynamoDBClient` (its `<Name>Client.d.ts`). */
function clientClassOf(pkg: string): string {
  const typesDir = path.join(REPO_ROOT, 'node_modules', pkg, 'dist-types');
  const classes = fs
    .readdirSync(typesDir)
    .filter((f) => /^[A-Z]\w*Client\.d\.ts$/.test(f))
    .map((f) => f.replace(/\.d\.ts$/, ''));
  if (classes.length !== 1 || !classes[0]) {
    throw new Error(`Cannot tell the client class of ${pkg}: found ${JSON.stringify(classes)}`);
  }
  return classes[0];
}

/** Source of a floor module: imports the SDK packages, constructs one client of each, empty handler. */
export function floorSource(sdkPackages: readonly string[]): string {
  const lines: string[] = [];
  const values: string[] = [];
  const clients = new Map<string, string>();
  for (const pkg of sdkPackages.filter((p) => p.startsWith('@aws-sdk/client-'))) {
    const cls = clientClassOf(pkg);
    lines.push(`import { ${cls} } from '${pkg}';`);
    clients.set(pkg, `new ${cls}({})`);
  }
  for (const pkg of sdkPackages.filter((p) => p.startsWith('@aws-sdk/lib-'))) {
    if (pkg === '@aws-sdk/lib-dynamodb') {
      const base = clients.get('@aws-sdk/client-dynamodb');
      if (!base) throw new Error('@aws-sdk/lib-dynamodb without @aws-sdk/client-dynamodb');
      lines.push(`import { DynamoDBDocumentClient } from '${pkg}';`);
      clients.set('@aws-sdk/client-dynamodb', `DynamoDBDocumentClient.from(${base})`);
    } else {
      // Another lib package: keep all of it, which over- rather than under-states the floor.
      const ns = `lib_${values.length}`;
      lines.push(`import * as ${ns} from '${pkg}';`);
      values.push(ns);
    }
  }
  values.push(...clients.values());
  lines.push(`export const clients = [${values.join(', ')}];`);
  lines.push('export const handler = async () => {};');
  return `${lines.join('\n')}\n`;
}

/** Bundles a module given as source (resolving imports from the repository root) into `<outDir>/<name>.mjs`. */
export function bundleSource(contents: string, name: string, outDir: string): Promise<Bundle> {
  const outFile = path.join(outDir, `${name}.mjs`);
  return build(
    {
      stdin: { contents, resolveDir: REPO_ROOT, sourcefile: `${name}.js`, loader: 'js' },
      outfile: outFile,
    },
    outFile,
  );
}

/** Builds the floor of a set of SDK packages into `<outDir>/floor/<key>.mjs`. */
export function bundleFloor(sdkPackages: readonly string[], outDir: string): Promise<Bundle> {
  return bundleSource(floorSource(sdkPackages), `floor/${floorKey(sdkPackages)}`, outDir);
}

/** A stable file-name key for a set of SDK packages, e.g. `client-dynamodb+lib-dynamodb`, or `none`. */
export function floorKey(sdkPackages: readonly string[]): string {
  return sdkPackages.length === 0 ? 'none' : sdkPackages.map((p) => p.replace(/^@aws-sdk\//, '')).join('+');
}
