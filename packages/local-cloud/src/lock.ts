// A cross-process lock file so that two starts (e.g. CLI and a test run) do not provision or deploy at once.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOCK_TIMEOUT_MS, RUN_DIR } from './config.ts';
import { ensureDir, isAlive, LocalCloudError, readPid, type Log } from './proc.ts';

const LOCK_FILE = path.join(RUN_DIR, 'local-cloud.lock');

function mtimeMs(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function tryAcquire(): boolean {
  try {
    fs.writeFileSync(LOCK_FILE, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = readPid(LOCK_FILE);
  const unreadable = holder === undefined && Date.now() - mtimeMs(LOCK_FILE) > 5000; // not just being written
  if (unreadable || holder === process.pid || (holder !== undefined && !isAlive(holder))) {
    fs.rmSync(LOCK_FILE, { force: true }); // stale: its holder is gone
  }
  return false;
}

let chain: Promise<unknown> = Promise.resolve();

/** Runs `action` holding the lock; calls within one process queue up (do not nest them). */
export function withLock<T>(what: string, log: Log, action: () => Promise<T>): Promise<T> {
  const result = chain.then(() => holdFileLock(what, log, action));
  chain = result.catch(() => undefined);
  return result;
}

async function holdFileLock<T>(what: string, log: Log, action: () => Promise<T>): Promise<T> {
  ensureDir(RUN_DIR);
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  let announced = false;
  while (!tryAcquire()) {
    if (!announced) {
      log(
        `waiting for another local-cloud process (pid ${readPid(LOCK_FILE) ?? '?'}) to finish before ${what}`,
      );
      announced = true;
    }
    if (Date.now() > deadline) throw new LocalCloudError(`timed out waiting for the lock ${LOCK_FILE}`);
    await sleep(250);
  }
  try {
    return await action();
  } finally {
    if (readPid(LOCK_FILE) === process.pid) fs.rmSync(LOCK_FILE, { force: true });
  }
}
