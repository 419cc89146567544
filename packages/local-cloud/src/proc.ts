// Process, port and file helpers built on Node built-ins only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** An error whose message is meant for the person running the tool; the CLI prints it and exits 1. */
export class LocalCloudError extends Error {
  override name = 'LocalCloudError';
}

export type Log = (line: string) => void;

export const defaultLog: Log = (line) => {
  console.log(`[local-cloud] ${line}`);
};

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function hostPath(): string {
  const value = process.env['PATH'];
  if (value === undefined || value === '') {
    throw new LocalCloudError('PATH is not set in the environment');
  }
  return value;
}

/** Absolute path of an executable found on PATH, or undefined. */
export function which(command: string, searchPath: string = hostPath()): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Append the command line and its output to this file. */
  logTo?: string;
  /** Called for each output line (stdout and stderr), e.g. to echo selected lines. */
  onLine?: (line: string) => void;
}

export interface RunResult {
  code: number;
  output: string;
}

/** Runs a command to completion without a shell and without stdin; never throws for a non-zero exit. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: string[] = [];
    let pending = '';
    if (options.logTo) fs.mkdirSync(path.dirname(options.logTo), { recursive: true });
    const logStream = options.logTo ? fs.createWriteStream(options.logTo, { flags: 'a' }) : undefined;
    logStream?.on('error', () => undefined); // a log we cannot write must not kill the run
    logStream?.write(`\n$ ${[command, ...args].join(' ')}\n`);
    const onData = (data: Buffer): void => {
      const text = data.toString('utf8');
      chunks.push(text);
      logStream?.write(text);
      if (options.onLine) {
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) options.onLine(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => {
      logStream?.end();
      reject(error);
    });
    child.on('close', (code, signal) => {
      if (options.onLine && pending !== '') options.onLine(pending);
      const exitCode = code ?? (signal ? 128 : 1);
      logStream?.end(`[exit ${exitCode}${signal ? ` ${signal}` : ''}]\n`);
      resolve({ code: exitCode, output: chunks.join('') });
    });
  });
}

export function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function tailOfFile(file: string, lines = 20): string {
  try {
    return tail(fs.readFileSync(file, 'utf8'), lines);
  } catch {
    return '';
  }
}

export interface DetachedSpec {
  command: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  logFile: string;
}

/** Starts a server in its own process group, output to a log file, so that it outlives this process. */
export function spawnDetached(spec: DetachedSpec): Promise<number> {
  const fd = fs.openSync(spec.logFile, 'w');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => {
        child.unref();
        if (child.pid === undefined) reject(new LocalCloudError(`could not start ${spec.command}`));
        else resolve(child.pid);
      });
    });
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether a process exists and is not a zombie (signal 0 needs no permission beyond EPERM). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no procfs (macOS): trust kill(0)
  }
}

/** The command line of a process, or undefined when it is gone. */
export async function commandLine(pid: number): Promise<string | undefined> {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    if (fs.existsSync('/proc/self')) return undefined;
  }
  const result = await run('ps', ['-p', String(pid), '-o', 'command=']);
  return result.code === 0 ? result.output.trim() : undefined;
}

/** Socket inodes of TCP listeners on a port (Linux procfs); undefined where procfs is not available. */
function listeningInodes(port: number): Set<string> | undefined {
  const inodes = new Set<string>();
  let found = false;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(table, 'utf8');
      found = true;
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      const state = fields[3];
      const inode = fields[9];
      if (!local || state !== '0A' || !inode) continue; // 0A = LISTEN
      const hexPort = local.slice(local.lastIndexOf(':') + 1);
      if (Number.parseInt(hexPort, 16) === port) inodes.add(inode);
    }
  }
  return found ? inodes : undefined;
}

/**
 * Whether the process holds a listening socket on the port. Without procfs, or when its fds
 * cannot be read, the answer is "unknown" and we trust the pid file plus the health check.
 */
export function listensOn(pid: number, port: number): boolean | 'unknown' {
  const inodes = listeningInodes(port);
  if (inodes === undefined) return 'unknown';
  let fds: string[];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return 'unknown';
  }
  for (const fd of fds) {
    try {
      const target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match?.[1] && inodes.has(match[1])) return true;
    } catch {
      // fd closed meanwhile
    }
  }
  return false;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(true); // something holds the port but does not answer
    });
    socket.once('error', () => resolve(false));
  });
}

export function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function removeFile(file: string): void {
  fs.rmSync(file, { force: true });
}

/** Polls `check` until it returns true; false on timeout or when `abort` says so. */
export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  abort: () => boolean = () => false,
  intervalMs = 250,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (abort() || Date.now() >= deadline) return false;
    await sleep(intervalMs);
  }
}

/** SIGTERM to the process group (falls back to the process), then SIGKILL after the timeout. */
export async function terminate(pid: number, timeoutMs: number): Promise<'stopped' | 'killed'> {
  const signal = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  signal('SIGTERM');
  if (
    await waitUntil(
      () => Promise.resolve(!isAlive(pid)),
      timeoutMs,
      () => false,
      200,
    )
  )
    return 'stopped';
  signal('SIGKILL');
  await waitUntil(
    () => Promise.resolve(!isAlive(pid)),
    5000,
    () => false,
    100,
  );
  return 'killed';
}

/** GET a URL with a timeout; undefined when unreachable. */
export async function httpGet(
  url: string,
  timeoutMs = 2000,
): Promise<{ status: number; body: string } | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await response.text() };
  } catch {
    return undefined;
  }
}

/** Sends a raw Redis PING and expects +PONG. */
export function redisPing(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      reply += data.toString('utf8');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
  });
}

export function ensureDir(dir: string, mode?: number): void {
  fs.mkdirSync(dir, { recursive: true, ...(mode === undefined ? {} : { mode }) });
}

/** Writes a file only when its content differs; returns whether it changed. */
export function writeIfChanged(file: string, content: string): boolean {
  try {
    if (fs.readFileSync(file, 'utf8') === content) return false;
  } catch {
    // missing
  }
  fs.writeFileSync(file, content);
  return true;
}
