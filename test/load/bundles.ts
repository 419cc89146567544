// Part 1 of the bench, building: finds every Lambda function of the app, bundles each with the bundler the CDK
// app uses (infra/constructs/bundling.ts: code splitting on), tells which output files load at init and which
// only when a dynamic import() runs, and builds each function's "floor": a bundle, built the same way, that
// only imports and constructs the AWS SDK clients the function loads at init, with an empty handler.
import type { Metafile } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { type BundleEntry, bundleFunction as bundleEntry } from '../../infra/constructs/bundling.ts';
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
  /** Packages with native code left as imports, as the CDK app bundles them (sharp). */
  readonly external?: readonly string[];
}

/**
 * Every function of the app: routes, subscriptions, internal functions and bucket upload consumers of
 * infra/services/index.ts, plus the platform ones.
 */
export function appFunctions(): LambdaFunction[] {
  const found: { entry: string; trigger: string; external?: readonly string[] }[] = [
    ...services.flatMap((s) => [
      ...s.routes.map((r) => ({ entry: r.entry, trigger: `${r.method} ${r.path}` })),
      ...s.subscriptions.map((sub) => ({ entry: sub.entry, trigger: `SQS ${s.name}/${sub.name}` })),
      ...(s.internal ?? []).map((f) => ({ entry: f.entry, trigger: `internal ${s.name}/${f.name}` })),
      ...(s.storage?.onUpload
        ? [
            {
              entry: s.storage.onUpload.entry,
              trigger: `S3 uploads ${s.name}`,
              external: s.storage.onUpload.nativeModules ?? [],
            },
          ]
        : []),
    ]),
    ...PLATFORM_FUNCTIONS,
  ];
  const byEntry = new Map<string, LambdaFunction>();
  for (const { entry, trigger, external } of found) {
    if (!fs.existsSync(path.join(REPO_ROOT, entry))) throw new Error(`Handler file ${entry} does not exist`);
    const known = byEntry.get(entry);
    const name = entry.replace(/^functions\//, '').replace(/\.ts$/, '');
    byEntry.set(entry, {
      name,
      entry,
      trigger: known ? `${known.trigger}, ${trigger}` : trigger,
      ...(external?.length ? { external } : {}),
    });
  }
  return [...byEntry.values()];
}

export interface PackageBytes {
  /** npm package name, or `(app) <dir>` for the repository's own code. */
  readonly name: string;
  /** Bytes this package contributes to the minified output files counted. */
  readonly bytes: number;
}

export interface Bundle {
  /** Absolute path of the entry file, `index.mjs`. */
  readonly file: string;
  /**
   * Bytes that load at init: the entry file plus every chunk it imports statically, directly or through
   * another chunk (`.mjs` only, not the source maps). This is the bundle size the targets are about.
   */
  readonly bytes: number;
  /** Output files counted in `bytes`, relative to the bundle's directory. */
  readonly initFiles: readonly string[];
  /** Bytes of the chunks that load only when a dynamic `import()` runs (and of their own static imports). */
  readonly lazyBytes: number;
  readonly lazyFiles: readonly string[];
  /** All source maps of the bundle together. */
  readonly mapBytes: number;
  /** Contributors to the files that load at init, largest first. */
  readonly packages: readonly PackageBytes[];
  /** Contributors to the lazily loaded chunks, largest first. */
  readonly lazyPackages: readonly PackageBytes[];
  /** `@aws-sdk/client-*` and `@aws-sdk/lib-*` packages with code in the files that load at init, sorted. */
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

type Output = Metafile['outputs'][string];

/** Every output reached from `roots` through static imports, roots included. */
function staticClosure(roots: readonly string[], outputs: ReadonlyMap<string, Output>): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const i of outputs.get(file)?.imports ?? []) {
      if (!i.external && i.kind === 'import-statement') queue.push(path.resolve(i.path));
    }
  }
  return seen;
}

function packageTotals(files: Iterable<string>, outputs: ReadonlyMap<string, Output>): PackageBytes[] {
  const totals = new Map<string, number>();
  for (const file of files) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs.get(file)?.inputs ?? {})) {
      if (bytesInOutput === 0) continue;
      const name = packageOf(input);
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/**
 * Splits a function's output files into what loads at init (the entry and its static imports) and what
 * loads only behind a dynamic import(). Every `.mjs` esbuild wrote is in exactly one of the two.
 */
export function describeBundle(entryFile: string, metafile: Metafile): Bundle {
  const dir = path.dirname(entryFile);
  const outputs = new Map(Object.entries(metafile.outputs).map(([p, o]) => [path.resolve(p), o]));
  const code = [...outputs.keys()].filter((f) => f.endsWith('.mjs'));
  if (!outputs.has(entryFile)) throw new Error(`esbuild wrote no ${entryFile}`);
  const init = staticClosure([entryFile], outputs);
  const lazy = code.filter((f) => !init.has(f));
  const size = (f: string) => fs.statSync(f).size;
  const sum = (files: Iterable<string>) => [...files].reduce((n, f) => n + size(f), 0);
  const packages = packageTotals(init, outputs);
  return {
    file: entryFile,
    bytes: sum(init),
    initFiles: [...init].map((f) => path.relative(dir, f)).sort(),
    lazyBytes: sum(lazy),
    lazyFiles: lazy.map((f) => path.relative(dir, f)).sort(),
    mapBytes: sum([...outputs.keys()].filter((f) => f.endsWith('.map'))),
    packages,
    lazyPackages: packageTotals(lazy, outputs),
    sdkPackages: packages
      .map((p) => p.name)
      .filter((n) => /^@aws-sdk\/(client|lib)-/.test(n))
      .sort(),
  };
}

async function build(entry: BundleEntry, dir: string, external: readonly string[] = []): Promise<Bundle> {
  const { entryFile, metafile } = await bundleEntry(entry, dir, external);
  return describeBundle(entryFile, metafile);
}

/** Bundles one handler file into `<outDir>/<name>/` (`index.mjs` and its chunks). */
export function bundleFunction(fn: LambdaFunction, outDir: string): Promise<Bundle> {
  return build(fn.entry, path.join(outDir, fn.name), fn.external);
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

/** Bundles a module given as source (resolving imports from the repository root) into `<outDir>/<name>/`. */
export function bundleSource(contents: string, name: string, outDir: string): Promise<Bundle> {
  return build({ source: contents, resolveDir: REPO_ROOT }, path.join(outDir, name));
}

/** Builds the floor of a set of SDK packages into `<outDir>/floor/<key>/`. */
export function bundleFloor(sdkPackages: readonly string[], outDir: string): Promise<Bundle> {
  return bundleSource(floorSource(sdkPackages), `floor/${floorKey(sdkPackages)}`, outDir);
}

/** A stable file-name key for a set of SDK packages, e.g. `client-dynamodb+lib-dynamodb`, or `none`. */
export function floorKey(sdkPackages: readonly string[]): string {
  return sdkPackages.length === 0 ? 'none' : sdkPackages.map((p) => p.replace(/^@aws-sdk\//, '')).join('+');
}
