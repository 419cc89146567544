// How every Lambda is bundled, in one place for the CDK app and the bench: esbuild's JS API from this process
// (no shell and no esbuild process per function), one ESM entry file `index.mjs` for Node 24 with the AWS SDK
// inside (the emulator provides no SDK) and source maps. Packages with native code (sharp) stay imports and
// are copied in as installed, with their platform's binaries (native-modules.ts).
// Code splitting is on: a module reached only through a dynamic `import()` (the Stripe SDK in the payment
// service, the SDK's SSO/INI/web-identity credential providers) becomes a chunk that loads when that import
// runs, not at cold start. Modules both sides need go into shared chunks that `index.mjs` imports statically.
import { AssetHashType, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { installNativeModules, type NativeModules } from './native-modules.ts';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Lets an ESM bundle load CommonJS dependencies that call require(). */
export const ESM_REQUIRE_SHIM =
  "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";

/** The name of a function's entry output; the Lambda handler is `index.handler`. */
export const ENTRY_NAME = 'index';
/** What Lambda is told to call. */
export const LAMBDA_HANDLER = `${ENTRY_NAME}.handler`;

/** The esbuild options of every function bundle, without entry point and output directory. */
export const esbuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  splitting: true,
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_SHIM },
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
} as const satisfies esbuild.BuildOptions;

/** A handler file or, for the bench's synthetic modules, source text resolved from `resolveDir`. */
export type BundleEntry = string | { readonly source: string; readonly resolveDir: string };

/** The full esbuild options for one function: its entry written as `<outDir>/index.mjs`, chunks beside it. */
export function functionBuildOptions(entry: BundleEntry, outDir: string): esbuild.BuildOptions {
  return {
    ...esbuildOptions,
    mainFields: [...esbuildOptions.mainFields],
    outdir: outDir,
    ...(typeof entry === 'string'
      ? { entryPoints: [{ in: path.resolve(REPO_ROOT, entry), out: ENTRY_NAME }] }
      : {
          // stdin cannot be named through entryPoints; `entryNames` names its output instead.
          stdin: {
            contents: entry.source,
            resolveDir: entry.resolveDir,
            loader: 'ts',
            sourcefile: 'entry.ts',
          },
          entryNames: ENTRY_NAME,
        }),
  };
}

export interface FunctionBundle {
  /** Absolute path of `index.mjs`. */
  readonly entryFile: string;
  /** esbuild's account of the build: every output file, what it imports and which inputs it holds. */
  readonly metafile: esbuild.Metafile;
}

/**
 * Bundles one function into `outDir` (which should be its own, empty directory), `external` packages left as
 * imports (the native ones, which the CDK app copies in); for the bench.
 */
export async function bundleFunction(
  entry: BundleEntry,
  outDir: string,
  external: readonly string[] = [],
): Promise<FunctionBundle> {
  const result = await esbuild.build({
    ...functionBuildOptions(entry, outDir),
    ...(external.length > 0 ? { external: [...external] } : {}),
    metafile: true,
  });
  return { entryFile: path.resolve(outDir, `${ENTRY_NAME}.mjs`), metafile: result.metafile };
}

/**
 * The program of the bundling worker (plain CommonJS, run with `eval`). CDK asks for each bundle
 * synchronously, but esbuild's incremental rebuilds, which reuse the parsed modules of earlier builds
 * (every function parses the same AWS SDK, zod, Powertools and middy), exist only in its async API. So a
 * worker thread keeps one esbuild context and builds one entry per request while the main thread waits on an
 * Atomics flag. A plugin resolves the context's fixed entry `lambda-entry` to the requested file, so the
 * output is byte for byte what `esbuild.build` writes for that file (test/infra/bundling.test.ts checks it).
 * Outputs are written by the worker into the directory CDK stages; the context's own outdir is a sibling of
 * it, so the relative paths in the source maps are the same as if esbuild had written there.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require(workerData.esbuildPath);
const { port, flag } = workerData;
const signal = new Int32Array(flag);
const contexts = new Map();
let entry = '';
const entryPlugin = {
  name: 'lambda-entry',
  setup(build) {
    build.onResolve({ filter: /^lambda-entry$/ }, () => ({ path: entry }));
  },
};
async function bundle({ options, file, outputDir }) {
  const contextDir = path.join(path.dirname(outputDir), '.esbuild-context');
  const contextKey = contextDir + JSON.stringify(options.external || []);
  let context = contexts.get(contextKey);
  if (!context) {
    context = await esbuild.context({
      ...options,
      entryPoints: [{ in: 'lambda-entry', out: workerData.entryName }],
      outdir: contextDir,
      write: false,
      plugins: [entryPlugin],
    });
    contexts.set(contextKey, context);
  }
  entry = file;
  const result = await context.rebuild();
  for (const output of result.outputFiles) {
    const target = path.join(outputDir, path.relative(contextDir, output.path));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, output.contents);
  }
}
port.on('message', (request) => {
  bundle(request).then(
    () => port.postMessage({ ok: true }),
    (error) => port.postMessage({ ok: false, message: String(error && error.message ? error.message : error) }),
  ).finally(() => {
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
});
`;

/** How long one bundle may take before the worker counts as stuck. */
const BUNDLE_TIMEOUT_MS = 5 * 60_000;

