// Part 4 of the bench: how long a local redeploy takes after a one-line change to one handler. Adds a
// response header to GET /products/{id} (catalog), runs the local deploy as `npm start` does, checks the
// change is live on the same API URL, then puts the file back and deploys again. Target: under 60 s, with
// the API's URL unchanged (the stacks update in place).
import { deployLocalStage, findApiBaseUrl, type Log } from '@commerce/local-cloud';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './bundles.ts';

/** The handler the bench changes, and the line it changes. */
const HANDLER = path.join(REPO_ROOT, 'functions/catalog/http/get-product.ts');
const LINE = /return \{ status: 200, body: product, headers: \{ etag: `"\$\{product\.version\}"` \} \};/;
const MARKER = 'x-bench-redeploy';

export const REDEPLOY_TARGET_SECONDS = 60;

export interface RedeployBench {
  /** Seconds from the change to a finished deploy. */
  readonly seconds: number;
  /** What the deploy did (the stacks it deployed). */
  readonly deployed: string;
  /** The API URL before and after: equal when the stacks updated in place. */
  readonly urlBefore: string;
  readonly urlAfter: string;
  readonly pass: boolean;
}

async function header(baseUrl: string, productId: string): Promise<string | null> {
  const res = await fetch(new URL(`products/${productId}`, baseUrl), { signal: AbortSignal.timeout(30_000) });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET /products/${productId} answered ${res.status}`);
  return res.headers.get(MARKER);
}

/** Runs the change, the timed deploy and the restoring deploy against a running local cloud. */
export async function redeployBench(baseUrl: string, productId: string, log: Log): Promise<RedeployBench> {
  const original = fs.readFileSync(HANDLER, 'utf8');
  if (!LINE.test(original)) throw new Error(`${HANDLER} no longer has the line the bench changes`);
  const value = String(Date.now());
  const lines: string[] = [];
  const capture: Log = (line) => {
    lines.push(line);
    log(line);
  };
  try {
    fs.writeFileSync(
      HANDLER,
      original.replace(LINE, (line) => line.replace('etag:', `'${MARKER}': '${value}', etag:`)),
    );
    const started = performance.now();
    const outputs = await deployLocalStage({ log: capture });
    const seconds = (performance.now() - started) / 1000;
    const urlAfter = findApiBaseUrl(outputs) ?? '';
    const live = await header(urlAfter || baseUrl, productId);
    if (live !== value) throw new Error(`After the redeploy ${MARKER} is ${live}, not ${value}`);
    const deployed = /deploy: done in [\d.]+s \((.*)\)/.exec(lines.join('\n'))?.[1] ?? 'unknown';
    return {
      seconds,
      deployed,
      urlBefore: baseUrl,
      urlAfter,
      pass: seconds < REDEPLOY_TARGET_SECONDS && urlAfter === baseUrl,
    };
  } finally {
    fs.writeFileSync(HANDLER, original);
    log('redeploy: putting the handler back');
    await deployLocalStage({ log });
  }
}
