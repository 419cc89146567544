// The published document says exactly what the API accepts. Schemathesis (property-based, from PyPI, with
// a fixed seed) reads GET /openapi.json of the deployed API and sends every operation requests the document
// allows and requests it forbids, as an anonymous caller, a customer, a staff member and an admin. It holds
// that no request gets a 5xx, every status is one the document lists for the operation, a request the
// document allows is never refused with 400 and a request it forbids is refused with a 4xx
// (test/e2e/schemathesis/: the settings and the one hook). Its writes land on ids it makes up; the shared
// records it can change (the tax table, the reviews' auto-publish rules) are put back afterwards.
import { LOCAL_DIR, provisionSchemathesis } from '@commerce/local-cloud';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiUrl, bearer, signIn, signUp } from './support.ts';

/** Same seed, same requests: a failure reproduces with the command the test prints. */
const SEED = 20261203;
/** Random requests per operation and caller (the fuzzing phase: schema-valid and schema-invalid). */
const MAX_EXAMPLES = 10;
/**
 * The coverage phase adds some 45 deterministic boundary and type cases per operation: run on the public
 * operations, where anyone can send anything, it keeps the whole file near three minutes.
 */
const ALL_PHASES = 'coverage,fuzzing';
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'positive_data_acceptance',
  'negative_data_rejection',
  'valid_request_not_refused',
];
const SETTINGS = path.join(import.meta.dirname, 'schemathesis');

let st: string;
let staffToken: string;
let taxRulesBefore: Record<string, unknown>;
let zonesBefore: Set<string>;
let promotionsBefore: Set<string>;
let reviewRulesBefore: Record<string, unknown>;
let operations: { id: string; isPublic: boolean; adminOnly: boolean }[];

interface Outcome {
  readonly code: number | null;
  readonly output: string;
}

