// Deploys the CDK app's local stage to the emulator and returns its outputs in emulator form.
import fs from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import {
  ACCOUNT_ID,
  CDK_BIN,
  EMULATOR_ENDPOINT,
  EMULATOR_OUTPUTS_FILE,
  LOGS_DIR,
  logFile,
  NODE_BIN_DIR,
  OUTPUTS_FILE,
  pidFile,
  REGION,
  REPO_ROOT,
  RUN_DIR,
  STAGE,
} from './config.ts';
import { withLock } from './lock.ts';
import { writeAppSettings } from './web-settings.ts';
import {
  defaultLog,
  ensureDir,
  hostPath,
  httpGet,
  LocalCloudError,
  type Log,
  readPid,
  run,
  tail,
} from './proc.ts';
import { rewriteOutputs, type StackOutputs } from './url.ts';

const BOOTSTRAP_STACK = 'CDKToolkit';

/** Environment for AWS tooling (cdk, SDKs, tests) aimed at the emulator with test credentials. */
export function localAwsEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    // Drop anything that could send requests to a real account or another endpoint.
    if (
      /^AWS_(PROFILE|DEFAULT_PROFILE|SESSION_TOKEN|ENDPOINT_URL_.+|ROLE_ARN|WEB_IDENTITY_TOKEN_FILE)$/.test(
        key,
      )
    ) {
      continue;
    }
    env[key] = value;
  }
  return {
    ...env,
    AWS_ENDPOINT_URL: EMULATOR_ENDPOINT,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    CDK_DEFAULT_ACCOUNT: ACCOUNT_ID,
    CDK_DEFAULT_REGION: REGION,
  };
}

