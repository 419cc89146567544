// Part 0 of the bench: the apps' initial JavaScript, gzipped, against the 250 KB budget of each, from a
// fresh production build (scripts/build-apps.ts writes the figures to .local/web/<app>.bundle.json).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WEB_APPS } from '../../packages/local-cloud/src/config.ts';

export interface AppBundle {
  readonly app: string;
  readonly kb: number;
  readonly budgetKb: number;
  readonly pass: boolean;
}

export function appBundles(root: string): AppBundle[] {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-apps.ts')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`building the apps failed:\n${build.stdout}\n${build.stderr}`);
  return WEB_APPS.map((app) => {
    const file = path.join(root, '.local', 'web', `${app}.bundle.json`);
    const { kb, budgetKb } = JSON.parse(fs.readFileSync(file, 'utf8')) as { kb: number; budgetKb: number };
    return { app, kb, budgetKb, pass: kb <= budgetKb };
  });
}
