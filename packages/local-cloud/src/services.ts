// The local servers: how to provision, start, health-check, recognise and stop each of them.
import fs from 'node:fs';
import path from 'node:path';
import {
  ACCOUNT_ID,
  EMULATOR_TMP_DIR,
  LOGS_DIR,
  logFile,
  LOOPBACK,
  MINISTACK_PORT,
  NODE_BIN_DIR,
  OPENSEARCH_HEAP,
  OPENSEARCH_PORT,
  OPENSEARCH_URL,
  pidFile,
  REDIS_DIR,
  REDIS_PORT,
  REGION,
  REPO_ROOT,
  RUN_DIR,
  type ServiceName,
  STRIPE_MOCK_PORT,
  STRIPE_MOCK_URL,
  START_TIMEOUT_MS,
  STOP_TIMEOUT_MS,
} from './config.ts';
import { verifyOpenSearchModules } from './opensearch-modules.ts';
import {
  commandLine,
  ensureDir,
  hostPath,
  httpGet,
  isAlive,
  listensOn,
  LocalCloudError,
  type Log,
  portInUse,
  readPid,
  redisPing,
  removeFile,
  spawnDetached,
  tailOfFile,
  terminate,
  waitUntil,
} from './proc.ts';
import {
  openSearchCommand,
  provisionOpenSearch,
  provisionRedis,
  provisionStripeMock,
  provisionVenv,
} from './provision.ts';
import { ADMIN_CONSOLE_PORT, STOREFRONT_PORT } from './web-settings.ts';

export interface Launch {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

interface ServiceSpec {
  name: ServiceName;
  port: number;
  /** A fragment of the server's command line, to recognise our process behind a pid file. */
  marker: string;
  healthy: () => Promise<boolean>;
  /** Runs once the server is healthy, started or reused; throws a LocalCloudError when it lacks something. */
  verify?: () => Promise<void>;
  prepare: (log: Log) => Promise<Launch>;
}

/** Environment of the emulator. Emulated Lambdas inherit it, so it is built from scratch, not from ours. */
export function ministackEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    // Node 24 from the `node` devDependency runs the nodejs* Lambdas (MiniStack spawns plain `node`).
    PATH: [NODE_BIN_DIR, hostPath()].join(path.delimiter),
    LANG: 'C.UTF-8',
    PYTHONUNBUFFERED: '1',
    TMPDIR: EMULATOR_TMP_DIR,
    GATEWAY_PORT: String(MINISTACK_PORT),
    BIND_HOST: LOOPBACK,
    MINISTACK_HOST: 'localhost',
    MINISTACK_REGION: REGION,
    MINISTACK_ACCOUNT_ID: ACCOUNT_ID,
    // Lambdas run as local `node` subprocesses (the default); `docker` would need a Docker engine.
    LAMBDA_EXECUTOR: 'local',
    // OpenSearch domains report our single node as their endpoint instead of a stub.
    MINISTACK_OPENSEARCH_ENDPOINT: `localhost:${OPENSEARCH_PORT}`,
    // ElastiCache API fallback endpoint (the CloudFormation path does not use it).
    REDIS_HOST: LOOPBACK,
    REDIS_PORT: String(REDIS_PORT),
    // Fresh state on every emulator start; deploy recreates everything.
    PERSIST_STATE: '0',
    // Extra listeners we do not need (IoT mTLS on 0.0.0.0:8883, SFTP).
    IOT_MTLS_ENABLED: '0',
    SFTP_ENABLED: '0',
    LOG_LEVEL: 'INFO',
  };
  const home = process.env['HOME'];
  if (home !== undefined) env['HOME'] = home;
  return env;
}

const ministack: ServiceSpec = {
  name: 'ministack',
  port: MINISTACK_PORT,
  marker: 'ministack',
  healthy: async () => {
    const response = await httpGet(`http://${LOOPBACK}:${MINISTACK_PORT}/_ministack/health`);
    if (response?.status !== 200) return false;
    try {
      const body = JSON.parse(response.body) as { services?: Record<string, string> };
      return body.services?.['cloudformation'] === 'available' && body.services['lambda'] === 'available';
    } catch {
      return false;
    }
  },
  prepare: async (log) => {
    const bin = await provisionVenv(log);
    const env = ministackEnv();
    ensureDir(EMULATOR_TMP_DIR, 0o700);
    return { command: bin, args: [], env, cwd: REPO_ROOT };
  },
};