function schemathesis(args: readonly string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(st, args, {
      // Schemathesis keeps a cache of what it found in the working directory: there, not in the repository.
      cwd: path.dirname(path.dirname(st)),
      env: { ...process.env, SCHEMATHESIS_HOOKS: path.join(SETTINGS, 'hooks.py'), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * Runs Schemathesis over the given operations as the caller the token names (none: anonymous); its whole
 * output goes to .local/logs/api-contract-<caller>.log.
 */
async function fuzz(
  caller: string,
  token: string | undefined,
  operationIds: readonly string[],
  phases = 'fuzzing',
): Promise<void> {
  const args = [
    '--config-file',
    path.join(SETTINGS, 'schemathesis.toml'),
    'run',
    `${apiUrl()}/openapi.json`,
    '--url',
    apiUrl(),
    '--seed',
    String(SEED),
    '--max-examples',
    String(MAX_EXAMPLES),
    '--phases',
    phases,
    '--checks',
    CHECKS.join(','),
    // One worker: with two, Schemathesis 4.32 at times fails inside Python's compiler (a thread race).
    '--workers',
    '1',
    '--no-color',
    ...(token ? ['--header', `Authorization: Bearer ${token}`] : []),
    ...operationIds.flatMap((id) => ['--include-operation-id', id]),
  ];
  const { code, output } = await schemathesis(args);
  const logs = path.join(LOCAL_DIR, 'logs');
  mkdirSync(logs, { recursive: true });
  writeFileSync(path.join(logs, `api-contract-${caller}.log`), output);
  const shown = output.length > 30_000 ? `…${output.slice(-30_000)}` : output;
  expect(code, `st ${args.join(' ').replace(/Bearer \S+/, 'Bearer …')}\n${shown}`).toBe(0);
  // Every operation asked for was tested, none skipped for want of data it could generate.
  expect(output).toMatch(new RegExp(`Tested: +${operationIds.length}\\b`));
}

beforeAll(async () => {
  st = await provisionSchemathesis(() => undefined);
  staffToken = await signIn(['staff']);
  const document = await api('GET', '/openapi.json');
  type Operation = { operationId: string; security: unknown[]; description: string };
  const paths = document.body.paths as Record<string, Record<string, Operation>>;
  operations = Object.values(paths).flatMap((item) =>
    Object.values(item).map((op) => ({
      id: op.operationId,
      isPublic: op.security.length === 0,
      adminOnly: op.description.startsWith('Who may call: A member of the `admin` group.'),
    })),
  );
  taxRulesBefore = (await api('GET', '/tax-rules', undefined, bearer(staffToken))).body;
  zonesBefore = new Set((await zones()).map((z) => z.id));
  promotionsBefore = new Set((await promotions()).map((p) => p.id));
  reviewRulesBefore = (await api('GET', '/review-settings', undefined, bearer(staffToken))).body;
});

/** Every promotion, all pages. */
async function promotions(): Promise<{ id: string; version: number; status: string }[]> {
  const all: { id: string; version: number; status: string }[] = [];
  let cursor: string | undefined;
  do {
    const query = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await api('GET', `/promotions?limit=100${query}`, undefined, bearer(staffToken));
    all.push(...(res.body.items as { id: string; version: number; status: string }[]));
    cursor = res.body.nextCursor as string | undefined;
  } while (cursor);
  return all;
}

interface Zone {
  id: string;
  name: string;
  version: number;
}

async function zones(): Promise<Zone[]> {
  const res = await api('GET', '/shipping/zones', undefined, bearer(staffToken));
  return res.body.items as unknown as Zone[];
}

afterAll(async () => {
  if (!taxRulesBefore) return;
  // Zones the fuzzer made up may cover countries other files ship to (zones must not overlap): each moves
  // to a region of its own (named from its id) in ZZ, a code ISO 3166 leaves to users, where nobody ships.
  const made = (await zones()).filter((z) => !zonesBefore.has(z.id));
  const moved = await Promise.all(
    made.map((zone) =>
      api(
        'PUT',
        `/shipping/zones/${zone.id}`,
        {
          name: zone.name,
          countries: ['ZZ'],
          regions: [`ZZ-${createHash('sha256').update(zone.id).digest('hex').slice(0, 3).toUpperCase()}`],
          version: zone.version,
        },
        bearer(staffToken),
      ),
    ),
  );
  expect(moved.map((r) => r.status)).toEqual(made.map(() => 200));
  // Promotions the fuzzer made could discount other files' orders: each is archived, unchanged otherwise.
  const invented = (await promotions()).filter((p) => !promotionsBefore.has(p.id) && p.status !== 'archived');
  const archived = await Promise.all(
    invented.map(({ id: _id, version, createdAt: _c, updatedAt: _u, ...rest }: Record<string, unknown>) =>
      api('PUT', `/promotions/${String(_id)}`, { ...rest, status: 'archived', version }, bearer(staffToken)),
    ),
  );
  expect(archived.map((r) => r.status)).toEqual(invented.map(() => 200));
  const now = await api('GET', '/tax-rules', undefined, bearer(staffToken));
  const { rules, modes } = taxRulesBefore;
  const restored = await api(
    'PUT',
    '/tax-rules',
    { version: now.body.version, rules, modes },
    bearer(staffToken),
  );
  expect(restored.status).toBe(200);
  // The auto-publish rules the admin caller may have changed decide whether other files' reviews wait.
  const rulesRestored = await api(
    'PUT',
    '/review-settings',
    reviewRulesBefore,
    bearer(await signIn(['admin'])),
  );
  expect(rulesRestored.status).toBe(200);
});

/** Everything but deleting one's own account, which the last test does on an account of its own. */
const allButDeleteMe = (): string[] => operations.map((o) => o.id).filter((id) => id !== 'deleteMe');

describe('the OpenAPI document is the contract (Schemathesis, fixed seed)', () => {
  it('holds for an anonymous caller on every public operation', async () => {
    await fuzz(
      'anonymous',
      undefined,
      operations.filter((o) => o.isPublic).map((o) => o.id),
      ALL_PHASES,
    );
  });

  it('holds for a customer on every operation', async () => {
    await fuzz('customer', (await signUp()).token, allButDeleteMe());
  });

  it('holds for a staff member on every operation', async () => {
    await fuzz('staff', staffToken, allButDeleteMe());
  });

  it('holds for an admin on the operations only admins may call', async () => {
    await fuzz(
      'admin',
      await signIn(['admin']),
      operations.filter((o) => o.adminOnly).map((o) => o.id),
    );
  });

  it('holds for a customer deleting their account', async () => {
    await fuzz('customer-deleting', (await signUp()).token, ['deleteMe']);
  });

  it('answers ?ledgerLimit=0 with a 400 naming the field (it was a 500)', async () => {
    const res = await api('GET', '/stock/any-sku?ledgerLimit=0', undefined, bearer(staffToken));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ in: 'query', pointer: '/ledgerLimit' })]);
  });
});
