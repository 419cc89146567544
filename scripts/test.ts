// `npm test`: format, lint, types and the generated docs first (fast failures), then every vitest project
// (unit, infra, e2e). The e2e project starts the local cloud, or reuses a running one, and deploys to it.
// The vitest summary is the last thing printed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const binDir = path.join(root, 'node_modules', '.bin');
const bin = (name: string) => path.join(binDir, name);
// Tools are node scripts: put the project's Node 24 (node_modules/.bin/node) first on their PATH.
const env = { ...process.env, PATH: [binDir, process.env.PATH].join(path.delimiter) };

const steps: [string, string, string[]][] = [
  ['format', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  ['lint', bin('eslint'), ['--max-warnings', '0', '.']],
  ['types', bin('tsc'), ['-p', 'tsconfig.json']],
  // The apps and their kit compile for the browser (DOM, JSX), each by its own tsconfig.
  ['types (web-kit)', bin('tsc'), ['-p', 'packages/web-kit']],
  ['types (storefront)', bin('tsc'), ['-p', 'packages/storefront']],
  ['types (admin console)', bin('tsc'), ['-p', 'packages/admin-console']],
  ['event docs', process.execPath, ['scripts/generate-event-docs.ts', '--check']],
  ['generated files', process.execPath, ['scripts/generate.ts', '--check']],
];

for (const [name, command, args] of steps) {
  console.log(`[test] ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`[test] ${name} failed`);
    process.exit(result.status ?? 1);
  }
}

console.log('[test] vitest: unit, infra, e2e');
const vitest = spawnSync(bin('vitest'), ['run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env,
});
process.exit(vitest.status ?? 1);