const opensearch: ServiceSpec = {
  name: 'opensearch',
  port: OPENSEARCH_PORT,
  marker: 'opensearch', // matches `setpriv … bin/opensearch` and the java process it execs
  healthy: async () => {
    const response = await httpGet(`${OPENSEARCH_URL}/_cluster/health`);
    if (response?.status !== 200) return false;
    try {
      const { status } = JSON.parse(response.body) as { status?: string };
      return status === 'green' || status === 'yellow';
    } catch {
      return false;
    }
  },
  verify: () => verifyOpenSearchModules(OPENSEARCH_URL),
  prepare: async (log) => {
    const install = await provisionOpenSearch(log);
    const [command, args] = openSearchCommand(install);
    return {
      command,
      args,
      cwd: install.home,
      env: {
        PATH: hostPath(),
        LANG: 'C.UTF-8',
        HOME: install.home,
        OPENSEARCH_JAVA_HOME: install.javaHome,
        OPENSEARCH_JAVA_OPTS: OPENSEARCH_HEAP,
        OPENSEARCH_TMPDIR: path.join(install.home, 'tmp'),
      },
    };
  },
};

const redis: ServiceSpec = {
  name: 'redis',
  port: REDIS_PORT,
  marker: 'redis-server',
  healthy: () => redisPing(REDIS_PORT),
  prepare: async (log) => {
    const bin = await provisionRedis(log);
    ensureDir(REDIS_DIR);
    return {
      command: bin,
      // Our own instance (not the system service): loopback, foreground, no persistence.
      args: [
        '--bind',
        LOOPBACK,
        '--port',
        String(REDIS_PORT),
        '--daemonize',
        'no',
        '--save',
        '',
        '--appendonly',
        'no',
        '--protected-mode',
        'yes',
        '--dir',
        REDIS_DIR,
        '--logfile',
        '',
      ],
      env: { PATH: hostPath(), LANG: 'C.UTF-8' },
      cwd: REDIS_DIR,
    };
  },
};

/** Stripe's API mock for the Stripe payment provider's tests (any `sk_test_…` key is accepted). */
const stripeMock: ServiceSpec = {
  name: 'stripe-mock',
  port: STRIPE_MOCK_PORT,
  marker: 'stripe-mock',
  healthy: async () => {
    try {
      const response = await fetch(`${STRIPE_MOCK_URL}/v1/balance`, {
        headers: { authorization: 'Bearer sk_test_local' },
        signal: AbortSignal.timeout(2000),
      });
      return response.status === 200;
    } catch {
      return false;
    }
  },
  prepare: async (log) => {
    const bin = await provisionStripeMock(log);
    return {
      command: bin,
      args: ['-http-addr', `${LOOPBACK}:${STRIPE_MOCK_PORT}`],
      env: { PATH: hostPath(), LANG: 'C.UTF-8' },
      cwd: REPO_ROOT,
    };
  },
};

/** The apps' static server and the sandbox gateway's challenge page (web-server.ts). */
const web: ServiceSpec = {
  name: 'web',
  port: STOREFRONT_PORT,
  marker: 'web-server.ts',
  healthy: async () => {
    const answers = await Promise.all(
      [STOREFRONT_PORT, ADMIN_CONSOLE_PORT].map((port) => httpGet(`http://${LOOPBACK}:${port}/healthz`)),
    );
    return answers.every((a) => a?.status === 200);
  },
  prepare: () =>
    Promise.resolve({
      command: process.execPath,
      args: [path.join(import.meta.dirname, 'web-server.ts')],
      env: { PATH: hostPath(), LANG: 'C.UTF-8' },
      cwd: REPO_ROOT,
    }),
};

export const SERVICES: readonly ServiceSpec[] = [ministack, opensearch, redis, stripeMock, web];

export interface ServiceState {
  name: ServiceName;
  port: number;
  /** Our process from the pid file, alive and recognisably ours. */
  pid?: number;
  /** Our process answers its health check. */
  healthy: boolean;
  /** Something that is not our process listens on the port. */
  portTakenByOther: boolean;
}

