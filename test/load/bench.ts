// npm run bench [-- --no-http] [--no-checkout] [--no-redeploy] [--runs N] [--nice N] [--requests N] [--checkouts N]
//                 [--keep-cloud]
//
// Measures, and prints as PASS/FAIL against the targets in docs/bench.md (it is a measurement, not a test:
// it exits 0 whether targets pass or fail, non-zero only when something could not be measured):
//   0. the admin console's and the storefront's initial JavaScript, gzipped, ≤ 250 KB each;
//   1. per Lambda function: the minified code that loads at init (entry file + statically imported chunks;
//      lazily imported chunks are reported beside it) and cold init time (median over fresh Node processes
//      of `await import(bundle)`), next to a "floor" bundle holding only the AWS SDK clients it loads;
//   2. p50/p99 latency of GET /products/{id} and of its reviews page (GET /products/{id}/reviews) next to the
//      no-op GET /health through the local API gateway.
//   3. checkout (unless --no-checkout): p50/p99 of POST /carts/{id}/checkout one shopper at a time with the
//      orders function's DynamoDB calls (its Server-Timing header), and checkouts/s with 10 shoppers at once.
//   5. search (unless --no-search): a generated catalog of 5,000 products, bulk indexing (reindex documents/s),
//      freshness p50/p95 of 50 price and stock changes (≤ 5 s), and GET /search p50 next to the same query
//      straight to OpenSearch over 300 queries (≤ 1.5×) (test/load/search-bench.ts).
//   6. promotions (unless --no-promotions): checkout p50 and the orders function's DynamoDB calls without and
//      with a code promotion (≤ 1 more call), and pricing's quote p50 against 10, 100 and 1,000 active
//      automatic promotions (1,000 ≤ 1.5× 10) (test/load/promotions-bench.ts).
//   7. media (unless --no-media): a 2000 × 1500 JPEG from the form POST to its served files, p50 over
//      --media-uploads N (≤ 5 s) (test/load/media-bench.ts).
//   4. redeploy (unless --no-redeploy): a one-line change to one handler, deployed locally and checked live on
//      the same API URL; target under 60 s.
// Writes every number and sample to bench-results/bench.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  appFunctions,
  type Bundle,
  bundleFloor,
  bundleFunction,
  bundleSource,
  floorKey,
  floorSource,
  type LambdaFunction,
  type PackageBytes,
  REPO_ROOT,
} from './bundles.ts';
import { appBundles } from './app-bundles.ts';
import { type InitTarget, timeImports } from './cold-start.ts';
import { checkoutBench, type CheckoutBench } from './checkout-bench.ts';
import { redeployBench, REDEPLOY_TARGET_SECONDS, type RedeployBench } from './redeploy-bench.ts';
import { createBenchProduct, findApi, measureLatency, releaseApi } from './http-latency.ts';
import { MEDIA_TARGETS, mediaBench, type MediaBench } from './media-bench.ts';
import { PROMOTION_TARGETS, promotionsBench, type PromotionsBench } from './promotions-bench.ts';
import { searchBench, SEARCH_TARGETS, type SearchBench } from './search-bench.ts';
import { median, percentile, round } from './stats.ts';

const TARGETS = {
  /** Cold init of a function at most this many times its floor's. */
  initRatio: 1.3,
  /** Code loaded at init (.mjs, without source maps) at most this many bytes above the floor bundle's. */
  bundleOverFloorBytes: 200 * 1024,
  /** p50 of GET /products/{id} at most this many times the p50 of GET /health. */
  latencyRatio: 2,
} as const;

/** The function whose bundle is broken down by package and timed with source maps on, too. */
const DETAIL_FUNCTION = 'catalog/http/get-product';
const HTTP_WARMUP = 30;

/**
 * Bundles that split a function's init into its parts: the detail function's floor plus one component each,
 * constructed the way packages/lambda-kit and the function do; the difference to the floor is that
 * component's cost. The components are not additive (a bigger bundle costs more to parse and compile as a
 * whole), so "all of the above" is measured too, and the function minus that is our own code.
 */
