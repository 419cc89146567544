// What the browser tests share: the Debian Chromium driven headless by playwright-core, the apps' local
// addresses, the hosted sign-in, an axe-core check (no serious or critical violation) and screenshots in the
// git-ignored test-results/screenshots/ for a person to look at.
import AxeBuilder from '@axe-core/playwright';
import {
  ADMIN_CONSOLE_URL,
  CREDENTIALS_FILE,
  ensureDemoShop,
  findApiBaseUrl,
  provisionChromium,
  readDeployedOutputs,
  STOREFRONT_URL,
} from '@commerce/local-cloud';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export { ADMIN_CONSOLE_URL, STOREFRONT_URL };

export const SCREENSHOTS_DIR = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'test-results',
  'screenshots',
);

export type DemoAccount = 'admin' | 'staff' | 'customer';

/** The demo accounts `npm start` and the e2e setup create (packages/local-cloud/src/users.ts). */
export function demoAccount(role: DemoAccount): { email: string; password: string } {
  const all = JSON.parse(fs.readFileSync(CREDENTIALS_FILE, 'utf8')) as Record<
    DemoAccount,
    { email: string; password: string }
  >;
  return all[role];
}

/**
 * The demo accounts and the demo shop, as `npm start` makes them (idempotent: a second call creates nothing),
 * since the test run deploys the stage without seeding it.
 */
async function demoShopReady(): Promise<void> {
  const outputs = readDeployedOutputs();
  const api = findApiBaseUrl(outputs);
  if (!api) throw new Error('The local stage has no API URL among its outputs');
  await ensureDemoShop(outputs, api, () => {});
}

/**
 * A test file's browser: the demo shop ready and Chromium launched before its tests, closed after them, and
 * a screenshot of every page a failed test had open. Answers a maker of fresh pages (each its own profile).
 */
export function useBrowser(): () => Promise<Page> {
  let browser: Browser | undefined;
  beforeAll(async () => {
    await demoShopReady();
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => browser?.close());
  photographFailures();
  return async () => {
    if (!browser) throw new Error('useBrowser: the browser is not launched yet');
    return (await newContext(browser)).newPage();
  };
}

async function launchBrowser(): Promise<Browser> {
  const executablePath = await provisionChromium((line) => console.log(`[browser] ${line}`));
  return chromium.launch({
    executablePath,
    headless: true,
    // Root (as CI runs) has no user namespace sandbox.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

/** The browser profiles the running test opened, to photograph when it fails. */
const openedByTest: BrowserContext[] = [];

/**
 * After a failed test, a screenshot of every page it had open (test-results/screenshots/failed-…): what the
 * browser showed is the first thing to look at, in CI too.
 */
function photographFailures(): void {
  afterEach(async (context) => {
    const contexts = openedByTest.splice(0);
    if (context.task.result?.state !== 'fail') return;
    const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    const pages = contexts.flatMap((c) => c.pages());
    for (const [i, page] of pages.entries()) {
      await snap(page, `failed-${name}-${i + 1}`).catch(() => undefined);
    }
  });
}

/** A fresh, isolated browser profile (cookies, storage) with a phone-or-desktop sized window. */
async function newContext(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(20_000);
  openedByTest.push(context);
  return context;
}

/** Fills Cognito's hosted sign-in page (MiniStack serves the same flow locally) and waits to be back. */
export async function signInHosted(
  page: Page,
  role: DemoAccount | { email: string; password: string },
  backTo: string,
) {
  const { email, password } = typeof role === 'string' ? demoAccount(role) : role;
  await page.waitForURL(/\/oauth2\/authorize|\/login/);
  await page.locator('#username').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(
    (url) => url.toString().startsWith(backTo) && !url.pathname.startsWith('/auth/callback'),
  );
}

/** No serious or critical accessibility violation on the page as it is now (WCAG 2.x A and AA rules). */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `accessibility of ${name}`).toEqual([]);
}

/** A full-page screenshot in test-results/screenshots/<name>.png. */
export async function snap(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