async function ourPid(spec: ServiceSpec): Promise<number | undefined> {
  const pid = readPid(pidFile(spec.name));
  if (pid === undefined) return undefined;
  if (isAlive(pid) && (await commandLine(pid))?.includes(spec.marker)) return pid;
  return undefined; // stale: the process is gone, or the pid now belongs to something else
}

export async function inspect(spec: ServiceSpec): Promise<ServiceState> {
  const pid = await ourPid(spec);
  const inUse = await portInUse(spec.port);
  const ownsPort = pid !== undefined && listensOn(pid, spec.port) !== false;
  const healthy = ownsPort && inUse && (await spec.healthy());
  return {
    name: spec.name,
    port: spec.port,
    ...(pid === undefined ? {} : { pid }),
    healthy,
    portTakenByOther: inUse && !ownsPort,
  };
}

export function portTakenMessage(name: ServiceName, port: number): string {
  return (
    `port ${port} on ${LOOPBACK} is already in use by another process, so ${name} cannot start. ` +
    `Stop whatever listens there (\`ss -ltnp 'sport = :${port}'\` shows it) and run again.`
  );
}

export interface EnsuredService {
  name: ServiceName;
  pid: number;
  port: number;
  reused: boolean;
  ms: number;
}

/** Reuses our healthy server, or provisions and starts it; refuses a port held by anything else. */
export async function ensureService(spec: ServiceSpec, log: Log): Promise<EnsuredService> {
  const started = Date.now();
  const timeout = START_TIMEOUT_MS[spec.name];
  const existing = await ourPid(spec);
  if (existing !== undefined) {
    // Ours: healthy now, or still starting (another start is waiting on it).
    const ok = await waitUntil(
      async () => listensOn(existing, spec.port) !== false && (await spec.healthy()),
      timeout,
      () => !isAlive(existing),
    );
    if (ok) {
      await spec.verify?.();
      log(`${spec.name}: already running (pid ${existing}, port ${spec.port})`);
      return { name: spec.name, pid: existing, port: spec.port, reused: true, ms: Date.now() - started };
    }
    if (isAlive(existing)) {
      throw new LocalCloudError(
        `${spec.name} (pid ${existing}) runs but is not healthy on port ${spec.port} after ${timeout / 1000}s; ` +
          `see ${logFile(spec.name)}, or run \`npm stop\` and start again`,
      );
    }
    removeFile(pidFile(spec.name));
  }
  if (await portInUse(spec.port)) {
    throw new LocalCloudError(portTakenMessage(spec.name, spec.port));
  }

  const launch = await spec.prepare(log);
  ensureDir(RUN_DIR);
  ensureDir(LOGS_DIR);
  log(
    `${spec.name}: starting on ${LOOPBACK}:${spec.port} (log: ${path.relative(REPO_ROOT, logFile(spec.name))})`,
  );
  const pid = await spawnDetached({ ...launch, logFile: logFile(spec.name) });
  fs.writeFileSync(pidFile(spec.name), `${pid}\n`);
  const ok = await waitUntil(spec.healthy, timeout, () => !isAlive(pid));
  if (!ok) {
    const alive = isAlive(pid);
    if (alive) await terminate(pid, STOP_TIMEOUT_MS);
    removeFile(pidFile(spec.name));
    throw new LocalCloudError(
      `${spec.name} ${alive ? `did not become healthy within ${timeout / 1000}s` : 'exited during start-up'}; ` +
        `last lines of ${logFile(spec.name)}:\n${tailOfFile(logFile(spec.name))}`,
    );
  }
  await spec.verify?.();
  const ms = Date.now() - started;
  log(`${spec.name}: ready (pid ${pid}) in ${(ms / 1000).toFixed(1)}s`);
  return { name: spec.name, pid, port: spec.port, reused: false, ms };
}

/** Stops our server by pid file (SIGTERM, then SIGKILL), also when it runs as the OpenSearch user. */
export async function stopService(spec: ServiceSpec, log: Log): Promise<boolean> {
  const pid = await ourPid(spec);
  if (pid === undefined) {
    removeFile(pidFile(spec.name));
    return false;
  }
  const how = await terminate(pid, STOP_TIMEOUT_MS);
  removeFile(pidFile(spec.name));
  log(`${spec.name}: ${how} (pid ${pid})`);
  return true;
}