function cdkEnv(): NodeJS.ProcessEnv {
  return {
    ...localAwsEnv(),
    // The project's Node 24 runs cdk and the app it synthesises.
    PATH: [NODE_BIN_DIR, hostPath()].join(path.delimiter),
    CDK_DISABLE_VERSION_CHECK: 'true',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
}

/** One call of the emulator's CloudFormation query API (test credentials). */
async function cloudFormation(
  params: Record<string, string>,
  timeoutMs = 10_000,
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${EMULATOR_ENDPOINT}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${REGION}/cloudformation/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams({ Version: '2010-05-15', ...params }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, body: await response.text() };
}

/** DescribeStacks: stack name → status (all stacks, or one). */
async function describeStacks(stackName?: string): Promise<Map<string, string>> {
  const { status, body } = await cloudFormation({
    Action: 'DescribeStacks',
    ...(stackName === undefined ? {} : { StackName: stackName }),
  });
  const stacks = new Map<string, string>();
  if (status === 400 && body.includes('does not exist')) return stacks;
  if (status !== 200) throw new LocalCloudError(`DescribeStacks failed: HTTP ${status} ${body}`);
  for (const member of body.split('<member>')) {
    const name = /<StackName>([^<]+)<\/StackName>/.exec(member)?.[1];
    const stackStatus = /<StackStatus>([A-Z_]+)<\/StackStatus>/.exec(member)?.[1];
    if (name && stackStatus) stacks.set(name, stackStatus);
  }
  return stacks;
}

/** StackStatus of a stack in the emulator, or undefined when it does not exist. */
export async function describeStackStatus(stackName: string): Promise<string | undefined> {
  return (await describeStacks(stackName)).get(stackName);
}

/**
 * Stacks an earlier layout of the app deployed and the current one does not: the single Services stack with
 * a nested stack per service (MiniStack 1.5.33 cannot update nested stacks, so it was recreated on every
 * deploy). Deleted once, so that its API and functions do not linger beside the stacks that replace it.
 */
const OBSOLETE_STACKS = [`Commerce-${STAGE}-Services`];

/** Deletes a stack when it exists and waits until it is gone. */
async function deleteStack(name: string, log: Log): Promise<void> {
  const status = await describeStackStatus(name);
  if (status === undefined || status === 'DELETE_COMPLETE') return;
  log(`deploy: deleting ${name} (${status}), which the app no longer has`);
  const deleted = await cloudFormation({ Action: 'DeleteStack', StackName: name }, 60_000);
  if (deleted.status !== 200) {
    throw new LocalCloudError(`DeleteStack ${name} failed: HTTP ${deleted.status} ${deleted.body}`);
  }
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    const now = await describeStackStatus(name);
    if (now === undefined || now === 'DELETE_COMPLETE') return;
    if (now === 'DELETE_FAILED')
      throw new LocalCloudError(`deleting ${name} failed; see ${logFile('ministack')}`);
    if (Date.now() > deadline) throw new LocalCloudError(`timed out deleting ${name} (${now})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const NOTABLE = /✅|❌|✨ {2}(Deployment|Total) time|_FAILED\b|ROLLBACK_|^Error|\berror:/;

async function cdk(args: string[], cwd: string, log: Log): Promise<void> {
  ensureDir(LOGS_DIR);
  const result = await run(CDK_BIN, [...args, '--no-notices'], {
    cwd,
    env: cdkEnv(),
    logTo: logFile('cdk'),
    onLine: (raw) => {
      const line = stripVTControlCharacters(raw).trimEnd();
      if (NOTABLE.test(line) && !/^\s*$/.test(line)) log(`cdk: ${line.trim()}`);
    },
  });
  if (result.code !== 0) {
    throw new LocalCloudError(
      `cdk ${args[0] ?? ''} failed (exit ${result.code}); last lines of ${logFile('cdk')}:\n${tail(stripVTControlCharacters(result.output), 30)}`,
    );
  }
}

const DEPLOY_STAMP = path.join(RUN_DIR, 'deploy-stamp.json');
const SKIP_DIRS = new Set(['node_modules', '.git', 'cdk.out', '.local', 'coverage', 'bench-results']);

/** Files that can change what gets deployed: git's view (tracked + untracked, not ignored), else a walk. */
async function sourceFiles(appDir: string): Promise<string[]> {
  const git = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: appDir,
  }).catch(() => undefined);
  if (git?.code === 0) return git.output.split('\0').filter((f) => f !== '');
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(appDir, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) walk(rel);
      else if (entry.isFile()) files.push(rel);
    }
  };
  walk('');
  return files;
}

/** Root files that change a synth whatever cdk.json's watch settings say. */
const ALWAYS_RELEVANT = new Set(['cdk.json', 'package.json', 'package-lock.json', 'tsconfig.json']);

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** Narrows the files to cdk.json's `watch.include`/`watch.exclude` globs when it declares them. */
function deployRelevant(appDir: string): (file: string) => boolean {
  let watch: unknown;
  try {
    watch = (JSON.parse(fs.readFileSync(path.join(appDir, 'cdk.json'), 'utf8')) as { watch?: unknown }).watch;
  } catch {
    return () => true;
  }
  const settings = typeof watch === 'object' && watch !== null ? (watch as Record<string, unknown>) : {};
  const include = stringList(settings['include']);
  const exclude = stringList(settings['exclude']) ?? [];
  if (!include) return () => true;
  return (file) =>
    ALWAYS_RELEVANT.has(file) ||
    (include.some((glob) => path.matchesGlob(file, glob)) &&
      !exclude.some((glob) => path.matchesGlob(file, glob)));
}

/** What each relevant source file looks like (path → size and mtime): any edit changes its entry. */
async function fingerprint(appDir: string): Promise<Record<string, string>> {
  const relevant = deployRelevant(appDir);
  const files: Record<string, string> = {};
  for (const file of (await sourceFiles(appDir)).filter(relevant).sort()) {
    try {
      const stat = fs.statSync(path.join(appDir, file));
      files[file] = `${stat.size}:${stat.mtimeMs}`;
    } catch {
      files[file] = 'deleted'; // listed by git but deleted from the work tree
    }
  }
  return files;
}

/** The files whose fingerprint differs between two deploys (added, changed or removed). */
export function changedFiles(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}

/**
 * The stacks a change needs, when it stays inside services' own code: a file under `functions/<service>/`
 * (not its routes.ts, which can change the APIs' shape and the authorizer's table) only changes that
 * service's stack `Commerce-<stage>-<Service>`. Undefined when some change reaches further (the kit, the
 * events, infra, the platform's or the authorizer's code, a route declaration): then every stack.
 */
export function serviceStacksFor(
  changed: readonly string[],
  stage: string,
  isService: (name: string) => boolean,
): string[] | undefined {
  const stacks = new Set<string>();
  for (const file of changed) {
    const match = /^functions\/([a-z][a-z0-9-]*)\/(.+)$/.exec(file.split(path.sep).join('/'));
    if (!match || !isService(match[1]!) || match[2] === 'routes.ts') return undefined;
    stacks.add(`Commerce-${stage}-${match[1]!.charAt(0).toUpperCase()}${match[1]!.slice(1)}`);
  }
  return [...stacks].sort();
}

/** Identity of the running emulator: its state is in memory, so a restarted emulator needs a new deploy. */
function emulatorIdentity(): string | undefined {
  const pid = readPid(pidFile('ministack'));
  if (pid === undefined) return undefined;
  return `${pid}@${fs.statSync(pidFile('ministack')).mtimeMs}`;
}

interface DeployStamp {
  emulator: string;
  appDir: string;
  args: string[];
  files: Record<string, string>;
  stacks: string[];
}

function readStamp(): DeployStamp | undefined {
  try {
    const stamp = JSON.parse(fs.readFileSync(DEPLOY_STAMP, 'utf8')) as Partial<DeployStamp>;
    return stamp.files && stamp.args && stamp.stacks ? (stamp as DeployStamp) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The last successful deploy when it is still in place and comparable: same emulator process, app and
 * arguments, every stack it deployed complete, its outputs on disk. Undefined otherwise (deploy all).
 */
async function deployedState(appDir: string, args: readonly string[]): Promise<DeployStamp | undefined> {
  const stamp = readStamp();
  const emulator = emulatorIdentity();
  if (!stamp || !emulator || stamp.emulator !== emulator || stamp.appDir !== appDir) return undefined;
  if (JSON.stringify(stamp.args) !== JSON.stringify(args) || !fs.existsSync(EMULATOR_OUTPUTS_FILE)) {
    return undefined;
  }
  const stacks = await describeStacks();
  const complete = stamp.stacks.every((name) =>
    /^(CREATE|UPDATE|IMPORT)_COMPLETE$/.test(stacks.get(name) ?? ''),
  );
  return complete ? stamp : undefined;
}

export interface DeployOptions {
  /** Directory with cdk.json (the repository root unless a test points elsewhere). */
  appDir?: string;
  /** Deploy even when nothing changed since the last deploy to the running emulator. */
  force?: boolean;
  log?: Log;
}

/**
 * Bootstraps the emulator's account once, deploys all stacks with `-c stage=local` and returns the stack
 * outputs with API Gateway URLs in emulator path form (also written to `.local/outputs.emulator.json`).
 * Expects the emulator to be running (see ensureLocalCloud).
 */
export function deployLocalStage(options: DeployOptions = {}): Promise<StackOutputs> {
  const log = options.log ?? defaultLog;
  const appDir = options.appDir ?? REPO_ROOT;
  return withLock('deploying', log, async () => {
    // MiniStack answers LocalStack's health path too, so this also accepts a LocalStack container.
    if ((await httpGet(`${EMULATOR_ENDPOINT}/_localstack/health`))?.status !== 200) {
      throw new LocalCloudError(
        `the emulator does not answer on ${EMULATOR_ENDPOINT}; start it first (npm start)`,
      );
    }
    if (!fs.existsSync(path.join(appDir, 'cdk.json'))) {
      throw new LocalCloudError(`no cdk.json in ${appDir}: nothing to deploy`);
    }
    const started = Date.now();
    const deployArgs = [
      '-c',
      `stage=${STAGE}`,
      '--require-approval',
      'never',
      '--progress',
      'events',
      '--outputs-file',
      OUTPUTS_FILE,
    ];
    const files = await fingerprint(appDir);
    const previous = options.force ? undefined : await deployedState(appDir, deployArgs);
    const changed = previous ? changedFiles(previous.files, files) : undefined;
    if (changed?.length === 0) {
      log(
        'deploy: nothing changed since the last deploy to this emulator, skipping cdk (force with --force-deploy)',
      );
      const outputs = JSON.parse(fs.readFileSync(EMULATOR_OUTPUTS_FILE, 'utf8')) as StackOutputs;
      writeAppSettings(outputs);
      return outputs;
    }
    // Only services' own code changed: deploy their stacks alone (and bundle only their functions).
    const only =
      changed && previous
        ? serviceStacksFor(changed, STAGE, (name) =>
            fs.existsSync(path.join(appDir, 'functions', name, 'service.ts')),
          )?.filter((stack) => previous.stacks.includes(stack))
        : undefined;
    const selection = only?.length ? [...only, '--exclusively'] : ['--all'];
    fs.rmSync(DEPLOY_STAMP, { force: true });
    ensureDir(LOGS_DIR);
    fs.writeFileSync(logFile('cdk'), ''); // one deploy per log
    const status = await describeStackStatus(BOOTSTRAP_STACK);
    if (status === undefined || !/_COMPLETE$/.test(status) || /ROLLBACK|DELETE/.test(status)) {
      log(`deploy: bootstrapping aws://${ACCOUNT_ID}/${REGION} in the emulator`);
      await cdk(['bootstrap', `aws://${ACCOUNT_ID}/${REGION}`, '-c', `stage=${STAGE}`], appDir, log);
    }
    for (const name of OBSOLETE_STACKS) await deleteStack(name, log);
    log(
      `deploy: cdk deploy ${only?.length ? only.join(' ') : '--all'} -c stage=${STAGE} (log: ${path.relative(REPO_ROOT, logFile('cdk'))})`,
    );
    fs.rmSync(OUTPUTS_FILE, { force: true });
    await cdk(['deploy', ...selection, ...deployArgs], appDir, log);
    const fresh = fs.existsSync(OUTPUTS_FILE)
      ? (JSON.parse(fs.readFileSync(OUTPUTS_FILE, 'utf8')) as StackOutputs)
      : {};
    // A partial deploy writes its own stacks' outputs only: keep the others from the last deploy.
    const before = only?.length
      ? (JSON.parse(fs.readFileSync(EMULATOR_OUTPUTS_FILE, 'utf8')) as StackOutputs)
      : {};
    const outputs = { ...before, ...rewriteOutputs(fresh) };
    fs.writeFileSync(EMULATOR_OUTPUTS_FILE, JSON.stringify(outputs, null, 2) + '\n');
    // What /config.json holds in AWS, for the local server of the apps.
    writeAppSettings(outputs);
    const emulator = emulatorIdentity();
    if (emulator !== undefined) {
      // Sources are fingerprinted before cdk runs, so an edit made during the deploy triggers the next one.
      const stamp: DeployStamp = {
        emulator,
        appDir,
        args: deployArgs,
        files,
        stacks: [...new Set([...(previous?.stacks ?? []), ...Object.keys(fresh)])].sort(),
      };
      fs.writeFileSync(DEPLOY_STAMP, JSON.stringify(stamp, null, 2) + '\n');
    }
    log(
      `deploy: done in ${((Date.now() - started) / 1000).toFixed(1)}s (${only?.length ? only.join(', ') : 'all stacks'})`,
    );
    return outputs;
  });
}