/** A worker thread that bundles synchronously, for CDK's synchronous local bundling hook. */
class SyncBundler {
  readonly #port: MessagePort;
  readonly #signal = new Int32Array(new SharedArrayBuffer(4));

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        esbuildPath: createRequire(import.meta.url).resolve('esbuild'),
        entryName: ENTRY_NAME,
        port: port2,
        flag: this.#signal.buffer,
      },
      transferList: [port2],
    });
    // Neither the worker nor its port may keep a finished synth alive.
    worker.unref();
    port1.unref();
  }

  /** Bundles `file` into `outputDir`, leaving `external` packages as imports; throws esbuild's errors. */
  bundle(file: string, outputDir: string, external: readonly string[] = []): void {
    Atomics.store(this.#signal, 0, 0);
    const options = {
      ...esbuildOptions,
      mainFields: [...esbuildOptions.mainFields],
      ...(external.length > 0 ? { external: [...external] } : {}),
    };
    this.#port.postMessage({ options, file, outputDir });
    if (Atomics.wait(this.#signal, 0, 0, BUNDLE_TIMEOUT_MS) === 'timed-out') {
      throw new Error(`Bundling ${file} took longer than ${BUNDLE_TIMEOUT_MS / 1000} s`);
    }
    const reply = receiveMessageOnPort(this.#port)?.message as
      { ok: true } | { ok: false; message: string } | undefined;
    if (!reply) throw new Error(`The bundling worker gave no answer for ${file}`);
    if (!reply.ok) throw new Error(`Bundling ${file} failed: ${reply.message}`);
  }
}

let syncBundler: SyncBundler | undefined;

/**
 * CDK's local bundling step for one entry: esbuild in this process (a worker thread), writing only the built
 * files into the directory CDK stages as the asset. The entry is a public field so that it is part of CDK's
 * in-process asset cache key (which serializes the bundling options): two functions never share a bundle.
 */
class EsbuildLocalBundling implements ILocalBundling {
  readonly entry: string;
  readonly native: NativeModules | undefined;
  constructor(entry: string, native: NativeModules | undefined) {
    this.entry = entry;
    this.native = native;
  }
  tryBundle(outputDir: string): boolean {
    syncBundler ??= new SyncBundler();
    syncBundler.bundle(this.entry, outputDir, this.native?.modules ?? []);
    if (this.native) installNativeModules(outputDir, this.native);
    return true;
  }
}

/**
 * The code of a function whose handler file is `entry` (relative to the repository root, or absolute):
 * a directory asset with `index.mjs`, its chunks and their source maps. Handler: `LAMBDA_HANDLER`.
 *
 * Bundling goes through CDK's asset staging, so it happens only for stacks CDK bundles (`cdk deploy <stack>`
 * sets `bundlingStacks` to the stacks it deploys), and the asset hash is taken from the output: a function
 * whose bundle did not change keeps its hash, and its stack has nothing to deploy.
 */
export function lambdaCode(entry: string, native?: NativeModules): Code {
  return Code.fromAsset(REPO_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      local: new EsbuildLocalBundling(path.resolve(REPO_ROOT, entry), native),
      // Never pulled or run: local bundling always succeeds or throws. CDK requires an image.
      image: DockerImage.fromRegistry('dummy'),
    },
  });
}
