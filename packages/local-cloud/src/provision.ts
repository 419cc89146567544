// Provisioning of what the local servers need: idempotent, and quick when everything is already there.
import fs from 'node:fs';
import path from 'node:path';
import {
  DOWNLOADS_DIR,
  GO_BIN_DIR,
  LOCAL_DIR,
  logFile,
  MIN_JAVA_MAJOR,
  MIN_PYTHON,
  OPENSEARCH_ARTIFACT,
  OPENSEARCH_DIR_NAME,
  OPENSEARCH_FALLBACK_BASE,
  OPENSEARCH_MODULES,
  OPENSEARCH_PORT,
  OPENSEARCH_USER,
  OPENSEARCH_VERSION,
  OPENSEARCH_ZIP,
  PYTHON_REQUIREMENTS,
  SCHEMATHESIS_REQUIREMENTS,
  SCHEMATHESIS_VENV_DIR,
  STRIPE_MOCK_MODULE,
  STRIPE_MOCK_VERSION,
  VENV_DIR,
} from './config.ts';
import { installOpenSearchModules } from './opensearch-modules.ts';
import {
  ensureDir,
  hostPath,
  isRoot,
  LocalCloudError,
  type Log,
  run,
  tail,
  which,
  writeIfChanged,
} from './proc.ts';

const PROVISION_LOG = logFile('provision');

async function runOrFail(
  what: string,
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const result = await run(command, args, { ...options, logTo: PROVISION_LOG });
  if (result.code !== 0) {
    throw new LocalCloudError(
      `${what} failed (exit ${result.code}): ${command} ${args.join(' ')}\n${tail(result.output)}\n(full output in ${PROVISION_LOG})`,
    );
  }
  return result.output;
}

// ---------------------------------------------------------------------------------------------- Python

function requirePython3(): string {
  const python = which('python3');
  if (!python) {
    throw new LocalCloudError(
      `python3 was not found on PATH. The AWS emulator (MiniStack) needs Python ${MIN_PYTHON.join('.')}+ ` +
        'with the venv module, e.g. `apt-get install -y python3 python3-venv` (Debian/Ubuntu) or `brew install python`.',
    );
  }
  return python;
}

const VENV_PYTHON = path.join(VENV_DIR, 'bin', 'python');
export const MINISTACK_BIN = path.join(VENV_DIR, 'bin', 'ministack');
const VENV_STAMP = path.join(VENV_DIR, '.commerce-local-requirements');

/** `.local/venv` with the pinned MiniStack and cryptography. Returns the path of the `ministack` script. */
export async function provisionVenv(log: Log): Promise<string> {
  const wanted = PYTHON_REQUIREMENTS.join('\n') + '\n';
  if (fs.existsSync(MINISTACK_BIN) && fs.existsSync(VENV_PYTHON) && readText(VENV_STAMP) === wanted) {
    return MINISTACK_BIN;
  }
  const python3 = requirePython3();
  const version = (await runOrFail('python3 --version', python3, ['--version'])).trim();
  const match = /Python (\d+)\.(\d+)/.exec(version);
  const [minMajor, minMinor] = MIN_PYTHON;
  if (
    !match ||
    Number(match[1]) < minMajor ||
    (Number(match[1]) === minMajor && Number(match[2]) < minMinor)
  ) {
    throw new LocalCloudError(`MiniStack needs Python ${MIN_PYTHON.join('.')}+, but python3 is "${version}"`);
  }
  if (!fs.existsSync(VENV_PYTHON)) {
    log(
      `ministack: creating Python virtualenv ${path.relative(process.cwd(), VENV_DIR) || VENV_DIR} (${version})`,
    );
    const result = await run(python3, ['-m', 'venv', VENV_DIR], { logTo: PROVISION_LOG });
    if (result.code !== 0) {
      fs.rmSync(VENV_DIR, { recursive: true, force: true });
      throw new LocalCloudError(
        `python3 -m venv failed: ${tail(result.output, 5)}\n` +
          'On Debian/Ubuntu install the venv module: `apt-get install -y python3-venv`.',
      );
    }
  }
  log(`ministack: installing ${PYTHON_REQUIREMENTS.join(' ')} into the virtualenv`);
  await runOrFail('pip install', VENV_PYTHON, [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    ...PYTHON_REQUIREMENTS,
  ]);
  if (!fs.existsSync(MINISTACK_BIN)) throw new LocalCloudError(`pip did not install ${MINISTACK_BIN}`);
  fs.writeFileSync(VENV_STAMP, wanted);
  return MINISTACK_BIN;
}

