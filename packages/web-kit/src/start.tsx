// An app's start: read /config.json, build the app from it and render it into #root; when that fails (no
// settings, bad settings) render a page that says what is wrong rather than leave the page blank.
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadConfig, type AppConfig } from './config.ts';

export interface StartOptions {
  /** The app for these settings; it may read more first (the stored sign-in). */
  readonly app: (config: AppConfig) => Promise<ReactNode>;
  /** What the page shows instead when the app cannot start; `message` says why. */
  readonly failed: (message: string) => ReactNode;
}

export async function startApp(options: StartOptions): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  const root = createRoot(container);
  try {
    const app = await options.app(await loadConfig());
    root.render(<StrictMode>{app}</StrictMode>);
  } catch (error) {
    root.render(options.failed(error instanceof Error ? error.message : String(error)));
  }
}
