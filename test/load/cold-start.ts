// Part 1 of the bench, timing: cold init of a bundle = the median over fresh Node 24 processes of the time
// `await import(bundle)` takes inside the child, with the environment the function gets in the local stage.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { REPO_ROOT } from './bundles.ts';

const run = promisify(execFile);

/**
 * The child's program, plain JavaScript run with `node --input-type=module -e` (a .ts child would pay for
 * type stripping in every one of the hundreds of processes). It times `await import(bundle)` and prints one
 * line `BENCH_RESULT {"importMs":…,"cpuMs":…,"network":[…]}` (cpuMs: the process's user + system CPU time
 * during the import, all its threads). Opening a TCP connection or sending a UDP datagram
 * during the import, or in the tick after it, is blocked and reported: a cold start must not touch the
 * network.
 */
const CHILD_SOURCE = `
import dgram from 'node:dgram';
import net from 'node:net';
const network = [];
net.Socket.prototype.connect = function (...args) {
  network.push('tcp connect ' + JSON.stringify(args[0]));
  process.nextTick(() => this.destroy(new Error('network blocked by the bench')));
  return this;
};
dgram.Socket.prototype.send = function (...args) {
  network.push('udp send ' + JSON.stringify(args.slice(1)));
};
const cpuStarted = process.cpuUsage();
const started = performance.now();
const mod = await import(process.argv[1]);
const importMs = performance.now() - started;
const cpu = process.cpuUsage(cpuStarted);
if (typeof mod.handler !== 'function') throw new Error(process.argv[1] + ' exports no handler function');
await new Promise((resolve) => setImmediate(resolve));
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write('BENCH_RESULT ' + JSON.stringify({ importMs, cpuMs, network }) + '\\n');
process.exit(0);
`;

const NODE_BIN_DIR = path.join(REPO_ROOT, 'node_modules', '.bin');
const CHILD_TIMEOUT_MS = 30_000;

/**
 * What the modules validate at import, plus the Powertools and stage variables the house function construct
 * sets for the local stage. Built from scratch (nothing inherited but PATH) so no NODE_OPTIONS, compile
 * cache or real AWS profile leaks in. AWS_EXECUTION_ENV is what Lambda sets (the SDK and Powertools read it).
 */
export function childEnv(): NodeJS.ProcessEnv {
  return {
    PATH: [NODE_BIN_DIR, process.env.PATH].filter((p) => p !== undefined && p !== '').join(path.delimiter),
    TABLE_NAME: 'bench-table',
    CORS_ORIGINS: 'http://localhost:5173',
    CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:bench-cursor-key',
    QUEUE_URL: 'http://localhost:4566/000000000000/bench-queue',
    EVENT_BUS_NAME: 'bench-bus',
    USER_POOL_ID: 'us-east-1_bench',
    CLIENT_IDS: 'bench-client',
    REQUIRE_STAFF_MFA: 'false',
    PARTNER_API_ID: 'bench-partner-api',
    NOTIFICATION_SENDER: 'orders@shop.example',
    SHOP_NAME: 'Bench shop',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    POWERTOOLS_SERVICE_NAME: 'bench',
    POWERTOOLS_METRICS_NAMESPACE: 'Commerce',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    STAGE: 'local',
    STACK_PREFIX: 'Commerce-local-',
    PAYMENT_PROVIDERS: 'sandbox,stripe',
    PAYMENT_PROVIDER: 'sandbox',
    ORDERS_PAYMENT_PROVIDERS: 'sandbox,stripe',
    ORDERS_DEFAULT_PAYMENT_PROVIDER: 'sandbox',
    ORDERS_REFUND_APPROVAL_ABOVE: '{"EUR":10000}',
    ORDERS_HOME_COUNTRY: 'DE',
    ORDERS_DEFAULT_CURRENCY: 'EUR',
    ORDERS_HOLD_SECONDS: '900',
    SHIPPING_CARRIERS: 'sandbox,manual',
    SHIPPING_DEFAULT_CARRIER: 'sandbox',
    SEARCH_ENDPOINT: 'http://localhost:9200',
    SEARCH_INDEX_PREFIX: 'commerce-',
    SEARCH_SHARDS: '1',
    SEARCH_REPLICAS: '0',
    BUCKET_NAME: 'bench-media',
    PUBLIC_BASE_URL: 'http://localhost:4566/bench-media/m',
    MEDIA_DETACHED_GRACE_SECONDS: '5',
    MEDIA_UNATTACHED_GRACE_SECONDS: '86400',
    STOREFRONT_URL: 'http://localhost:5173',
    REVIEW_REQUEST_DELAY_SECONDS: '15',
  };
}