/**
 * `.local/schemathesis`, a virtualenv with the pinned Schemathesis (PyPI); quick when it is already there.
 * Returns the path of its `st` command.
 */
export async function provisionSchemathesis(log: Log): Promise<string> {
  const python = path.join(SCHEMATHESIS_VENV_DIR, 'bin', 'python');
  const st = path.join(SCHEMATHESIS_VENV_DIR, 'bin', 'st');
  const stamp = path.join(SCHEMATHESIS_VENV_DIR, '.commerce-local-requirements');
  const wanted = SCHEMATHESIS_REQUIREMENTS.join('\n') + '\n';
  if (fs.existsSync(st) && readText(stamp) === wanted) return st;
  if (!fs.existsSync(python)) {
    await runOrFail('python3 -m venv', requirePython3(), ['-m', 'venv', SCHEMATHESIS_VENV_DIR]);
  }
  log(`schemathesis: installing ${SCHEMATHESIS_REQUIREMENTS.join(' ')} into its virtualenv`);
  await runOrFail('pip install', python, [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    ...SCHEMATHESIS_REQUIREMENTS,
  ]);
  if (!fs.existsSync(st)) throw new LocalCloudError(`pip did not install ${st}`);
  fs.writeFileSync(stamp, wanted);
  return st;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------- OpenSearch

export interface OpenSearchInstall {
  home: string;
  javaHome: string;
  /** Set when we are root: OpenSearch then runs as this unprivileged user. */
  runAs?: { user: string; uid: number; gid: number };
}

async function requireJava(): Promise<string> {
  const java = which('java');
  const hint =
    `OpenSearch ${OPENSEARCH_VERSION} needs a JDK ${MIN_JAVA_MAJOR}+ (17 or 21 recommended) ` +
    'with `java` on PATH, e.g. `apt-get install -y openjdk-17-jre-headless` or `brew install openjdk@17`.';
  if (!java) throw new LocalCloudError(`java was not found on PATH. ${hint}`);
  const result = await run(java, ['-version']);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.output);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : NaN;
  if (result.code !== 0 || !(major >= MIN_JAVA_MAJOR)) {
    throw new LocalCloudError(`unusable java at ${java} (${tail(result.output, 1) || 'no output'}). ${hint}`);
  }
  // OPENSEARCH_JAVA_HOME must hold bin/java; resolve symlinks such as /usr/bin/java -> /usr/lib/jvm/.../bin/java.
  return path.dirname(path.dirname(fs.realpathSync(java)));
}

async function ensureUser(log: Log): Promise<{ user: string; uid: number; gid: number }> {
  const lookup = async (): Promise<{ uid: number; gid: number } | undefined> => {
    const uid = await run('id', ['-u', OPENSEARCH_USER]);
    const gid = await run('id', ['-g', OPENSEARCH_USER]);
    if (uid.code !== 0 || gid.code !== 0) return undefined;
    return { uid: Number(uid.output.trim()), gid: Number(gid.output.trim()) };
  };
  let ids = await lookup();
  if (!ids) {
    log(`opensearch: creating system user ${OPENSEARCH_USER} (OpenSearch refuses to run as root)`);
    const nologin = ['/usr/sbin/nologin', '/sbin/nologin'].find((p) => fs.existsSync(p)) ?? '/bin/false';
    const useradd = which('useradd', [hostPath(), '/usr/sbin', '/sbin'].join(path.delimiter));
    if (!useradd) {
      throw new LocalCloudError(
        `useradd was not found; create a system user named ${OPENSEARCH_USER} yourself`,
      );
    }
    const result = await run(
      useradd,
      [
        '--system',
        '--user-group',
        '--no-create-home',
        '--home-dir',
        '/nonexistent',
        '--shell',
        nologin,
        OPENSEARCH_USER,
      ],
      { logTo: PROVISION_LOG },
    );
    ids = await lookup(); // another process may have created it concurrently
    if (!ids) throw new LocalCloudError(`useradd ${OPENSEARCH_USER} failed: ${tail(result.output, 5)}`);
  }
  if (!which('setpriv')) {
    throw new LocalCloudError(
      'setpriv (util-linux) is needed to run OpenSearch as an unprivileged user when root',
    );
  }
  return { user: OPENSEARCH_USER, ...ids };
}

function asUser(
  runAs: { uid: number; gid: number },
  command: string,
  args: readonly string[],
): [string, string[]] {
  return [
    'setpriv',
    [`--reuid=${runAs.uid}`, `--regid=${runAs.gid}`, '--clear-groups', '--', command, ...args],
  ];
}

