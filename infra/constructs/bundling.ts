// How every Lambda is bundled: one minified ESM file for Node 24 with the AWS SDK inside (the emulator
// provides no SDK) and a source map. Shared by the house function construct and the bench.

/** Lets an ESM bundle load CommonJS dependencies that call require(). */
export const ESM_REQUIRE_SHIM =
  "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";

/** esbuild options equivalent to what CommerceFunction asks NodejsFunction for. */
export const esbuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_SHIM },
  outExtension: { '.js': '.mjs' },
} as const;
