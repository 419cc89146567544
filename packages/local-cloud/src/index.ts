// Programmatic API of the local cloud, used by the CLI (npm start / npm stop) and by e2e test setup.
import fs from 'node:fs';
import {
  ACCOUNT_ID,
  EMULATOR_ENDPOINT,
  EMULATOR_TMP_DIR,
  OPENSEARCH_URL,
  REDIS_URL,
  REGION,
  type ServiceName,
  SES_MESSAGES_URL,
  SQS_MESSAGES_URL,
  STRIPE_MOCK_URL,
} from './config.ts';
import { withLock } from './lock.ts';
import { defaultLog, LocalCloudError, type Log } from './proc.ts';
import {
  ensureService,
  type EnsuredService,
  inspect,
  portTakenMessage,
  SERVICES,
  type ServiceState,
  stopService,
} from './services.ts';

export { ensureAppBuilds } from './app-builds.ts';
export { ADMIN_CONSOLE_URL, settingsFile, STOREFRONT_URL } from './web-settings.ts';
export { deployLocalStage, type DeployOptions, describeStackStatus, localAwsEnv } from './deploy.ts';
export { LocalCloudError, type Log } from './proc.ts';
export { provisionChromium, provisionSchemathesis } from './provision.ts';
export {
  accessToken,
  CREDENTIALS_FILE,
  ensureDemoShop,
  ensureDemoUsers,
  identityOutputs,
  newCustomerToken,
  readDeployedOutputs,
} from './users.ts';
export { DEMO_METHODS, DEMO_PRICES, DEMO_TAX, DEMO_WAREHOUSES, DEMO_ZONES } from './demo-shop.ts';
export { DEMO_SKUS, seedDemoShop } from './seed.ts';
export { findApiBaseUrl, rewriteOutputs, type StackOutputs, toEmulatorUrl } from './url.ts';
export {
  ACCOUNT_ID,
  EMULATOR_ENDPOINT,
  EMULATOR_OUTPUTS_FILE,
  LOCAL_DIR,
  OPENSEARCH_URL,
  REDIS_URL,
  REGION,
  SES_MESSAGES_URL,
  SQS_MESSAGES_URL,
  STAGE,
  WEB_APPS,
  type WebAppName,
  STRIPE_MOCK_URL,
} from './config.ts';
export type { EnsuredService, ServiceState };

export interface LocalCloudOptions {
  /** Progress lines; defaults to "[local-cloud] …" on stdout. */
  log?: Log;
}

export interface LocalCloudInfo {
  /** AWS_ENDPOINT_URL for SDKs and cdk. */
  endpoint: string;
  region: string;
  accountId: string;
  openSearchUrl: string;
  redisUrl: string;
  /** stripe-mock, Stripe's API mock (base URL for the Stripe SDK's host/port/protocol settings). */
  stripeMockUrl: string;
  /** GET: emails the emulated SES accepted. */
  sesMessagesUrl: string;
  /** GET: messages currently in the emulated SQS queues. */
  sqsMessagesUrl: string;
  services: EnsuredService[];
  /** Whether every server was already running and healthy. */
  reused: boolean;
  ms: number;
}

/**
 * Provisions what is missing and starts the emulator (4566), OpenSearch (9200) and Redis (6379) on
 * loopback, concurrently; servers that already run healthy from an earlier start are reused. The servers
 * are detached and keep running after this process exits; stop them with stopLocalCloud().
 */
export function ensureLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloudInfo> {
  const log = options.log ?? defaultLog;
  return withLock('starting', log, async () => {
    const started = Date.now();
    // Refuse foreign listeners on our ports before starting anything.
    const conflicts = (await Promise.all(SERVICES.map((spec) => inspect(spec)))).filter(
      (s) => s.pid === undefined && s.portTakenByOther,
    );
    if (conflicts.length > 0) {
      throw new LocalCloudError(conflicts.map((s) => portTakenMessage(s.name, s.port)).join('\n'));
    }
    const results = await Promise.allSettled(SERVICES.map((spec) => ensureService(spec, log)));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (failures.length > 0) {
      const messages = failures.map((f) => (f instanceof Error ? f.message : String(f)));
      if (failures.every((f) => f instanceof LocalCloudError)) {
        throw new LocalCloudError(messages.join('\n\n'));
      }
      throw new Error(messages.join('\n\n'), { cause: failures[0] });
    }
    const services = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    return {
      endpoint: EMULATOR_ENDPOINT,
      region: REGION,
      accountId: ACCOUNT_ID,
      openSearchUrl: OPENSEARCH_URL,
      redisUrl: REDIS_URL,
      stripeMockUrl: STRIPE_MOCK_URL,
      sesMessagesUrl: SES_MESSAGES_URL,
      sqsMessagesUrl: SQS_MESSAGES_URL,
      services,
      reused: services.every((s) => s.reused),
      ms: Date.now() - started,
    };
  });
}

/** Stops the servers started by ensureLocalCloud (by pid file); provisioned files stay in `.local/`. */
export function stopLocalCloud(options: LocalCloudOptions = {}): Promise<ServiceName[]> {
  const log = options.log ?? defaultLog;
  return withLock('stopping', log, async () => {
    const stopped = await Promise.all(
      SERVICES.map(async (spec) => ((await stopService(spec, log)) ? spec.name : [])),
    );
    // The emulator's scratch space (unpacked Lambda code) is worthless once it is down.
    fs.rmSync(EMULATOR_TMP_DIR, { recursive: true, force: true });
    return stopped.flat();
  });
}

/** What runs: our servers by pid file and health, and ports held by other processes. */
export function localCloudStatus(): Promise<ServiceState[]> {
  return Promise.all(SERVICES.map((spec) => inspect(spec)));
}
