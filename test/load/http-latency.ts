// Part 2 of the bench: request latency through the local API gateway (MiniStack), GET /products/{id} next
// to the no-op GET /health on the same API, sequential requests on a kept-alive connection.
import {
  accessToken,
  deployLocalStage,
  ensureDemoUsers,
  identityOutputs,
  readDeployedOutputs,
  EMULATOR_OUTPUTS_FILE,
  ensureLocalCloud,
  findApiBaseUrl,
  type Log,
  type StackOutputs,
  stopLocalCloud,
} from '@commerce/local-cloud';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';

const REQUEST_TIMEOUT_MS = 30_000;

export interface ApiTarget {
  /** Base URL ending in `/`, e.g. `http://localhost:4566/_aws/execute-api/<id>/v1/`. */
  readonly baseUrl: string;
  /** How it was found. */
  readonly source: 'outputs file' | 'ensureLocalCloud + deployLocalStage';
  /** Whether this run started the local cloud's servers (they were not running before). */
  readonly startedCloud: boolean;
}

async function answers(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(new URL('health', baseUrl), { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * The API to measure: the one in `.local/outputs.emulator.json` when it answers GET /health; otherwise
 * starts the local cloud and deploys the local stage, as `npm start` does.
 */
export async function findApi(log: Log): Promise<ApiTarget> {
  if (fs.existsSync(EMULATOR_OUTPUTS_FILE)) {
    const outputs = JSON.parse(fs.readFileSync(EMULATOR_OUTPUTS_FILE, 'utf8')) as StackOutputs;
    const baseUrl = findApiBaseUrl(outputs);
    if (baseUrl && (await answers(baseUrl))) return { baseUrl, source: 'outputs file', startedCloud: false };
    log(`the API in ${EMULATOR_OUTPUTS_FILE} does not answer; starting the local cloud and deploying`);
  } else {
    log(`no ${EMULATOR_OUTPUTS_FILE}; starting the local cloud and deploying`);
  }
  const cloud = await ensureLocalCloud({ log });
  const outputs = await deployLocalStage({ log });
  const baseUrl = findApiBaseUrl(outputs);
  if (!baseUrl) throw new Error('The local stage has no API URL among its outputs');
  if (!(await answers(baseUrl))) throw new Error(`GET ${baseUrl}health does not answer 200 after deploying`);
  return { baseUrl, source: 'ensureLocalCloud + deployLocalStage', startedCloud: !cloud.reused };
}

/** Stops the local cloud's servers if this run started them. */
export async function releaseApi(api: ApiTarget, log: Log): Promise<void> {
  if (api.startedCloud) await stopLocalCloud({ log });
}

async function request(
  method: string,
  url: URL,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: unknown; ms: number }> {
  const started = performance.now();
  const res = await fetch(url, {
    method,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined, ms };
}

/** Creates one published product (unique handle and SKU) and returns its id. */
/** Creates the product to read, as the demo staff user (catalog writes are for staff). */
export async function createBenchProduct(baseUrl: string): Promise<string> {
  const ids = identityOutputs(readDeployedOutputs());
  const staff = (await ensureDemoUsers(ids)).staff;
  const token = await accessToken(ids.adminConsoleClientId, staff.email, staff.password);
  const handle = `bench-${randomUUID().slice(0, 8)}`;
  const res = await request(
    'POST',
    new URL('products', baseUrl),
    {
      handle,
      title: 'Bench tee',
      description: 'Created by npm run bench.',
      status: 'published',
      attributes: { material: 'cotton' },
      options: [{ name: 'size', values: ['M'] }],
      variants: [{ sku: `${handle}-M`, title: 'M', optionValues: { size: 'M' }, weightGrams: 180 }],
    },
    token,
  );
  const id = (res.json as { id?: unknown } | undefined)?.id;
  if (res.status !== 201 || typeof id !== 'string') {
    throw new Error(`POST /products answered ${res.status}: ${JSON.stringify(res.json)}`);
  }
  const check = await request('GET', new URL(`products/${encodeURIComponent(id)}`, baseUrl));
  if (check.status !== 200) throw new Error(`GET /products/${id} answered ${check.status}`);
  return id;
}

export interface LatencySamples {
  /** Route label → milliseconds per request, in order. */
  readonly [route: string]: number[];
}

/**
 * Sends `warmup` then `count` GET requests to each path, alternating between the paths one request at a
 * time (so drift affects all alike); every response must be 200. Only the `count` requests are kept.
 */
export async function measureLatency(
  baseUrl: string,
  routes: readonly { label: string; path: string }[],
  warmup: number,
  count: number,
  progress: (done: number, total: number) => void,
): Promise<LatencySamples> {
  const samples: Record<string, number[]> = Object.fromEntries(routes.map((r) => [r.label, []]));
  const total = (warmup + count) * routes.length;
  let done = 0;
  for (let i = 0; i < warmup + count; i++) {
    for (const route of routes) {
      const res = await request('GET', new URL(route.path.replace(/^\//, ''), baseUrl));
      if (res.status !== 200) {
        throw new Error(`GET ${route.path} answered ${res.status}: ${JSON.stringify(res.json)}`);
      }
      if (i >= warmup) samples[route.label]?.push(res.ms);
      progress(++done, total);
    }
  }
  return samples;
}