const COMPONENTS = {
  zod: "import * as z from 'zod';\nexport const schema = z.object({ id: z.string() });",
  events: [
    '// The event catalog schemas the catalog routes build on.',
    "import { categorySnapshot, productSnapshot } from '@commerce/events';",
    'export const eventSchemas = [productSnapshot, categorySnapshot];',
  ].join('\n'),
  requestSchemas: [
    '// The request schemas of every catalog route (params, queries, bodies).',
    "import * as catalogSchemas from './functions/catalog/schemas.ts';",
    'export const requestSchemas = catalogSchemas;',
  ].join('\n'),
  routeSchemas: [
    '// Every route schema of the catalog service, as each catalog handler imports them.',
    "import { catalogRoutes } from './functions/catalog/routes.ts';",
    'export const routes = catalogRoutes;',
  ].join('\n'),
  logger: "import { Logger } from '@aws-lambda-powertools/logger';\nexport const logger = new Logger();",
  metrics: "import { Metrics } from '@aws-lambda-powertools/metrics';\nexport const metrics = new Metrics();",
  middy: [
    "import middy from '@middy/core';",
    "import httpCors from '@middy/http-cors';",
    "import httpSecurityHeaders from '@middy/http-security-headers';",
    "export const chain = middy().use(httpSecurityHeaders()).use(httpCors({ origins: ['https://a.example'] }));",
  ].join('\n'),
  kitHttp: [
    "// The kit's HTTP stack as every route builds it (zod, Powertools, middy and the kit), no schemas.",
    "import { httpRoute } from '@commerce/lambda-kit/http';",
    'export const route = httpRoute({ handler: () => Promise.resolve({ status: 204 }) });',
  ].join('\n'),
} as const;
const PROBES: readonly { name: string; parts: readonly (keyof typeof COMPONENTS)[] }[] = [
  { name: 'zod (import, one schema)', parts: ['zod'] },
  { name: 'zod + event schemas (product, category)', parts: ['zod', 'events'] },
  { name: 'zod + catalog request schemas', parts: ['zod', 'requestSchemas'] },
  { name: 'zod + catalog routes (request, response, events)', parts: ['zod', 'routeSchemas'] },
  { name: 'Logger + Metrics', parts: ['logger', 'metrics'] },
  { name: 'middy + CORS + security headers', parts: ['middy'] },
  { name: 'kit HTTP stack, no schemas (zod, Powertools, middy)', parts: ['kitHttp'] },
  { name: 'all of the above', parts: ['zod', 'routeSchemas', 'logger', 'metrics', 'middy', 'kitHttp'] },
];

/** Coarse families of packages for the bundle breakdown (by package name; approximate by nature). */
const FAMILIES: readonly { name: string; test: RegExp }[] = [
  {
    name: 'AWS SDK v3 (@aws-sdk/*, @smithy/*, mnemonist, obliterator)',
    test: /^(@aws-sdk|@smithy)\/|^mnemonist$|^obliterator$/,
  },
  {
    name: 'Powertools (@aws-lambda-powertools/*, @aws/lambda-invoke-store)',
    test: /^@aws-lambda-powertools\/|^@aws\/lambda-invoke-store$/,
  },
  { name: 'zod', test: /^zod$/ },
  { name: 'middy (@middy/*)', test: /^@middy\// },
  { name: 'app code (functions/, packages/, events/)', test: /^\(app\) / },
];

const USAGE =
  'Usage: npm run bench [-- --no-http] [--no-checkout] [--no-redeploy] [--runs N] [--nice N] [--requests N] ' +
  '[--checkouts N] [--no-search] [--search-changes N] [--search-queries N] [--no-promotions] ' +
  '[--promotion-checkouts N] [--quotes N] [--no-media] [--media-uploads N] [--keep-cloud]';

/** A bad command line: printed with the usage, without a stack. */
class UsageError extends Error {}

function parseOptions(): {
  http: boolean;
  checkout: boolean;
  redeploy: boolean;
  runs: number;
  requests: number;
  checkouts: number;
  search: boolean;
  searchChanges: number;
  searchQueries: number;
  promotions: boolean;
  promotionCheckouts: number;
  media: boolean;
  mediaUploads: number;
  quotes: number;
  keepCloud: boolean;
  nice: number | undefined;
} {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        'no-http': { type: 'boolean', default: false },
        'no-checkout': { type: 'boolean', default: false },
        'no-redeploy': { type: 'boolean', default: false },
        checkouts: { type: 'string', default: '30' },
        'no-search': { type: 'boolean', default: false },
        'search-changes': { type: 'string', default: '50' },
        'search-queries': { type: 'string', default: '300' },
        'no-promotions': { type: 'boolean', default: false },
        'no-media': { type: 'boolean', default: false },
        'media-uploads': { type: 'string', default: '5' },
        'promotion-checkouts': { type: 'string', default: '20' },
        quotes: { type: 'string', default: '50' },
        runs: { type: 'string', default: '20' },
        requests: { type: 'string', default: '500' },
        'keep-cloud': { type: 'boolean', default: false },
        nice: { type: 'string' },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  const niceness = (raw: string): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < -20 || n > 19) throw new UsageError(`--nice must be -20..19, got ${raw}`);
    return n;
  };
  const count = (name: string, raw: string): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) {
      throw new UsageError(`--${name} must be a positive integer, got ${raw}`);
    }
    return n;
  };
  return {
    http: !values['no-http'],
    checkout: !values['no-checkout'],
    redeploy: !values['no-redeploy'],
    checkouts: count('checkouts', values.checkouts),
    search: !values['no-search'],
    searchChanges: count('search-changes', values['search-changes']),
    searchQueries: count('search-queries', values['search-queries']),
    promotions: !values['no-promotions'],
    media: !values['no-media'],
    mediaUploads: count('media-uploads', values['media-uploads']),
    promotionCheckouts: count('promotion-checkouts', values['promotion-checkouts']),
    quotes: count('quotes', values.quotes),
    runs: count('runs', values.runs),
    requests: count('requests', values.requests),
    keepCloud: values['keep-cloud'],
    nice: values.nice === undefined ? undefined : niceness(values.nice),
  };
}

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

