// The Vite configuration both apps build with: React, a dev server that serves the local stage's settings at
// /config.json, and the initial-JavaScript budget (gzipped) printed by every build and enforced.
import react from '@vitejs/plugin-react';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin, UserConfig } from 'vite';

export interface AppBuildOptions {
  /** The app's folder name under packages/ (also its settings file name under .local/web/). */
  readonly app: 'storefront' | 'admin-console';
  /** The dev server's port; the local stage's callback URLs name it. */
  readonly port: number;
  /** Most gzipped JavaScript the first page may load, in KB. */
  readonly budgetKb: number;
}

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** The local stage's settings for `app`, written by `npm start` (packages/local-cloud/src/web.ts). */
export function localSettingsFile(app: AppBuildOptions['app']): string {
  return path.join(root, '.local', 'web', `${app}.config.json`);
}

/** The API's path on the dev server: the emulator answers CORS preflights for one origin only (docs/local-cloud.md). */
const DEV_API_PATH = '/_api';

/**
 * The dev server's /config.json: the local stage's settings, with the API reached through the dev server
 * itself (a proxy on DEV_API_PATH), so the browser makes no cross-origin API call from a dev port.
 */
function localSettings(app: AppBuildOptions['app']): Plugin {
  const read = (): Record<string, unknown> | undefined => {
    const file = localSettingsFile(app);
    return fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)
      : undefined;
  };
  return {
    name: 'commerce-local-settings',
    apply: 'serve',
    config() {
      // The storefront's settings name the API itself (the admin console's name the local server's proxy).
      const file = localSettingsFile('storefront');
      const apiUrl = fs.existsSync(file)
        ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { apiUrl?: unknown }).apiUrl
        : undefined;
      if (typeof apiUrl !== 'string') return;
      const api = new URL(apiUrl);
      const base = api.pathname.replace(/\/$/, '');
      return {
        server: {
          proxy: {
            [DEV_API_PATH]: {
              target: api.origin,
              changeOrigin: true,
              rewrite: (p: string) => `${base}${p.slice(DEV_API_PATH.length)}`,
            },
          },
        },
      };
    },
    configureServer(server) {
      server.middlewares.use('/config.json', (req, res) => {
        const settings = read();
        if (!settings) {
          res.statusCode = 503;
          res.end(`No ${localSettingsFile(app)}: run npm start first`);
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({ ...settings, apiUrl: `http://${req.headers.host ?? 'localhost'}${DEV_API_PATH}` }),
        );
      });
    },
  };
}

/** Sums the gzipped size of the entry chunk and every chunk it imports statically: what the first page loads. */
function initialJsBudget(app: string, budgetKb: number): Plugin {
  return {
    name: 'commerce-initial-js-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, { code: string; imports: string[]; isEntry: boolean }>();
      for (const [file, output] of Object.entries(bundle)) {
        if (output.type === 'chunk') chunks.set(file, output);
      }
      const initial = new Set<string>();
      const visit = (file: string) => {
        if (initial.has(file)) return;
        initial.add(file);
        for (const imported of chunks.get(file)?.imports ?? []) visit(imported);
      };
      for (const [file, chunk] of chunks) if (chunk.isEntry) visit(file);
      const bytes = [...initial].reduce((sum, f) => sum + gzipSync(chunks.get(f)?.code ?? '').length, 0);
      const kb = bytes / 1024;
      const verdict = kb <= budgetKb ? 'PASS' : 'FAIL';
      const line = `${app}: initial JavaScript ${kb.toFixed(1)} KB gzipped in ${initial.size} chunk(s), budget ${budgetKb} KB: ${verdict}`;
      console.log(line);
      fs.mkdirSync(path.join(root, '.local', 'web'), { recursive: true });
      fs.writeFileSync(
        path.join(root, '.local', 'web', `${app}.bundle.json`),
        JSON.stringify({ kb, budgetKb }),
      );
      if (verdict === 'FAIL') this.error(line);
    },
  };
}

export function appBuildConfig(options: AppBuildOptions): UserConfig {
  return {
    plugins: [react(), localSettings(options.app), initialJsBudget(options.app, options.budgetKb)],
    server: { port: options.port, strictPort: true, host: '127.0.0.1' },
    preview: { port: options.port, strictPort: true, host: '127.0.0.1' },
    build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  };
}
