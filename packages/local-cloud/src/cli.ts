// CLI: `start` (provision, start, deploy, seed, print URLs), `stop`, `status`. Run with the project's Node 24.
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  LOCAL_DIR,
  OPENSEARCH_URL,
  REDIS_URL,
  SES_MESSAGES_URL,
  SQS_MESSAGES_URL,
  STRIPE_MOCK_URL,
} from './config.ts';
import {
  deployLocalStage,
  EMULATOR_ENDPOINT,
  ensureLocalCloud,
  findApiBaseUrl,
  LocalCloudError,
  localCloudStatus,
  stopLocalCloud,
} from './index.ts';
import { defaultLog as log } from './proc.ts';
import { ensureAppBuilds } from './app-builds.ts';
import { ADMIN_CONSOLE_URL, STOREFRONT_URL } from './web-settings.ts';
import {
  accessToken,
  CREDENTIALS_FILE,
  ensureDemoShop,
  ensureDemoUsers,
  identityOutputs,
  newCustomerToken,
  readDeployedOutputs,
} from './users.ts';

const USAGE = `usage: node packages/local-cloud/src/cli.ts <start|stop|status|token> [options]

  start   provision what is missing, start MiniStack (4566), OpenSearch (9200), Redis (6379)
          and stripe-mock (12111)
          on loopback, deploy the local stage, seed demo data and print the URLs
            --no-deploy      only bring the servers up
            --force-deploy   run cdk deploy even when nothing changed since the last deploy
            --external       do not start servers: deploy to an emulator that already listens on
                             4566 (e.g. LocalStack from docker-compose.localstack.yml)
            --app-dir <dir>  deploy the CDK app in <dir> instead of the repository root
  stop    stop the servers (provisioned files stay in .local/)
  status  show what runs
  token <admin|staff|customer>
          print an access token: the demo admin or staff user, or a customer signed up just now`;

interface StartOptions {
  deploy: boolean;
  forceDeploy: boolean;
  external: boolean;
  appDir: string | undefined;
}

async function start(options: StartOptions): Promise<void> {
  const began = Date.now();
  if (options.external) {
    log(`using the servers already running (emulator on ${EMULATOR_ENDPOINT})`);
  } else {
    const info = await ensureLocalCloud();
    log(`servers ${info.reused ? 'reused' : 'up'} in ${(info.ms / 1000).toFixed(1)}s`);
  }
  let apiUrl: string | undefined;
  let signIn: string[] = [];
  if (options.deploy) {
    const outputs = await deployLocalStage({
      force: options.forceDeploy,
      ...(options.appDir === undefined ? {} : { appDir: path.resolve(options.appDir) }),
    });
    apiUrl = findApiBaseUrl(outputs);
    if (apiUrl === undefined) log('seed: skipped, no stack output holds an API Gateway URL');
    else {
      const users = await ensureDemoShop(outputs, apiUrl);
      log(
        `users: ${users.admin.email} (admin), ${users.staff.email} (staff) and ${users.customer.email} (customer), passwords in ${CREDENTIALS_FILE}`,
      );
      signIn = [
        `admin ${users.admin.email} / ${users.admin.password}`,
        `staff ${users.staff.email} / ${users.staff.password}`,
        `customer ${users.customer.email} / ${users.customer.password}`,
      ];
    }
    await ensureAppBuilds(log);
  }
  const rows: [string, string][] = [
    ['Storefront', `${STOREFRONT_URL}  (sign in as the customer below, or buy as a guest)`],
    ['Admin console', `${ADMIN_CONSOLE_URL}  (sign in as admin or staff)`],
    ...signIn.map((line, i): [string, string] => [i === 0 ? 'Sign-in' : '', line]),
    ['API', apiUrl ?? (options.deploy ? '(no API output)' : '(not deployed)')],
    ['AWS endpoint', `${EMULATOR_ENDPOINT}  (AWS_ENDPOINT_URL, test/test credentials, us-east-1)`],
    ['Emails (SES)', SES_MESSAGES_URL],
    ['Queues (SQS)', `${SQS_MESSAGES_URL}  (or: aws --endpoint-url ${EMULATOR_ENDPOINT} sqs list-queues)`],
    ['OpenSearch', OPENSEARCH_URL],
    ['Redis', REDIS_URL],
    ['stripe-mock', `${STRIPE_MOCK_URL}  (Stripe API mock; any sk_test_ key)`],
    ['Outputs', path.join(LOCAL_DIR, 'outputs.emulator.json')],
    ['Logs', path.join(LOCAL_DIR, 'logs')],
    ['Tokens', 'npm run token -- admin|staff|customer   (prints an access token; see docs/auth.md)'],
  ];
  log(`ready in ${((Date.now() - began) / 1000).toFixed(1)}s`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(14)}${value}`);
  console.log('  Stop with:    npm stop');
}

/** Prints an access token for the demo admin or staff user, or for a customer signed up just now. */
async function token(role: string | undefined): Promise<void> {
  if (role !== 'admin' && role !== 'staff' && role !== 'customer') {
    throw new LocalCloudError('usage: npm run token -- admin|staff|customer');
  }
  const ids = identityOutputs(readDeployedOutputs());
  if (role === 'customer') {
    const customer = await newCustomerToken(ids);
    console.error(`[local-cloud] signed up and confirmed ${customer.email}`);
    console.log(customer.token);
    return;
  }
  const users = await ensureDemoUsers(ids);
  console.log(await accessToken(ids.adminConsoleClientId, users[role].email, users[role].password));
}

async function status(): Promise<void> {
  for (const s of await localCloudStatus()) {
    const state =
      s.pid === undefined
        ? s.portTakenByOther
          ? `not ours: port ${s.port} is held by another process`
          : 'stopped'
        : `${s.healthy ? 'running' : 'running, NOT healthy'} (pid ${s.pid}, port ${s.port})`;
    console.log(`  ${s.name.padEnd(12)}${state}`);
  }
}

const OPTIONS = {
  'no-deploy': { type: 'boolean', default: false },
  'force-deploy': { type: 'boolean', default: false },
  external: { type: 'boolean', default: false },
  'app-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new LocalCloudError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { positionals, values } = parsed;
  const command = positionals[0];
  if (values.help || command === undefined) {
    console.log(USAGE);
    if (command === undefined && !values.help) process.exitCode = 2;
    return;
  }
  switch (command) {
    case 'start':
      return start({
        deploy: !values['no-deploy'],
        forceDeploy: values['force-deploy'],
        external: values.external,
        appDir: values['app-dir'],
      });
    case 'stop': {
      const stopped = await stopLocalCloud();
      log(stopped.length === 0 ? 'nothing was running' : `stopped ${stopped.join(', ')}`);
      return;
    }
    case 'status':
      return status();
    case 'token':
      return token(positionals[1]);
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof LocalCloudError) {
    console.error(`[local-cloud] error: ${error.message}`);
  } else {
    console.error('[local-cloud] unexpected error:', error);
  }
  process.exitCode = 1;
}
