// Fixed settings of the local cloud: versions, ports, and where everything lives under `.local/`.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, resolved from this file's location (packages/local-cloud/src/), never from cwd. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Git-ignored directory holding everything the local cloud provisions or writes. */
export const LOCAL_DIR = path.join(REPO_ROOT, '.local');
export const RUN_DIR = path.join(LOCAL_DIR, 'run');
export const LOGS_DIR = path.join(LOCAL_DIR, 'logs');
export const DOWNLOADS_DIR = path.join(LOCAL_DIR, 'downloads');
/**
 * MiniStack's TMPDIR, where it unpacks Lambda code. Deliberately outside the repository: under it, Node
 * would apply the root package.json ("type": "module") to Lambda bundles and resolve their imports from the
 * repository's node_modules, neither of which happens in AWS.
 */
export const EMULATOR_TMP_DIR = path.join(
  os.tmpdir(),
  `commerce-local-ministack-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`,
);
export const VENV_DIR = path.join(LOCAL_DIR, 'venv');
export const REDIS_DIR = path.join(LOCAL_DIR, 'redis');
export const OUTPUTS_FILE = path.join(LOCAL_DIR, 'outputs.json');
/** The same outputs with API Gateway URLs rewritten to the emulator's path form. */
export const EMULATOR_OUTPUTS_FILE = path.join(LOCAL_DIR, 'outputs.emulator.json');

/** Node 24 comes from the `node` devDependency; it must be first on PATH for cdk and for emulated Lambdas. */
export const NODE_BIN_DIR = path.join(REPO_ROOT, 'node_modules', '.bin');
export const CDK_BIN = path.join(NODE_BIN_DIR, 'cdk');

export const LOOPBACK = '127.0.0.1';
export const REGION = 'us-east-1';
export const ACCOUNT_ID = '000000000000';
export const STAGE = 'local';

export const MINISTACK_PORT = 4566;
export const OPENSEARCH_PORT = 9200;
export const REDIS_PORT = 6379;

/** What clients (cdk, SDKs, tests) use to reach the emulator. */
export const EMULATOR_ENDPOINT = `http://localhost:${MINISTACK_PORT}`;
export const OPENSEARCH_URL = `http://${LOOPBACK}:${OPENSEARCH_PORT}`;
export const REDIS_URL = `redis://${LOOPBACK}:${REDIS_PORT}`;
export const SES_MESSAGES_URL = `${EMULATOR_ENDPOINT}/_ministack/ses/messages`;
export const SQS_MESSAGES_URL = `${EMULATOR_ENDPOINT}/_ministack/sqs/messages`;

export const MINISTACK_VERSION = '1.5.33';
/** Python requirements of the emulator's virtualenv; `cryptography` makes Cognito sign its tokens for real. */
export const PYTHON_REQUIREMENTS = [`ministack==${MINISTACK_VERSION}`, 'cryptography'] as const;
export const MIN_PYTHON: readonly [number, number] = [3, 10];
/**
 * Schemathesis, the property-based API tester the e2e contract test runs over the OpenAPI document. It has a
 * virtualenv of its own so that its dependencies never move the emulator's.
 */
export const SCHEMATHESIS_REQUIREMENTS = ['schemathesis==4.32.5'] as const;
export const SCHEMATHESIS_VENV_DIR = path.join(LOCAL_DIR, 'schemathesis');

export const OPENSEARCH_VERSION = '2.19.6';
export const OPENSEARCH_ARTIFACT = `org.opensearch.distribution.integ-test-zip:opensearch:${OPENSEARCH_VERSION}:zip`;
export const OPENSEARCH_ZIP = path.join(DOWNLOADS_DIR, `opensearch-${OPENSEARCH_VERSION}.zip`);
export const OPENSEARCH_DIR_NAME = `opensearch-${OPENSEARCH_VERSION}`;
export const OPENSEARCH_HEAP = '-Xms512m -Xmx512m';
export const MIN_JAVA_MAJOR = 11;
/** Unprivileged system user that runs OpenSearch when we are root (OpenSearch refuses to run as root). */
export const OPENSEARCH_USER = 'commerce-local';
/** Used instead of `.local/` when that user cannot traverse the repository's directories. */
export const OPENSEARCH_FALLBACK_BASE = '/var/tmp/commerce-local-opensearch';

/** A module of the full OpenSearch distribution, added to the integ-test one from its jar on Maven Central. */
export interface OpenSearchModule {
  /** Its directory under `modules/`, and the name `GET /_nodes/plugins` reports. */
  readonly name: string;
  /** Maven `groupId:artifactId` of its jar; the version is always OPENSEARCH_VERSION (OpenSearch insists). */
  readonly artifact: string;
  /** The plugin class OpenSearch loads from the jar. */
  readonly classname: string;
}
/**
 * Modules the integ-test distribution lacks but the search index needs (AWS OpenSearch Service has them).
 * A module whose pom lists runtime dependencies beyond the distribution's lib/ would need those jars too;
 * analysis-common has none.
 */
export const OPENSEARCH_MODULES: readonly OpenSearchModule[] = [
  // Language analyzers (english, german…), stemmer, synonym_graph, edge_ngram, asciifolding, word_delimiter_graph.
  {
    name: 'analysis-common',
    artifact: 'org.opensearch.plugin:analysis-common',
    classname: 'org.opensearch.analysis.common.CommonAnalysisPlugin',
  },
];

/** stripe-mock, Stripe's official API mock, built from its Go module with the machine's Go toolchain. */
export const STRIPE_MOCK_MODULE = 'github.com/stripe/stripe-mock';
export const STRIPE_MOCK_VERSION = 'v0.203.0';
export const GO_BIN_DIR = path.join(LOCAL_DIR, 'go', 'bin');
export const STRIPE_MOCK_PORT = 12111;
export const STRIPE_MOCK_URL = `http://${LOOPBACK}:${STRIPE_MOCK_PORT}`;

export const SERVICE_NAMES = ['ministack', 'opensearch', 'redis', 'stripe-mock', 'web'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const START_TIMEOUT_MS: Record<ServiceName, number> = {
  ministack: 60_000,
  opensearch: 120_000,
  redis: 20_000,
  'stripe-mock': 20_000,
  web: 20_000,
};
export const STOP_TIMEOUT_MS = 15_000;
export const LOCK_TIMEOUT_MS = 15 * 60_000;

export function pidFile(name: ServiceName): string {
  return path.join(RUN_DIR, `${name}.pid`);
}

export function logFile(name: string): string {
  return path.join(LOGS_DIR, `${name}.log`);
}

/** The people's apps: packages/<app>, built by scripts/build-apps.ts and served by web-server.ts. */
export const WEB_APPS = ['storefront', 'admin-console'] as const;
export type WebAppName = (typeof WEB_APPS)[number];