/** Logs progress at every 10%. */
function progressLogger(what: string): (done: number, total: number) => void {
  let shown = -1;
  return (done, total) => {
    const tenth = Math.floor((done / total) * 10);
    if (tenth !== shown) {
      shown = tenth;
      log(`${what}: ${done}/${total}`);
    }
  };
}

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
const ms = (value: number): string => value.toFixed(1);
const verdict = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');

/** Renders rows as a plain-text table; columns after the first are right-aligned. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function families(packages: readonly PackageBytes[]): { name: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const p of packages) {
    const family = FAMILIES.find((f) => f.test.test(p.name))?.name ?? 'other';
    totals.set(family, (totals.get(family) ?? 0) + p.bytes);
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** Part 2: creates a product and times GET /products/{id} against GET /health. */
async function latencyBench(options: {
  requests: number;
  keepCloud: boolean;
  checkout: boolean;
  checkouts: number;
  redeploy: boolean;
  search: boolean;
  searchChanges: number;
  searchQueries: number;
  promotions: boolean;
  promotionCheckouts: number;
  media: boolean;
  mediaUploads: number;
  quotes: number;
}): Promise<{ json: Record<string, unknown>; pass: boolean; redeployPass: boolean | undefined }> {
  const api = await findApi(log);
  try {
    log(`API ${api.baseUrl} (${api.source})`);
    const productId = await createBenchProduct(api.baseUrl);
    log(`created product ${productId}; ${HTTP_WARMUP} warm-up + ${options.requests} requests per route`);
    const routes = [
      { label: 'GET /products/{id}', path: `/products/${encodeURIComponent(productId)}` },
      { label: 'GET /health', path: '/health' },
      // A product's reviews and its aggregate: two DynamoDB reads at once and a signed cursor.
      { label: 'GET /products/{id}/reviews', path: `/products/${encodeURIComponent(productId)}/reviews` },
    ];
    const latency = await measureLatency(
      api.baseUrl,
      routes,
      HTTP_WARMUP,
      options.requests,
      progressLogger('requests'),
    );
    const stats = routes.map((r) => {
      const s = latency[r.label] ?? [];
      return {
        route: r.label,
        n: s.length,
        p50: percentile(s, 50),
        p90: percentile(s, 90),
        p99: percentile(s, 99),
        mean: s.reduce((a, b) => a + b, 0) / s.length,
        min: Math.min(...s),
        max: Math.max(...s),
      };
    });
    const [product, health, reviews] = stats as [
      (typeof stats)[number],
      (typeof stats)[number],
      (typeof stats)[number],
    ];
    const ratio = product.p50 / health.p50;
    const reviewsRatio = reviews.p50 / health.p50;
    const pass = ratio <= TARGETS.latencyRatio && reviewsRatio <= TARGETS.latencyRatio;
    console.log(`\nLatency through the local gateway (${api.baseUrl}), ms, sequential requests\n`);
    console.log(
      table(
        ['route', 'n', 'p50', 'p90', 'p99', 'mean', 'min', 'max'],
        stats.map((s) => [
          s.route,
          String(s.n),
          ms(s.p50),
          ms(s.p90),
          ms(s.p99),
          ms(s.mean),
          ms(s.min),
          ms(s.max),
        ]),
      ),
    );
    console.log(
      `\nGET /products/{id} p50 / GET /health p50 = ${ratio.toFixed(2)} (target ≤ ${TARGETS.latencyRatio}): ` +
        verdict(ratio <= TARGETS.latencyRatio),
    );
    console.log(
      `GET /products/{id}/reviews p50 / GET /health p50 = ${reviewsRatio.toFixed(2)} ` +
        `(target ≤ ${TARGETS.latencyRatio}): ${verdict(reviewsRatio <= TARGETS.latencyRatio)}`,
    );
    const json = {
      baseUrl: api.baseUrl,
      source: api.source,
      productId,
      warmup: HTTP_WARMUP,
      routes: stats.map((s) => ({
        route: s.route,
        n: s.n,
        p50: round(s.p50, 2),
        p90: round(s.p90, 2),
        p99: round(s.p99, 2),
        mean: round(s.mean, 2),
        min: round(s.min, 2),
        max: round(s.max, 2),
      })),
      p50Ratio: round(ratio, 3),
      reviewsP50Ratio: round(reviewsRatio, 3),
      target: TARGETS.latencyRatio,
      pass,
      samplesMs: Object.fromEntries(Object.entries(latency).map(([k, v]) => [k, v.map((x) => round(x, 2))])),
      checkout: options.checkout ? await checkoutPart(api.baseUrl, options.checkouts) : { skipped: true },
      search: options.search
        ? await searchPart(api.baseUrl, options.searchChanges, options.searchQueries)
        : { skipped: true },
      promotions: options.promotions
        ? await promotionsPart(api.baseUrl, options.promotionCheckouts, options.quotes)
        : { skipped: true },
      media: options.media ? await mediaPart(api.baseUrl, options.mediaUploads) : { skipped: true },
      redeploy: options.redeploy ? await redeployPart(api.baseUrl, productId) : { skipped: true },
    };
    return { json, pass, redeployPass: 'pass' in json.redeploy ? json.redeploy.pass : undefined };
  } finally {
    if (options.keepCloud) {
      if (api.startedCloud) log('leaving the local cloud running (--keep-cloud); stop it with npm stop');
    } else {
      await releaseApi(api, log);
    }
  }
}

