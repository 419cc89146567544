// The admin console in a real browser against the local cloud, with the storefront: staff signs in through
// Cognito's hosted page, creates a product with a variant, its price and its stock; a guest finds it in the
// storefront and buys it; staff finds the order by number, sees it paid and refunds part of it. Menus follow
// the route table: staff see no user administration (and a typed URL says "Not allowed"), admins do. An
// admin adds a search synonym and rebuilds the search index from the Search screen. Staff create a code
// promotion with a condition from the Promotions screen, see its usage and preview it against a sample line.
// Staff create a product with an image chosen in the file input: uploaded straight to the media bucket,
// processed, given alt text and saved with the product. Staff find a review the auto-publish rules held in the
// moderation queue, reject it with a reason, publish it after all and reply to it.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { announceDelivery } from '../shop.ts';
import { api, bearer, eventually, productBody, signIn, tokenClaims } from '../support.ts';
import {
  ADMIN_CONSOLE_URL,
  expectAccessible,
  signInHosted,
  snap,
  useBrowser,
  type DemoAccount,
} from './harness.ts';
import { addToCart, confirmedOrderNumber, placeOrder, toPayment } from './storefront-pages.ts';

const newPage = useBrowser();

async function console_(role: DemoAccount): Promise<Page> {
  const page = await newPage();
  await page.goto(ADMIN_CONSOLE_URL);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await signInHosted(page, role, ADMIN_CONSOLE_URL);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('link', { name, exact: true });

describe('admin console', () => {
  it('staff sells a new product: product, price and stock; a guest buys it; staff refunds part of the order', async () => {
    const staff = await console_('staff');
    await expectAccessible(staff, 'console home');
    await snap(staff, 'admin-home');

    // The product, with one variant.
    const id = randomUUID().slice(0, 8);
    const handle = `browser-scarf-${id}`;
    const sku = `BROWSER-SCARF-${id.toUpperCase()}`;
    await nav(staff, 'Products').click();
    await staff.getByRole('link', { name: 'New product' }).click();
    await staff.getByLabel('Title', { exact: true }).fill(`Browser scarf ${id}`);
    await staff.getByLabel('Handle', { exact: true }).fill(handle);
    await staff.getByLabel('Description', { exact: true }).fill('Knitted by the browser test.');
    await staff.getByLabel('Status', { exact: true }).selectOption('published');
    await staff.getByLabel('Variant 1 SKU', { exact: true }).fill(sku);
    await staff.getByLabel('Variant 1 title', { exact: true }).fill('One size');
    await staff.getByLabel('Variant 1 weight (g)', { exact: true }).fill('150');
    await expectAccessible(staff, 'product form');
    await snap(staff, 'admin-product-form');
    await staff.getByRole('button', { name: 'Create product' }).click();
    await staff.waitForURL(/\/products\/(?!new)[^/]+$/);

    // Its price in euros.
    await nav(staff, 'Prices').click();
    await staff.getByLabel('SKU', { exact: true }).fill(sku);
    await staff.getByRole('button', { name: 'Show' }).click();
    await staff.getByRole('heading', { name: `Prices of ${sku}` }).waitFor();
    if ((await staff.getByLabel('Price 1 base amount').count()) === 0) {
      await staff.getByRole('button', { name: 'Add currency' }).click();
    }
    await staff.getByLabel('Price 1 currency').selectOption('EUR');
    await staff.getByLabel('Price 1 base amount').fill('24.90');
    await staff.getByRole('button', { name: 'Save', exact: true }).click();
    // A loaded two-core emulator can take a while for a cold pricing function.
    await staff.getByRole('status').filter({ hasText: /saved/i }).first().waitFor({ timeout: 60_000 });

    // Its stock in Berlin.
    await nav(staff, 'Stock').click();
    await staff.getByLabel('SKU', { exact: true }).fill(sku);
    await staff.getByRole('button', { name: 'Show' }).click();
    await staff.getByLabel('Warehouse').selectOption('berlin');
    await staff.getByLabel('Change in units').fill('5');
    await staff.getByRole('button', { name: 'Adjust stock' }).click();
    await staff
      .getByRole('status')
      .filter({ hasText: /now has 5 on hand/ })
      .first()
      .waitFor();
    await expectAccessible(staff, 'stock');
    await snap(staff, 'admin-stock');

    // A guest finds it in the storefront and buys it (the cart takes it once orders learned of the product).
    const guest = await newPage();
    await addToCart(guest, handle, 90_000);
    await toPayment(guest, `scarf-${id}@example.com`);
    await placeOrder(guest, 'Approve');
    const number = await confirmedOrderNumber(guest);

    // Staff finds it by number, sees it paid, refunds part of it.
    await nav(staff, 'Orders').click();
    await staff.getByLabel('Order number or email').fill(number);
    await staff.getByRole('button', { name: 'Search' }).click();
    await staff.getByRole('link', { name: number }).click();
    const status = staff.locator('#order-status');
    // Paid: the payment captured (the shipping service may already have moved the order on to fulfilling).
    await eventually(
      async () => {
        const now = await status.getAttribute('data-status').catch(() => null);
        if (now === 'paid' || now === 'fulfilling') return true;
        await staff.reload();
        return undefined;
      },
      45_000,
      'the order to be paid',
    );
    await staff.getByText('Captured', { exact: true }).first().waitFor();
    await expectAccessible(staff, 'order detail');
    await snap(staff, 'admin-order');
    await staff.getByLabel('Refund amount (EUR)').fill('5.00');
    await staff.getByLabel('Reason for refunding').fill('Browser test: part of the order');
    await staff.getByRole('button', { name: 'Refund', exact: true }).click();
    await eventually(
      async () => {
        if ((await status.getAttribute('data-status').catch(() => null)) === 'partially_refunded')
          return true;
        await staff.reload();
        return undefined;
      },
      45_000,
      'the partial refund',
    );
    expect(await status.innerText()).toMatch(/partially refunded/i);
  });

  it('shows user administration and operations to admins only; a staff user typing their URLs is not allowed', async () => {
    const staff = await console_('staff');
    expect(await nav(staff, 'Users').count()).toBe(0);
    expect(await nav(staff, 'Dead-letter queues').count()).toBe(0);
    for (const path of ['/users', '/operations']) {
      await staff.goto(`${ADMIN_CONSOLE_URL}${path}`);
      await staff.getByRole('heading', { name: 'Not allowed' }).waitFor();
    }

    const admin = await console_('admin');
    await nav(admin, 'Users').click();
    await admin.getByRole('link', { name: 'admin@commerce.local' }).waitFor();
    await expectAccessible(admin, 'users');
    await snap(admin, 'admin-users');

    await nav(admin, 'Dead-letter queues').click();
    const queues = admin.getByRole('table', { name: 'Subscriptions' });
    await queues.getByRole('cell', { name: 'OrdersSubscriptionpaymentevents' }).waitFor();
    await admin.getByRole('heading', { name: 'Recent failures' }).waitFor();
    await expectAccessible(admin, 'operations');
    await snap(admin, 'admin-operations');
  });

  it('lets an admin add a search synonym and rebuild the search index', async () => {
    const admin = await console_('admin');
    await nav(admin, 'Search').click();
    await admin.getByRole('heading', { name: 'Synonyms' }).waitFor();
    await admin.getByRole('heading', { name: 'Merchandising rules' }).waitFor();
    await admin.getByRole('heading', { name: 'Zero-result queries' }).waitFor();

    const word = `zq${randomUUID()
      .replace(/[^a-f]/g, '')
      .slice(0, 6)}`;
    await admin.getByRole('button', { name: 'Add synonym' }).click();
    const rows = await admin.getByLabel(/^Synonym \d+ kind$/).count();
    await admin.getByLabel(`Synonym ${rows} kind`).selectOption('equivalent');
    await admin.getByLabel(`Synonym ${rows} terms`).fill(`${word}, ${word}s`);
    await admin.getByRole('button', { name: 'Save synonyms' }).click();
    await admin.getByRole('status').filter({ hasText: /saved/i }).first().waitFor();
    await expectAccessible(admin, 'search settings');

    await admin.getByRole('button', { name: 'Reindex now' }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: /started/ })
      .first()
      .waitFor();
    await admin.getByText('Completed', { exact: true }).waitFor({ timeout: 90_000 });
    await snap(admin, 'admin-search');

    const staff = await console_('staff');
    await nav(staff, 'Search').click();
    await staff.getByRole('heading', { name: 'Reindex' }).waitFor();
    expect(await staff.getByRole('button', { name: 'Reindex now' }).count()).toBe(0);
  });

  it('lets staff create a code promotion with a condition, see its usage and preview it', async () => {
    const staff = await console_('staff');
    await nav(staff, 'Promotions').click();
    await staff.getByRole('link', { name: 'New promotion' }).click();
    const code = `BROWSER${randomUUID().slice(0, 6).toUpperCase()}`;
    await staff.getByLabel('Name', { exact: true }).fill(`Browser promotion ${code}`);
    await staff.getByLabel('Status', { exact: true }).selectOption('active');
    await staff.getByLabel('Trigger', { exact: true }).selectOption('code');
    await staff.getByLabel('Codes', { exact: true }).fill(code);
    // A segment nobody has: the promotion can never discount another test's basket.
    await staff.getByRole('button', { name: 'Add condition' }).click();
    await staff.getByLabel('Condition 1 kind', { exact: true }).selectOption('segment');
    await staff.getByLabel('Condition 1 segments', { exact: true }).fill('browser-nobody');
    await staff.getByLabel('Action', { exact: true }).selectOption('order-off');
    await staff.getByLabel('Percent off', { exact: true }).fill('10');
    await staff.getByLabel('Total redemptions', { exact: true }).fill('100');
    await expectAccessible(staff, 'promotion form');
    await snap(staff, 'admin-promotion-form');
    await staff.getByRole('button', { name: 'Create promotion' }).click();
    await staff.waitForURL(/\/promotions\/pr_[a-z0-9]+$/);
    await staff.getByRole('heading', { name: 'Usage' }).waitFor();
    await staff.getByText('Redemptions: 0 (100 left)').waitFor();
    expect(await staff.getByLabel('Codes', { exact: true }).inputValue()).toContain(code);
    await expectAccessible(staff, 'promotion');

    // Previewed against one sample line: the segment condition keeps it out; without the condition (in the
    // form only, not saved) it takes 10 % off the order.
    await staff.getByLabel('Sample line 1 SKU', { exact: true }).fill('BROWSER-SAMPLE');
    await staff.getByLabel('Sample line 1 quantity', { exact: true }).fill('2');
    await staff.getByLabel('Sample line 1 unit price (EUR)', { exact: true }).fill('12.50');
    await staff.getByRole('button', { name: 'Preview', exact: true }).click();
    await staff
      .getByText('Does not apply: Condition 1 (Customer segment): Only for the segments browser-nobody.')
      .waitFor();
    await staff.getByRole('button', { name: 'Remove condition 1', exact: true }).click();
    await staff.getByRole('button', { name: 'Preview', exact: true }).click();
    const applies = staff.getByText(/^Applies: −/);
    await applies.waitFor();
    expect(await applies.innerText()).toMatch(/2[.,]50/);
    expect(await staff.getByText(/^Line 1 \(BROWSER-SAMPLE\): −/).innerText()).toMatch(/2[.,]50/);
    await expectAccessible(staff, 'promotion preview');
    await snap(staff, 'admin-promotion-preview');

    await nav(staff, 'Promotions').click();
    await staff.getByRole('link', { name: `Browser promotion ${code}` }).waitFor();
  });

  it('lets staff create a product with an image from the file input, its alt text saved with it', async () => {
    const staff = await console_('staff');
    const id = randomUUID().slice(0, 8);
    await nav(staff, 'Products').click();
    await staff.getByRole('link', { name: 'New product' }).click();
    await staff.getByLabel('Title', { exact: true }).fill(`Browser poster ${id}`);
    await staff.getByLabel('Handle', { exact: true }).fill(`browser-poster-${id}`);
    await staff.getByLabel('Variant 1 SKU', { exact: true }).fill(`BROWSER-POSTER-${id.toUpperCase()}`);
    await staff.getByLabel('Variant 1 title', { exact: true }).fill('A2');
    // Published: GET /products/{id} is public and shows drafts to nobody.
    await staff.getByLabel('Status', { exact: true }).selectOption('published');

    // Uploaded straight to the bucket, then checked and rendered by the media service (a loaded emulator
    // may take a while): the thumbnail shows once the image is ready.
    const buffer = await sharp({
      create: { width: 1200, height: 800, channels: 3, background: '#3b82f6' },
    })
      .jpeg()
      .toBuffer();
    await staff
      .getByLabel('Choose images', { exact: true })
      .setInputFiles({ name: 'poster.jpg', mimeType: 'image/jpeg', buffer });
    const main = staff.getByRole('group', { name: 'Image 1: main image' });
    await main.locator('img').waitFor({ timeout: 60_000 });
    expect(await main.locator('img').getAttribute('src')).toMatch(/\.webp$/);
    const alt = `A blue poster ${id}`;
    await main.getByLabel('Alt text', { exact: true }).fill(alt);
    await expectAccessible(staff, 'product images');
    await snap(staff, 'admin-product-images');
    await staff.getByRole('button', { name: 'Create product' }).click();
    await staff.waitForURL(/\/products\/(?!new)[^/]+$/);

    const productId = new URL(staff.url()).pathname.split('/').pop() ?? '';
    const product = await api('GET', `/products/${productId}`);
    expect(product.status).toBe(200);
    const media = product.body.media as { alt?: string; url?: string }[];
    expect(media).toHaveLength(1);
    expect(media[0]?.alt).toBe(alt);
    expect(media[0]?.url).toMatch(/\.webp$/);
  });

  it('lets staff moderate a held review from the queue: reject with a reason, publish, reply', async () => {
    const staffApi = bearer(await signIn(['staff']));
    const created = await api('POST', '/products', productBody({ title: 'Moderated tee' }), staffApi);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const productId = (created.body as { id: string }).id;
    const buyerToken = await signIn([]);
    await announceDelivery(tokenClaims(buyerToken).sub, productId);
    const title = `Held ${randomUUID().slice(0, 6)}`;
    const written = await eventually(
      async () => {
        const res = await api(
          'POST',
          `/products/${productId}/reviews`,
          { rating: 2, title, body: 'Cheaper at www.elsewhere.example.com' },
          bearer(buyerToken),
        );
        return res.status === 201 ? res.body : undefined;
      },
      30_000,
      'the buyer to be able to review',
    );
    expect(written).toMatchObject({ status: 'pending' });

    const staff = await console_('staff');
    await nav(staff, 'Reviews').click();
    await staff.getByLabel('Status').selectOption('pending');
    await staff.getByLabel('Product id').fill(productId);
    await staff.getByRole('button', { name: 'Filter' }).click();
    await staff.getByRole('link', { name: title }).click();
    await staff.getByRole('heading', { name: 'Moderation log' }).waitFor();
    await expectAccessible(staff, 'review moderation');
    await snap(staff, 'admin-review-moderation');
    // The reasons offered never include the rating.
    const reasons = await staff.getByLabel('Reason').locator('option').allInnerTexts();
    expect(reasons.join(' ')).not.toMatch(/rating|negative/i);
    await staff.getByLabel('Reason').selectOption('spam');
    await staff.getByLabel('Note').fill('Links to a competitor');
    await staff.getByRole('button', { name: 'Reject' }).click();
    await expect
      .poll(async () => (await api('GET', `/products/${productId}/reviews`)).body.items, { timeout: 20_000 })
      .toEqual([]);
    await staff.getByRole('button', { name: 'Publish' }).click();
    await staff.getByLabel('Reply', { exact: true }).fill('Thanks, we matched the price.');
    await staff.getByRole('button', { name: 'Save reply' }).click();
    await expect
      .poll(async () => (await api('GET', `/products/${productId}/reviews`)).body.items, { timeout: 20_000 })
      .toMatchObject([{ title, reply: { body: 'Thanks, we matched the price.' } }]);
    const logged = await api(
      'GET',
      `/reviews/${String((written as { id: string }).id)}`,
      undefined,
      staffApi,
    );
    expect((logged.body as { log: { decision: string }[] }).log.map((e) => e.decision)).toEqual([
      'held',
      'rejected',
      'published',
    ]);
  });
});