/** Where OpenSearch is unpacked: `.local/`, unless the unprivileged user cannot reach it. */
async function openSearchBase(runAs: { uid: number; gid: number } | undefined): Promise<string> {
  if (!runAs) return LOCAL_DIR;
  const [command, args] = asUser(runAs, 'test', ['-x', LOCAL_DIR]);
  if ((await run(command, args)).code === 0) return LOCAL_DIR;
  ensureDir(OPENSEARCH_FALLBACK_BASE, 0o755);
  fs.chmodSync(OPENSEARCH_FALLBACK_BASE, 0o755);
  return OPENSEARCH_FALLBACK_BASE;
}

const EXTRACT_ZIP_PY = `
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        target = z.extract(info, sys.argv[2])
        mode = (info.external_attr >> 16) & 0o777
        if mode:
            os.chmod(target, mode)
`;

function openSearchYml(home: string): string {
  return [
    '# Written by packages/local-cloud: a loopback-only single node for the local stage.',
    'cluster.name: commerce-local',
    'node.name: commerce-local',
    'network.host: 127.0.0.1',
    `http.port: ${OPENSEARCH_PORT}`,
    'discovery.type: single-node',
    `path.data: ${path.join(home, 'data')}`,
    `path.logs: ${path.join(home, 'logs')}`,
    // A development node: do not turn indices read-only when the disk is nearly full.
    'cluster.routing.allocation.disk.threshold_enabled: false',
    '',
  ].join('\n');
}

/**
 * `.local/downloads/<fileName>`, fetched with `mvn dependency:copy` (from Maven Central, through ~/.m2) unless
 * it is there already.
 */
async function fetchFromMaven(coordinates: string, fileName: string, log: Log): Promise<string> {
  const file = path.join(DOWNLOADS_DIR, fileName);
  if (fs.existsSync(file)) return file;
  const mvn = which('mvn');
  if (!mvn) {
    throw new LocalCloudError(
      `Maven (mvn) was not found on PATH; it fetches ${coordinates}. ` +
        `Install it (e.g. \`apt-get install -y maven\`) or put the file at ${file}.`,
    );
  }
  log(`opensearch: fetching ${coordinates} with mvn`);
  ensureDir(DOWNLOADS_DIR);
  await runOrFail(
    'mvn dependency:copy',
    mvn,
    ['-B', '-q', 'dependency:copy', `-Dartifact=${coordinates}`, `-DoutputDirectory=${DOWNLOADS_DIR}`],
    { cwd: DOWNLOADS_DIR },
  );
  if (!fs.existsSync(file)) throw new LocalCloudError(`mvn did not produce ${file}`);
  return file;
}

/**
 * Downloads (Maven) and unpacks the OpenSearch integ-test distribution, adds the modules it lacks
 * (OPENSEARCH_MODULES) and writes its config.
 */
export async function provisionOpenSearch(log: Log): Promise<OpenSearchInstall> {
  const javaHome = await requireJava();
  const runAs = isRoot() ? await ensureUser(log) : undefined;
  const base = await openSearchBase(runAs);
  const home = path.join(base, OPENSEARCH_DIR_NAME);

  if (!fs.existsSync(path.join(home, 'bin', 'opensearch'))) {
    await fetchFromMaven(OPENSEARCH_ARTIFACT, path.basename(OPENSEARCH_ZIP), log);
    log(`opensearch: unpacking into ${home}`);
    const staging = path.join(base, `.${OPENSEARCH_DIR_NAME}.unpack-${process.pid}`);
    fs.rmSync(staging, { recursive: true, force: true });
    await runOrFail('unzip', requirePython3(), ['-c', EXTRACT_ZIP_PY, OPENSEARCH_ZIP, staging]);
    fs.rmSync(home, { recursive: true, force: true });
    fs.renameSync(path.join(staging, OPENSEARCH_DIR_NAME), home);
    fs.rmSync(staging, { recursive: true, force: true });
  }

  await installOpenSearchModules(
    home,
    (coordinates, fileName) => fetchFromMaven(coordinates, fileName, log),
    log,
  );
  for (const dir of ['data', 'logs', 'tmp']) ensureDir(path.join(home, dir));
  writeIfChanged(path.join(home, 'config', 'opensearch.yml'), openSearchYml(home));
  if (runAs) {
    const moduleDirs = OPENSEARCH_MODULES.map((m) => path.join('modules', m.name));
    const owned = ['', 'config', 'data', 'logs', 'tmp', ...moduleDirs].every(
      (p) => fs.statSync(path.join(home, p)).uid === runAs.uid,
    );
    const configFiles = fs.readdirSync(path.join(home, 'config'));
    const configOwned = configFiles.every((f) => fs.statSync(path.join(home, 'config', f)).uid === runAs.uid);
    if (!owned || !configOwned) {
      await runOrFail('chown', 'chown', ['-R', `${runAs.uid}:${runAs.gid}`, home]);
    }
  }
  return { home, javaHome, ...(runAs ? { runAs } : {}) };
}