/** Part 4: a one-line change to one handler, redeployed locally (in place, same URL) and checked live. */
async function redeployPart(baseUrl: string, productId: string): Promise<RedeployBench> {
  const result = await redeployBench(baseUrl, productId, log);
  console.log(
    `\nLocal redeploy after a one-line change to catalog/http/get-product: ${result.seconds.toFixed(1)} s ` +
      `(deployed ${result.deployed}; target < ${REDEPLOY_TARGET_SECONDS} s, same API URL: ` +
      `${result.urlAfter === result.urlBefore ? 'yes' : `no, ${result.urlAfter}`}): ${verdict(result.pass)}`,
  );
  return result;
}

/** Part 3: checkout one shopper at a time (latency, DynamoDB calls) and 10 shoppers at once (throughput). */
async function checkoutPart(baseUrl: string, sequential: number): Promise<CheckoutBench> {
  const result = await checkoutBench(baseUrl, { sequential, shoppers: 10, perShopper: 3 }, log);
  const { sequential: seq, concurrent: con } = result;
  console.log('\nCheckout through the local gateway (POST /carts/{id}/checkout, sandbox approve), ms\n');
  console.log(
    table(
      ['n', 'p50', 'p90', 'p99', 'orders DynamoDB calls'],
      [[String(seq.n), ms(seq.p50), ms(seq.p90), ms(seq.p99), String(seq.dynamodbCalls ?? 'n/a')]],
    ),
  );
  console.log(
    `\n${con.shoppers} shoppers at once: ${con.checkouts} complete guest checkouts (cart, line, details, ` +
      `checkout) in ${con.seconds.toFixed(1)} s = ${con.perSecond.toFixed(2)} checkouts/s`,
  );
  return result;
}

/** Part 6: what promotions cost a checkout (orders' DynamoDB calls) and a quote (against 10-1,000 of them). */
async function promotionsPart(baseUrl: string, checkouts: number, quotes: number): Promise<PromotionsBench> {
  const result = await promotionsBench(baseUrl, { checkouts, quotes }, log);
  const { checkout: c, quote: q } = result;
  console.log(
    `\nPromotions\n  checkout p50 over ${c.n} each: without ${ms(c.without.p50)} ms ` +
      `(${c.without.dynamodbCalls ?? 'n/a'} orders DynamoDB calls), with a code promotion ${ms(c.with.p50)} ms ` +
      `(${c.with.dynamodbCalls ?? 'n/a'} calls, ${c.with.discount} off): ${c.extraCalls ?? 'n/a'} more calls ` +
      `(target ≤ ${PROMOTION_TARGETS.extraDynamodbCalls}): ${verdict(c.pass)}`,
  );
  console.log(
    `  pricing's quote asking promotions, p50 over ${q.n} (direct invoke): ` +
      q.levels.map((l) => `${l.promotions} active ${ms(l.p50)} ms`).join(', ') +
      `; 1,000 / 10 = ${q.ratio.toFixed(2)} (target ≤ ${PROMOTION_TARGETS.quoteRatio}): ${verdict(q.pass)}`,
  );
  return result;
}