/** One bundle to time under one environment. */
export interface InitTarget {
  readonly id: string;
  readonly file: string;
  /** Run with --enable-source-maps, as the house function construct sets in NODE_OPTIONS. */
  readonly sourceMaps: boolean;
}

/** One timed import: wall-clock milliseconds, and CPU milliseconds of the child's threads meanwhile. */
export interface ImportTime {
  readonly ms: number;
  readonly cpuMs: number;
}

/**
 * Times one import in a fresh process; throws if the child fails or touches the network. `nice`, when given,
 * runs the child under `nice -n <nice>` (negative values need root): on a machine shared with other work a
 * higher priority keeps others' processes from stretching the child's wall-clock time.
 */
export async function timeImport(target: InitTarget, nice?: number): Promise<ImportTime> {
  const args = [
    ...(target.sourceMaps ? ['--enable-source-maps'] : []),
    '--input-type=module',
    '-e',
    CHILD_SOURCE,
    pathToFileURL(target.file).href,
  ];
  const [command, commandArgs] =
    nice === undefined ? [process.execPath, args] : ['nice', ['-n', String(nice), process.execPath, ...args]];
  const { stdout } = await run(command, commandArgs, {
    env: childEnv(),
    cwd: path.dirname(target.file),
    timeout: CHILD_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: unknown) => {
    const detail = error instanceof Error && 'stderr' in error ? String(error.stderr) : String(error);
    throw new Error(`Importing ${target.id} failed:\n${detail.slice(-2000)}`, { cause: error });
  });
  const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (!line) throw new Error(`Importing ${target.id} printed no result:\n${stdout.slice(-2000)}`);
  const result = JSON.parse(line.slice('BENCH_RESULT '.length)) as {
    importMs: number;
    cpuMs: number;
    network: string[];
  };
  if (result.network.length > 0) {
    throw new Error(`Importing ${target.id} tried to use the network: ${result.network.join('; ')}`);
  }
  return { ms: result.importMs, cpuMs: result.cpuMs };
}

/**
 * Times every target `runs` times, one fresh process each, after one discarded warm-up run per target
 * (page cache). Runs go round-robin over the targets, one process at a time, so drift on the machine
 * spreads over all of them instead of skewing one. Returns the wall-clock samples per target id, and puts
 * the CPU-time samples into `options.cpu` if given.
 */
export async function timeImports(
  targets: readonly InitTarget[],
  runs: number,
  progress: (done: number, total: number) => void,
  options: { readonly cpu?: Map<string, number[]>; readonly nice?: number } = {},
): Promise<Map<string, number[]>> {
  const { cpu, nice } = options;
  const samples = new Map<string, number[]>(targets.map((t) => [t.id, []]));
  for (const target of targets) await timeImport(target, nice);
  const total = targets.length * runs;
  let done = 0;
  for (let i = 0; i < runs; i++) {
    for (const target of targets) {
      const time = await timeImport(target, nice);
      samples.get(target.id)?.push(time.ms);
      if (cpu) cpu.set(target.id, [...(cpu.get(target.id) ?? []), time.cpuMs]);
      progress(++done, total);
    }
  }
  return samples;
}
