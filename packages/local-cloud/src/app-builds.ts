// Builds the admin console and the storefront when their build is missing or older than their sources, so
// `npm start` and the browser tests serve what the code says (scripts/build-apps.ts does the building).
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, WEB_APPS, type WebAppName } from './config.ts';
import { LocalCloudError, type Log, run, tail } from './proc.ts';

/** What a build is made of besides each app's own folder. */
const SHARED = ['packages/web-kit/src', 'packages/api-client/src'];

function newestMtime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function stale(app: WebAppName): boolean {
  const index = path.join(REPO_ROOT, 'packages', app, 'dist', 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  const sources = [
    `packages/${app}/src`,
    `packages/${app}/index.html`,
    `packages/${app}/vite.config.ts`,
    ...SHARED,
  ].map((p) => path.join(REPO_ROOT, p));
  const mtime = (p: string) =>
    fs.existsSync(p) && fs.statSync(p).isFile() ? fs.statSync(p).mtimeMs : newestMtime(p);
  return sources.some((s) => mtime(s) > built);
}

/** Builds both apps when either is stale; returns whether it built. */
export async function ensureAppBuilds(log: Log): Promise<boolean> {
  if (!WEB_APPS.some(stale)) return false;
  log('apps: building the storefront and the admin console (npm run build:apps)');
  const result = await run(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-apps.ts')], {
    cwd: REPO_ROOT,
    // The budget lines, e.g. "storefront: initial JavaScript 81.2 KB gzipped ...: PASS".
    onLine: (line) => {
      if (line.includes('initial JavaScript')) log(`apps: ${line}`);
    },
  });
  if (result.code !== 0) throw new LocalCloudError(`building the apps failed:\n${tail(result.output)}`);
  return true;
}