/** Part 7: a product image from the browser's form POST to its served files. */
async function mediaPart(baseUrl: string, uploads: number): Promise<MediaBench> {
  const result = await mediaBench(baseUrl, { uploads }, log);
  console.log(
    `\nMedia\n  upload to derivatives (${(result.bytes / 1024).toFixed(0)} KB JPEG, 2000×1500, ten files), ` +
      `p50 over ${result.n}: ${ms(result.p50)} ms, max ${ms(result.max)} ms ` +
      `(target p50 ≤ ${MEDIA_TARGETS.uploadToDerivativesMs} ms): ${verdict(result.pass)}`,
  );
  return result;
}

/** Part 5: search over a generated catalog: bulk indexing, freshness, latency next to OpenSearch itself. */
async function searchPart(baseUrl: string, changes: number, queries: number): Promise<SearchBench> {
  const result = await searchBench(baseUrl, { changes, queries }, log);
  const { catalog, bulk, freshness: f, latency: l } = result;
  console.log(
    `\nSearch over ${SEARCH_TARGETS.catalogSize}+ generated products` +
      (catalog.created > 0 ? ` (${catalog.created} created in ${catalog.seconds.toFixed(0)} s)` : '') +
      `\n  bulk indexing (reindex from the services): ${bulk.documents} documents in ${bulk.seconds.toFixed(1)} s = ` +
      `${bulk.perSecond.toFixed(0)} documents/s`,
  );
  console.log(
    `  freshness, committed change → search answer (${f.n} changes): p50 ${ms(f.p50)} ms, p95 ${ms(f.p95)} ms ` +
      `(price p95 ${ms(f.price.p95)}, stock p95 ${ms(f.stock.p95)}; target p95 ≤ ${SEARCH_TARGETS.freshnessP95Ms} ms): ` +
      verdict(f.pass),
  );
  console.log(
    `  latency over ${l.n} queries: GET /search p50 ${ms(l.api.p50)} ms (p95 ${ms(l.api.p95)}), the same query ` +
      `straight to OpenSearch p50 ${ms(l.direct.p50)} ms (p95 ${ms(l.direct.p95)}): ratio ${l.ratio.toFixed(2)} ` +
      `(target ≤ ${SEARCH_TARGETS.latencyRatio}): ${verdict(l.pass)}` +
      `\n  (the emulator's own cost per request, GET /health p50, is ${ms(l.healthP50)} ms; net of it the ratio is ` +
      `${l.ratioNetOfGateway.toFixed(2)})`,
  );
  return result;
}

interface FunctionResult {
  readonly fn: LambdaFunction;
  readonly bundle: Bundle;
  readonly floorKey: string;
  readonly floorBundleBytes: number;
  readonly initMs: number;
  readonly floorInitMs: number;
  /** Function init / floor init; undefined where the floor is empty (no SDK client), which makes it meaningless. */
  readonly initRatio: number | undefined;
  /** undefined: not applicable (empty floor). */
  readonly initPass: boolean | undefined;
  /** Median CPU time of the import (all threads of the child) / the floor's; a cross-check, not a target. */
  readonly cpuRatio: number | undefined;
  readonly bundlePass: boolean;
}

/** "n/a" for a check that does not apply, else PASS/FAIL. */
const verdictOrNa = (pass: boolean | undefined): string => (pass === undefined ? 'n/a' : verdict(pass));

