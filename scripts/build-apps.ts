// `npm run build:apps`: production builds of the admin console and the storefront (packages/<app>/dist), each
// printing its initial JavaScript, gzipped, against the 250 KB budget (the build fails over it).
import path from 'node:path';
import { build } from 'vite';
import { WEB_APPS } from '../packages/local-cloud/src/config.ts';

const root = path.resolve(import.meta.dirname, '..');
// Production builds whoever runs this: under vitest (NODE_ENV=test) Vite would otherwise bundle React's
// development build, some 70 KB gzipped more and slower.
process.env.NODE_ENV = 'production';

for (const app of WEB_APPS) {
  const dir = path.join(root, 'packages', app);
  await build({ root: dir, configFile: path.join(dir, 'vite.config.ts'), logLevel: 'warn' });
}
