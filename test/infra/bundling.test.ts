// The shared bundler as CDK uses it (lambdaCode): bundling in-process through CDK's asset staging, an asset
// of built files only, a separate chunk for a dynamically imported module, a hash that follows the output,
// and no bundling for stacks CDK was told not to bundle.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleFunction, LAMBDA_HANDLER, lambdaCode } from '../../infra/constructs/bundling.ts';

const ENTRY = 'test/fixtures/bundling/handler.ts';
const GREETING = 'test/fixtures/bundling/greeting.ts';
const RARELY_MARKER = 'rarely-loaded-chunk-marker';

interface Synthesized {
  readonly outdir: string;
  /** The asset hash the function's code points at (its S3 key without `.zip`). */
  readonly assetHash: string;
  /** The same for each further entry, in order. */
  readonly otherHashes: readonly string[];
}

/** A stack with one function for ENTRY and one for each of `others`. */
function synthTinyStack(context: Record<string, unknown> = {}, others: readonly string[] = []): Synthesized {
  const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-bundling-'));
  const app = new App({ outdir, context });
  const stack = new Stack(app, 'Tiny');
  [ENTRY, ...others].forEach((entry, i) => {
    new LambdaFunction(stack, `Fn${i}`, {
      runtime: Runtime.NODEJS_24_X,
      handler: LAMBDA_HANDLER,
      code: lambdaCode(entry),
    });
  });
  app.synth();
  const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  const hashes = Object.keys(functions)
    .sort()
    .map((id) => {
      const fn = functions[id] as { Properties: { Code: { S3Key: string } } };
      return fn.Properties.Code.S3Key.replace(/\.zip$/, '');
    });
  const [assetHash, ...otherHashes] = hashes;
  if (!assetHash) throw new Error('no function in the template');
  return { outdir, assetHash, otherHashes };
}

describe('lambdaCode', () => {
  const first = synthTinyStack();
  const assetDir = path.join(first.outdir, `asset.${first.assetHash}`);

  it('stages index.mjs, its source map and a separate chunk for the dynamically imported module', () => {
    const files = readdirSync(assetDir).sort();
    expect(files).toContain('index.mjs');
    expect(files).toContain('index.mjs.map');
    const read = (f: string) => readFileSync(path.join(assetDir, f), 'utf8');
    expect(read('index.mjs')).not.toContain(RARELY_MARKER);
    expect(read('index.mjs')).toContain('hello from the');
    const chunks = files.filter((f) => f.endsWith('.mjs') && f !== 'index.mjs');
    const lazy = chunks.filter((f) => read(f).includes(RARELY_MARKER));
    expect(lazy).toHaveLength(1);
    // index.mjs loads it with import(), not with a static import.
    expect(read('index.mjs')).toMatch(
      new RegExp(`import\\(\\s*["']\\./${lazy[0]?.replace('.', '\\.')}["']\\s*\\)`),
    );
    expect(files).toContain(`${lazy[0]}.map`);
  });

  it('builds byte for byte what the bench builds with bundleFunction', async () => {
    // A directory beside the asset's, so that the source maps' relative paths are comparable.
    const direct = path.join(first.outdir, 'direct');
    await bundleFunction(ENTRY, direct);
    const files = readdirSync(direct).sort();
    expect(readdirSync(assetDir).sort()).toEqual(files);
    for (const f of files) {
      expect(readFileSync(path.join(assetDir, f)).equals(readFileSync(path.join(direct, f))), f).toBe(true);
    }
  });

  it('puts only the built files in the asset, nothing copied from the repository', () => {
    expect(readdirSync(assetDir).filter((f) => !/\.mjs(\.map)?$/.test(f))).toEqual([]);
  });

  it('gives an unchanged entry the same asset hash in a second synth', () => {
    const second = synthTinyStack();
    expect(second.outdir).not.toBe(first.outdir);
    expect(second.assetHash).toBe(first.assetHash);
  });

  it('bundles each entry on its own, even when several functions share the repository as asset source', async () => {
    const both = synthTinyStack({}, [GREETING]);
    const [other] = both.otherHashes;
    expect(both.assetHash).toBe(first.assetHash);
    expect(other).toBeDefined();
    expect(other).not.toBe(first.assetHash);
    const otherIndex = readFileSync(path.join(both.outdir, `asset.${other}`, 'index.mjs'), 'utf8');
    expect(otherIndex).toContain('hello from the');
    expect(otherIndex).not.toContain('import(');
    // The second bundle comes from a warm esbuild context and is still what a fresh build gives.
    const direct = path.join(both.outdir, 'direct');
    await bundleFunction(GREETING, direct);
    const otherDir = path.join(both.outdir, `asset.${other}`);
    for (const f of readdirSync(direct)) {
      expect(readFileSync(path.join(otherDir, f)).equals(readFileSync(path.join(direct, f))), f).toBe(true);
    }
  });

  it('fails the synth with the esbuild error when an entry cannot be bundled', () => {
    expect(() => synthTinyStack({}, ['test/fixtures/bundling/no-such-handler.ts'])).toThrow(
      /no-such-handler\.ts failed: Build failed with 1 error:.*no-such-handler\.ts/s,
    );
  });

  it('does not bundle a stack that is not among the bundling stacks', () => {
    const skipped = synthTinyStack({ 'aws:cdk:bundling-stacks': ['SomeOtherStack'] });
    expect(skipped.assetHash).not.toBe(first.assetHash);
    expect(existsSync(path.join(skipped.outdir, `asset.${skipped.assetHash}`))).toBe(false);
    expect(readdirSync(skipped.outdir).filter((f) => f.startsWith('asset.'))).toEqual([]);
  });
});
