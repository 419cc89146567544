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
  REGION,
  REPO_ROOT,
  STAGE,
} from './config.ts';
import { withLock } from './lock.ts';
import { defaultLog, ensureDir, hostPath, LocalCloudError, type Log, run, tail } from './proc.ts';
import { SERVICES } from './services.ts';
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

/** StackStatus of a stack via the emulator's CloudFormation query API, or undefined when it does not exist. */
export async function describeStackStatus(stackName: string): Promise<string | undefined> {
  const response = await fetch(`${EMULATOR_ENDPOINT}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      // Unsigned is accepted; the credential scope only tells the emulator which service is meant.
      authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${REGION}/cloudformation/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams({ Action: 'DescribeStacks', Version: '2010-05-15', StackName: stackName }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await response.text();
  if (response.status === 400 && body.includes('does not exist')) return undefined;
  if (!response.ok)
    throw new LocalCloudError(`DescribeStacks ${stackName} failed: HTTP ${response.status} ${body}`);
  return /<StackStatus>([A-Z_]+)<\/StackStatus>/.exec(body)?.[1];
}

/** cdk output lines worth echoing as progress; the whole output goes to .local/logs/cdk.log. */
const NOTABLE =
  /✅|❌|✨ {2}(Deployment|Total) time|\(no changes\)|^\s*Stack ARN|error|failed|UPDATE_ROLLBACK|ROLLBACK_/i;

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

export interface DeployOptions {
  /** Directory with cdk.json (the repository root unless a test points elsewhere). */
  appDir?: string;
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
    const emulator = SERVICES.find((s) => s.name === 'ministack');
    if (!emulator || !(await emulator.healthy())) {
      throw new LocalCloudError(
        `the emulator does not answer on ${EMULATOR_ENDPOINT}; start it first (npm start)`,
      );
    }
    if (!fs.existsSync(path.join(appDir, 'cdk.json'))) {
      throw new LocalCloudError(`no cdk.json in ${appDir}: nothing to deploy`);
    }
    const started = Date.now();
    const status = await describeStackStatus(BOOTSTRAP_STACK);
    if (status === undefined || !/_COMPLETE$/.test(status) || /ROLLBACK|DELETE/.test(status)) {
      log(`deploy: bootstrapping aws://${ACCOUNT_ID}/${REGION} in the emulator`);
      await cdk(['bootstrap', `aws://${ACCOUNT_ID}/${REGION}`, '-c', `stage=${STAGE}`], appDir, log);
    }
    log(`deploy: cdk deploy --all -c stage=${STAGE} (log: ${path.relative(REPO_ROOT, logFile('cdk'))})`);
    fs.rmSync(OUTPUTS_FILE, { force: true });
    await cdk(
      [
        'deploy',
        '--all',
        '-c',
        `stage=${STAGE}`,
        '--require-approval',
        'never',
        '--progress',
        'events',
        '--outputs-file',
        OUTPUTS_FILE,
      ],
      appDir,
      log,
    );
    const raw = fs.existsSync(OUTPUTS_FILE)
      ? (JSON.parse(fs.readFileSync(OUTPUTS_FILE, 'utf8')) as StackOutputs)
      : {};
    const outputs = rewriteOutputs(raw);
    fs.writeFileSync(EMULATOR_OUTPUTS_FILE, JSON.stringify(outputs, null, 2) + '\n');
    log(`deploy: done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return outputs;
  });
}
