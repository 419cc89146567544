// The storefront's pages as a shopper goes through them, for the browser tests: product to cart, the
// checkout's address and shipping, the test card, and the confirmation's order number.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { STOREFRONT_URL } from './harness.ts';

export type Card = 'Approve' | 'Decline' | 'Requires action (3-D Secure)';

/**
 * One unit of a product (without options) into the cart from its product page; tried again while the page
 * refuses it (the orders service learns of a newly created product by an event, a second or so later).
 */
export async function addToCart(page: Page, handle: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  let refusal = '';
  while (Date.now() < until) {
    await page.goto(`${STOREFRONT_URL}/products/${handle}`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    // The answer: added, or refused with an alert (cold functions on a fresh local cloud can take seconds).
    const added = page.getByText('Added to your cart');
    const refused = page.getByRole('alert');
    await added.or(refused).first().waitFor({ timeout: 30_000 });
    if (await added.isVisible()) return;
    refusal = (await refused.allInnerTexts()).join(' | ');
    await page.waitForTimeout(1000);
  }
  throw new Error(`${handle} could not be added to the cart: ${refusal || '(no answer)'}`);
}

export async function toPayment(page: Page, email?: string): Promise<void> {
  await page.goto(`${STOREFRONT_URL}/cart`);
  await page.getByRole('button', { name: 'Checkout' }).click();
  await page.getByRole('heading', { name: 'Checkout', level: 1 }).waitFor();
  if (email) await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Full name').fill('Erika Mustermann');
  await page.getByLabel('Street address').fill('Unter den Linden 1');
  await page.getByLabel('Postal code').fill('10117');
  await page.getByLabel('City').fill('Berlin');
  await page.getByLabel('Country').selectOption({ label: 'Germany' });
  await page.getByRole('button', { name: 'Save address' }).click();
  await page.getByText('Address saved.').waitFor();
  await page.getByRole('radio', { name: /Standard/ }).check();
}

export async function placeOrder(page: Page, card: Card): Promise<void> {
  await page.getByRole('radio', { name: card, exact: true }).check();
  await page.getByRole('button', { name: 'Place order' }).click();
}

/** The confirmation page's order number (CM-YYYY-NNNNNN). */
export async function confirmedOrderNumber(page: Page): Promise<string> {
  await page.getByRole('heading', { name: 'Thank you for your order' }).waitFor({ timeout: 45_000 });
  const text = await page.locator('.order-number').innerText();
  const number = /CM-\d{4}-\d+/.exec(text)?.[0];
  expect(number, text).toBeDefined();
  return number!;
}