export function openSearchCommand(install: OpenSearchInstall): [string, string[]] {
  const script = path.join(install.home, 'bin', 'opensearch');
  return install.runAs ? asUser(install.runAs, script, []) : [script, []];
}

// ---------------------------------------------------------------------------------------------- Redis

/**
 * Path of `binary`, installing the Debian `pkg` with apt-get when it is missing and we are root (as CI runs);
 * otherwise a LocalCloudError with `hint`.
 */
async function provisionDebianPackage(pkg: string, binary: string, hint: string, log: Log): Promise<string> {
  const found = which(binary);
  if (found) return found;
  if (!isRoot() || !which('apt-get')) {
    throw new LocalCloudError(`${binary} was not found on PATH. ${hint}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`${pkg}: installing the ${pkg} package with apt-get`);
  const install = (): Promise<{ code: number; output: string }> =>
    run('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env, logTo: PROVISION_LOG });
  let result = await install();
  if (result.code !== 0) {
    log(`${pkg}: apt-get install failed, running apt-get update and trying again`);
    await runOrFail('apt-get update', 'apt-get', ['update'], { env });
    result = await install();
  }
  const installed = which(binary) ?? which(binary, '/usr/bin:/usr/sbin:/usr/local/bin');
  if (result.code !== 0 || !installed) {
    throw new LocalCloudError(`apt-get install ${pkg} failed:\n${tail(result.output)}\n${hint}`);
  }
  return installed;
}

/** Path of redis-server; installs the Debian package when missing and we are root. */
export async function provisionRedis(log: Log): Promise<string> {
  const installed = await provisionDebianPackage(
    'redis-server',
    'redis-server',
    'Install it with `sudo apt-get install -y redis-server` (Debian/Ubuntu) or `brew install redis` (macOS), then run again.',
    log,
  );
  // On systemd hosts (e.g. CI runners) the package starts its service on 6379; we run our own instance.
  if (which('systemctl') && (await run('systemctl', ['is-active', '--quiet', 'redis-server'])).code === 0) {
    log('redis: stopping and disabling the redis-server system service the package started');
    await run('systemctl', ['disable', '--now', 'redis-server'], { logTo: PROVISION_LOG });
  }
  return installed;
}

/**
 * Builds stripe-mock into `.local/go/bin` with `go install <module>@<version>` (modules from the Go module
 * proxy, build cache in `.local/go`); skipped when that version is already there.
 */
export async function provisionStripeMock(log: Log): Promise<string> {
  const bin = path.join(GO_BIN_DIR, 'stripe-mock');
  const stamp = path.join(GO_BIN_DIR, '.stripe-mock-version');
  if (fs.existsSync(bin) && readText(stamp) === STRIPE_MOCK_VERSION) return bin;
  const go = which('go') ?? which('go', '/usr/local/go/bin:/usr/lib/go/bin:/usr/bin');
  if (!go) {
    throw new LocalCloudError(
      'The Go toolchain (go) was not found; it builds stripe-mock. Install Go 1.22 or newer ' +
        '(https://go.dev/doc/install, or `apt-get install golang-go`), then run again.',
    );
  }
  ensureDir(GO_BIN_DIR);
  const goDir = path.join(LOCAL_DIR, 'go');
  log(`stripe-mock: building ${STRIPE_MOCK_MODULE}@${STRIPE_MOCK_VERSION} with ${go} (about half a minute)`);
  await runOrFail('go install stripe-mock', go, ['install', `${STRIPE_MOCK_MODULE}@${STRIPE_MOCK_VERSION}`], {
    env: {
      ...process.env,
      GOBIN: GO_BIN_DIR,
      GOPATH: path.join(goDir, 'path'),
      GOCACHE: path.join(goDir, 'cache'),
      GOFLAGS: '-mod=mod',
    },
  });
  fs.writeFileSync(stamp, STRIPE_MOCK_VERSION);
  return bin;
}

// -------------------------------------------------------------------------------------------- Chromium

/**
 * The browser the browser tests drive (headless, through playwright-core): the distribution's Chromium, since
 * nothing here may download one. CHROMIUM_PATH overrides where it is.
 */
export function provisionChromium(log: Log): Promise<string> {
  const override = process.env['CHROMIUM_PATH'];
  if (override) return Promise.resolve(override);
  return provisionDebianPackage(
    'chromium',
    'chromium',
    'Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    log,
  );
}
