// What the browser tests share: the Debian Chromium driven headless by playwright-core, the apps' local
// addresses, the hosted sign-in, an axe-core check (no serious or critical violation) and screenshots in the
// git-ignored test-results/screenshots/ for a person to look at.
import AxeBuilder from '@axe-core/playwright';
import { ADMIN_CONSOLE_URL, provisionChromium, STOREFRONT_URL } from '@commerce/local-cloud';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export { ADMIN_CONSOLE_URL, STOREFRONT_URL };

export const SCREENSHOTS_DIR = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'test-results',
  'screenshots',
);
const CREDENTIALS_FILE = path.resolve(import.meta.dirname, '..', '..', '..', '.local', 'credentials.json');

export type DemoAccount = 'admin' | 'staff' | 'customer';

/** The demo accounts `npm start` and the e2e setup create (packages/local-cloud/src/users.ts). */
export function demoAccount(role: DemoAccount): { email: string; password: string } {
  const all = JSON.parse(fs.readFileSync(CREDENTIALS_FILE, 'utf8')) as Record<
    DemoAccount,
    { email: string; password: string }
  >;
  return all[role];
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = await provisionChromium((line) => console.log(`[browser] ${line}`));
  return chromium.launch({
    executablePath,
    headless: true,
    // Root (as CI runs) has no user namespace sandbox.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

/** A fresh, isolated browser profile (cookies, storage) with a phone-or-desktop sized window. */
export async function newContext(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(20_000);
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