async function main(): Promise<void> {
  const started = performance.now();
  const options = parseOptions();
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor < 24) {
    throw new Error(`Node ${process.version}: run the bench with Node 24 (node_modules/.bin first on PATH)`);
  }
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'commerce-bench-'));
  try {
    // ---- Part 0: the apps' initial JavaScript ----
    const apps = appBundles(REPO_ROOT);
    console.log('\nApps (initial JavaScript, gzipped):');
    for (const a of apps) {
      console.log(`  ${a.app.padEnd(14)} ${a.kb.toFixed(1)} KB  budget ${a.budgetKb} KB  ${verdict(a.pass)}`);
    }
    // ---- Part 1: bundles and cold init ----
    const functions = appFunctions();
    log(`bundling ${functions.length} functions into ${outDir}`);
    const bundles = await Promise.all(functions.map((fn) => bundleFunction(fn, outDir)));
    const floorSets = new Map<string, readonly string[]>();
    for (const b of bundles) floorSets.set(floorKey(b.sdkPackages), b.sdkPackages);
    const floors = new Map<string, Bundle>();
    for (const [key, sdk] of floorSets) floors.set(key, await bundleFloor(sdk, outDir));
    const lazyFloors = [...floors.values()].filter((f) => f.lazyBytes > 0).length;
    log(`${floors.size} floors, ${lazyFloors} with lazily loaded chunks (the SDK's credential providers)`);

    const detailIndex = functions.findIndex((f) => f.name === DETAIL_FUNCTION);
    if (detailIndex < 0)
      throw new Error(`No function ${DETAIL_FUNCTION}: update DETAIL_FUNCTION in the bench`);
    const detailFn = functions[detailIndex] as LambdaFunction;
    const detailBundle = bundles[detailIndex] as Bundle;
    const detailFloorKey = floorKey(detailBundle.sdkPackages);
    const detailFloor = floors.get(detailFloorKey) as Bundle;
    const probes = await Promise.all(
      PROBES.map((p, i) =>
        bundleSource(
          [floorSource(detailBundle.sdkPackages), ...p.parts.map((c) => COMPONENTS[c])].join('\n'),
          `probe/${i}`,
          outDir,
        ),
      ),
    );

    const target = (id: string, file: string, sourceMaps = false): InitTarget => ({ id, file, sourceMaps });
    const targets: InitTarget[] = [
      ...functions.map((fn, i) => target(`fn:${fn.name}`, (bundles[i] as Bundle).file)),
      ...[...floors].map(([key, b]) => target(`floor:${key}`, b.file)),
      target(`sourcemaps:fn`, detailBundle.file, true),
      target(`sourcemaps:floor`, detailFloor.file, true),
      ...PROBES.map((_, i) => target(`probe:${i}`, (probes[i] as Bundle).file)),
    ];
    log(`timing ${targets.length} bundles x ${options.runs} fresh processes (+1 warm-up each)`);
    const cpuSamples = new Map<string, number[]>();
    const samples = await timeImports(targets, options.runs, progressLogger('cold starts'), {
      cpu: cpuSamples,
      ...(options.nice === undefined ? {} : { nice: options.nice }),
    });
    const med = (id: string): number => median(samples.get(id) ?? []);
    const medCpu = (id: string): number => median(cpuSamples.get(id) ?? []);

    const results: FunctionResult[] = functions.map((fn, i) => {
      const bundle = bundles[i] as Bundle;
      const key = floorKey(bundle.sdkPackages);
      const floor = floors.get(key) as Bundle;
      const floorInitMs = med(`floor:${key}`);
      const initMs = med(`fn:${fn.name}`);
      const hasFloor = bundle.sdkPackages.length > 0;
      return {
        fn,
        bundle,
        floorKey: key,
        floorBundleBytes: floor.bytes,
        initMs,
        floorInitMs,
        initRatio: hasFloor ? initMs / floorInitMs : undefined,
        initPass: hasFloor ? initMs <= TARGETS.initRatio * floorInitMs : undefined,
        cpuRatio: hasFloor ? medCpu(`fn:${fn.name}`) / medCpu(`floor:${key}`) : undefined,
        bundlePass: bundle.bytes <= floor.bytes + TARGETS.bundleOverFloorBytes,
      };
    });

    console.log(
      `\nCold init (median of ${options.runs} fresh Node ${process.version} processes, ms) and code loaded ` +
        'at init (KB)\n',
    );
    console.log(
      table(
        [
          'function',
          'init KB',
          'floor KB',
          `≤floor+${TARGETS.bundleOverFloorBytes / 1024}KB`,
          'init ms',
          'floor ms',
          'ratio',
          `≤${TARGETS.initRatio}x`,
          'cpu ratio',
          'lazy KB',
          'floor SDK clients',
        ],
        results.map((r) => [
          r.fn.name,
          kb(r.bundle.bytes),
          kb(r.floorBundleBytes),
          verdict(r.bundlePass),
          ms(r.initMs),
          r.initRatio === undefined ? '-' : ms(r.floorInitMs),
          r.initRatio === undefined ? 'n/a' : r.initRatio.toFixed(2),
          verdictOrNa(r.initPass),
          r.cpuRatio === undefined ? 'n/a' : r.cpuRatio.toFixed(2),
          r.bundle.lazyBytes === 0 ? '-' : kb(r.bundle.lazyBytes),
          r.floorKey,
        ]),
      ),
    );
    console.log(
      '\n"init KB": the entry file and the chunks it imports statically, which load at cold start. "lazy KB": ' +
        'chunks that load only when a dynamic import() runs (not in the target). "cpu ratio": the same ratio ' +
        'for the CPU time the import takes (all threads), less disturbed by other work on the machine; not a target.',
    );
    const noFloor = results.filter((r) => r.initPass === undefined);
    if (noFloor.length > 0) {
      console.log(
        `Floor "none" (${noFloor.map((r) => r.fn.name).join(', ')}): the function loads no AWS SDK client, ` +
          `so its floor is an empty module (init ${ms(med('floor:none'))} ms, Node's bare import) and a ratio ` +
          'to it says nothing: the init target is n/a there and only the absolute init is reported.',
      );
    }

    const sourceMaps = { fnMs: med('sourcemaps:fn'), floorMs: med('sourcemaps:floor') };
    console.log(
      `With --enable-source-maps (NODE_OPTIONS in stages with lambda.sourceMapStackTraces): ${detailFn.name} ` +
        `${ms(sourceMaps.fnMs)} ms, its floor ${ms(sourceMaps.floorMs)} ms ` +
        `(ratio ${(sourceMaps.fnMs / sourceMaps.floorMs).toFixed(2)}).`,
    );
    const floorMs = med(`floor:${detailFloorKey}`);
    const floorCpuMs = medCpu(`floor:${detailFloorKey}`);
    const parts = PROBES.map((p, i) => ({
      name: p.name,
      bundleBytes: (probes[i] as Bundle).bytes,
      initMs: med(`probe:${i}`),
      cpuMs: medCpu(`probe:${i}`),
    }));
    const allParts = parts.at(-1) as (typeof parts)[number];
    const detailMs = med(`fn:${detailFn.name}`);
    const detailCpuMs = medCpu(`fn:${detailFn.name}`);
    console.log(`\nWhere ${detailFn.name}'s init goes: its floor plus one component at a time\n`);
    console.log(
      table(
        ['bundle', 'init KB', 'init ms', '+ms over floor', 'cpu ms', '+cpu ms'],
        [
          [`floor (${detailFloorKey})`, kb(detailFloor.bytes), ms(floorMs), '', ms(floorCpuMs), ''],
          ...parts.map((p) => [
            `floor + ${p.name}`,
            kb(p.bundleBytes),
            ms(p.initMs),
            ms(p.initMs - floorMs),
            ms(p.cpuMs),
            ms(p.cpuMs - floorCpuMs),
          ]),
          [
            detailFn.name,
            kb(detailBundle.bytes),
            ms(detailMs),
            ms(detailMs - floorMs),
            ms(detailCpuMs),
            ms(detailCpuMs - floorCpuMs),
          ],
          [
            '  of which our code (function − all of the above)',
            kb(detailBundle.bytes - allParts.bundleBytes),
            '',
            ms(detailMs - allParts.initMs),
            '',
            ms(detailCpuMs - allParts.cpuMs),
          ],
        ],
      ),
    );

    console.log(`\nWhat ${detailFn.name} loads at init (${kb(detailBundle.bytes)} KB minified):\n`);
    console.log(
      table(
        ['family', 'KB', 'share'],
        families(detailBundle.packages).map((f) => [
          f.name,
          kb(f.bytes),
          `${((f.bytes / detailBundle.bytes) * 100).toFixed(0)}%`,
        ]),
      ),
    );
    console.log('');
    console.log(
      table(
        ['top packages at init', 'KB'],
        detailBundle.packages.slice(0, 12).map((p) => [p.name, kb(p.bytes)]),
      ),
    );
    console.log('');
    console.log(
      table(
        [`loaded only when reached (${kb(detailBundle.lazyBytes)} KB)`, 'KB'],
        detailBundle.lazyPackages.slice(0, 8).map((p) => [p.name, kb(p.bytes)]),
      ),
    );

    // ---- Part 2: latency over the local gateway ----
    let http: Record<string, unknown> = { skipped: true };
    let latencyPass: boolean | undefined;
    let redeployPass: boolean | undefined;
    if (options.http) {
      try {
        ({ json: http, pass: latencyPass, redeployPass } = await latencyBench(options));
      } catch (error) {
        // Not a failed target but a failed measurement: report it, keep part 1, exit non-zero.
        const message = error instanceof Error ? error.message : String(error);
        console.log(`\nLatency: NOT MEASURED: ${message}`);
        http = { error: message };
        process.exitCode = 1;
      }
    } else {
      console.log('\nLatency: skipped (--no-http)');
    }

    // ---- Summary and JSON ----
    const count = (checks: readonly (boolean | undefined)[]) => ({
      passed: checks.filter((c) => c === true).length,
      failed: checks.filter((c) => c === false).length,
      notApplicable: checks.filter((c) => c === undefined).length,
    });
    const bundleCount = count(results.map((r) => r.bundlePass));
    const initCount = count(results.map((r) => r.initPass));
    const checks = [
      ...apps.map((a) => a.pass),
      ...results.flatMap((r) => [r.bundlePass, r.initPass]),
      ...(latencyPass === undefined ? [] : [latencyPass]),
      ...(redeployPass === undefined ? [] : [redeployPass]),
    ].filter((c) => c !== undefined);
    const passed = checks.filter(Boolean).length;
    const elapsedS = (performance.now() - started) / 1000;
    const report = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
        platform: `${os.platform()} ${os.release()}`,
        node: process.version,
      },
      options: {
        runs: options.runs,
        requests: options.requests,
        http: options.http,
        nice: options.nice ?? null,
      },
      targets: TARGETS,
      functions: results.map((r) => ({
        name: r.fn.name,
        entry: r.fn.entry,
        trigger: r.fn.trigger,
        bundleBytes: r.bundle.bytes,
        initFiles: r.bundle.initFiles,
        lazyBytes: r.bundle.lazyBytes,
        lazyFiles: r.bundle.lazyFiles,
        sourceMapBytes: r.bundle.mapBytes,
        bundlePass: r.bundlePass,
        sdkPackages: r.bundle.sdkPackages,
        floor: r.floorKey,
        floorBundleBytes: r.floorBundleBytes,
        initMs: round(r.initMs, 2),
        floorInitMs: round(r.floorInitMs, 2),
        initRatio: r.initRatio === undefined ? null : round(r.initRatio, 3),
        initPass: r.initPass ?? null,
        initCpuMs: round(medCpu(`fn:${r.fn.name}`), 2),
        floorInitCpuMs: round(medCpu(`floor:${r.floorKey}`), 2),
        cpuRatio: r.cpuRatio === undefined ? null : round(r.cpuRatio, 3),
        topPackages: r.bundle.packages.slice(0, 15),
        topLazyPackages: r.bundle.lazyPackages.slice(0, 10),
      })),
      detail: {
        function: detailFn.name,
        families: families(detailBundle.packages),
        packages: detailBundle.packages,
        lazyPackages: detailBundle.lazyPackages,
        sourceMaps: { initMs: round(sourceMaps.fnMs, 2), floorInitMs: round(sourceMaps.floorMs, 2) },
      },
      parts: {
        floor: detailFloorKey,
        floorInitMs: round(floorMs, 2),
        floorInitCpuMs: round(floorCpuMs, 2),
        bundles: parts.map((p) => ({
          ...p,
          name: `floor + ${p.name}`,
          initMs: round(p.initMs, 2),
          cpuMs: round(p.cpuMs, 2),
        })),
      },
      coldStartSamplesMs: Object.fromEntries([...samples].map(([id, s]) => [id, s.map((x) => round(x, 2))])),
      coldStartCpuSamplesMs: Object.fromEntries(
        [...cpuSamples].map(([id, s]) => [id, s.map((x) => round(x, 2))]),
      ),
      http,
      apps,
      summary: {
        passed,
        failed: checks.length - passed,
        bundle: bundleCount,
        init: initCount,
        elapsedSeconds: round(elapsedS, 1),
      },
    };
    const jsonFile = path.join(REPO_ROOT, 'bench-results', 'bench.json');
    fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
    fs.writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nWrote ${path.relative(REPO_ROOT, jsonFile)} (${elapsedS.toFixed(0)} s).`);
    const line = (what: string, c: ReturnType<typeof count>) =>
      `  ${what}: ${c.passed} PASS, ${c.failed} FAIL` + (c.notApplicable ? `, ${c.notApplicable} n/a` : '');
    for (const a of apps) console.log(`  ${a.app} initial JS ≤ ${a.budgetKb} KB gzipped: ${verdict(a.pass)}`);
    console.log(line(`code at init ≤ floor + ${TARGETS.bundleOverFloorBytes / 1024} KB`, bundleCount));
    console.log(line(`cold init ≤ ${TARGETS.initRatio} × floor`, initCount));
    if (latencyPass !== undefined) console.log(`  latency: ${verdict(latencyPass)}`);
    if (redeployPass !== undefined)
      console.log(`  local redeploy < ${REDEPLOY_TARGET_SECONDS} s: ${verdict(redeployPass)}`);
    console.log(
      `Bench: ${passed} of ${checks.length} targets passed, ${checks.length - passed} failed ` +
        `(2 apps + ${results.length} functions x 2${latencyPass === undefined ? '' : ' + latency'}` +
        `${redeployPass === undefined ? '' : ' + redeploy'}` +
        `${initCount.notApplicable ? `, ${initCount.notApplicable} not applicable` : ''}).`,
    );
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

await main().catch((error: unknown) => {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n${USAGE}`);
  process.exitCode = 2;
});
