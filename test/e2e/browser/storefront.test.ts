// The storefront in a real browser (Debian Chromium, headless) against the local cloud: a guest buys with the
// approve card; a declined card keeps the cart for another try; the stand-in for 3-D Secure completes the
// order; a guest cart is merged on sign-in; a new shopper signs up with email verification; a signed-in
// customer's history shows their own orders only; search suggests as the shopper types, forgives a typo and
// keeps its colour filter disjunctive; a promotion code entered in the cart takes its promotion off the line
// and the total until it is removed; an image staff upload shows on its product page as AVIF or WebP; a
// customer whose order was delivered writes a review with a photo from the product page and sees it there; a
// guest reviews through the signed link of their delivery email and turns review requests off.
// Every main page passes axe-core (no serious or critical violation) and is photographed.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { announceDelivery, mailsTo, newWarehouse, stockedProduct } from '../shop.ts';
import { api, bearer, client, eventually, productBody, signIn, signUp, tokenClaims } from '../support.ts';
import { expectAccessible, signInHosted, snap, STOREFRONT_URL, useBrowser } from './harness.ts';
import { addToCart, confirmedOrderNumber, placeOrder, toPayment } from './storefront-pages.ts';

const shopper = useBrowser();

/** One mug (no options) into the cart from its product page. */
const addMug = (page: Page) => addToCart(page, 'stoneware-mug');

describe('storefront', () => {
  it('a guest browses, buys with the approve card and sees the confirmation', async () => {
    const page = await shopper();
    await page.goto(STOREFRONT_URL);
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    await expectAccessible(page, 'home');
    await snap(page, 'storefront-home');

    await page.getByRole('navigation', { name: 'Categories' }).getByRole('link').first().click();
    await page.waitForURL(/\/categories\//);
    await expectAccessible(page, 'category page');
    await snap(page, 'storefront-category');

    await page.goto(`${STOREFRONT_URL}/products/organic-cotton-tee`);
    await page.getByLabel('Size').selectOption('M');
    await expectAccessible(page, 'product page');
    await snap(page, 'storefront-product');
    await addMug(page);
    await page.goto(`${STOREFRONT_URL}/cart`);
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await expectAccessible(page, 'cart');
    await snap(page, 'storefront-cart');

    await toPayment(page, `guest-${randomUUID().slice(0, 8)}@example.com`);
    await expectAccessible(page, 'checkout');
    await snap(page, 'storefront-checkout');
    await placeOrder(page, 'Approve');
    const number = await confirmedOrderNumber(page);
    expect(number).toMatch(/^CM-/);
    await expectAccessible(page, 'confirmation');
    await snap(page, 'storefront-confirmation');
  });

  it('a declined card shows the decline and keeps the cart, which then buys with another card', async () => {
    const page = await shopper();
    await addMug(page);
    await toPayment(page, `declined-${randomUUID().slice(0, 8)}@example.com`);
    await placeOrder(page, 'Decline');
    await expect
      .poll(() => page.getByRole('alert').allInnerTexts(), { timeout: 30_000 })
      .toContainEqual(expect.stringContaining('declined'));
    await snap(page, 'storefront-declined');

    await page.goto(`${STOREFRONT_URL}/cart`);
    await expect
      .poll(() => page.getByRole('spinbutton', { name: /Quantity of Stoneware mug/ }).count())
      .toBe(1);
    await toPayment(page);
    await placeOrder(page, 'Approve');
    await confirmedOrderNumber(page);
  });

  it('the stand-in for 3-D Secure completes a "requires action" payment', async () => {
    const page = await shopper();
    await addMug(page);
    await toPayment(page, `threeds-${randomUUID().slice(0, 8)}@example.com`);
    await placeOrder(page, 'Requires action (3-D Secure)');
    await page.getByRole('heading', { name: 'Confirm your payment' }).waitFor();
    await expectAccessible(page, '3-D Secure page');
    await snap(page, 'storefront-3ds');
    await page.getByRole('button', { name: 'Confirm payment' }).click();
    await confirmedOrderNumber(page);
  });

  it('signing in merges the guest cart; a customer sees their own orders in their history, a new shopper none', async () => {
    const page = await shopper();
    // A guest cart first: signing in merges it into the customer's cart.
    await page.goto(`${STOREFRONT_URL}/products/striped-breton-tee`);
    await page.getByLabel('Size').selectOption('L');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added to your cart').waitFor();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signInHosted(page, 'customer', STOREFRONT_URL);
    await page.getByRole('link', { name: 'Account' }).waitFor();
    await page.goto(`${STOREFRONT_URL}/cart`);
    await expect
      .poll(() => page.getByRole('spinbutton', { name: /Quantity of Striped Breton tee/ }).count())
      .toBe(1);
    await addMug(page);
    await toPayment(page);
    await placeOrder(page, 'Approve');
    const number = await confirmedOrderNumber(page);

    await page.goto(`${STOREFRONT_URL}/account/orders`);
    await page.getByRole('heading', { name: 'Your orders' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: number }).count()).toBe(1);
    await expectAccessible(page, 'order history');
    await snap(page, 'storefront-order-history');
    await page.goto(`${STOREFRONT_URL}/account`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.toString().startsWith(STOREFRONT_URL));

    // A new shopper: sign-up with email verification, then sign-in.
    const fresh = await shopper();
    const email = `signup-${randomUUID().slice(0, 8)}@example.com`;
    const password = `Shop-${randomUUID()}-9!`;
    await fresh.goto(`${STOREFRONT_URL}/sign-up`);
    await fresh.getByLabel('Email').fill(email);
    await fresh.getByLabel('Password').fill(password);
    await expectAccessible(fresh, 'sign-up');
    await snap(fresh, 'storefront-sign-up');
    await fresh.getByRole('button', { name: 'Create account' }).click();
    await fresh.getByLabel('Verification code').fill('123456');
    await fresh.getByRole('button', { name: 'Verify email' }).click();
    await fresh.getByRole('button', { name: 'Continue to sign-in' }).click();
    await signInHosted(fresh, { email, password }, STOREFRONT_URL);
    await fresh.goto(`${STOREFRONT_URL}/account/orders`);
    await fresh.getByText('You have not ordered anything yet.').waitFor();
    expect(await fresh.getByText(number).count()).toBe(0);
  });

  it('search suggests as the shopper types, forgives a typo and keeps its colour filter disjunctive', async () => {
    const page = await shopper();
    await page.goto(STOREFRONT_URL);
    const box = page.getByRole('combobox', { name: 'Search products' });
    await box.fill('stonew');
    await page
      .getByRole('listbox', { name: 'Suggestions' })
      .getByRole('option', { name: 'Stoneware mug' })
      .waitFor();
    await expectAccessible(page, 'search suggestions');
    await box.fill('stonwear mug');
    await box.press('Enter');
    await page.getByRole('heading', { name: 'Results for “stonwear mug”' }).waitFor();
    await page.getByRole('link', { name: 'Stoneware mug' }).first().waitFor();

    // Two new scarves, one red and one blue, sharing a made-up word.
    const staff = bearer(await signIn(['staff']));
    const word = `zq${randomUUID()
      .replace(/[^a-f]/g, '')
      .slice(0, 6)}`;
    for (const colour of ['Red', 'Blue']) {
      const handle = `${word}-${colour.toLowerCase()}`;
      const created = await api(
        'POST',
        '/products',
        {
          handle,
          title: `${colour} ${word} scarf`,
          description: 'Made by the storefront search test.',
          status: 'published',
          categoryIds: [],
          attributes: { Colour: colour },
          options: [],
          variants: [{ sku: handle, title: 'One size', optionValues: {} }],
          media: [],
        },
        staff,
      );
      expect(created.status).toBe(201);
      const priced = await api(
        'PUT',
        `/prices/${handle}`,
        { version: 0, prices: { EUR: { amount: 1990, sales: [] } } },
        staff,
      );
      expect(priced.status).toBe(200);
    }
    await eventually(
      async () => {
        const found = await api('GET', `/search?q=${word}&currency=EUR`);
        return found.body.total === 2 ? true : undefined;
      },
      20_000,
      'both scarves in search',
    );

    await page.goto(`${STOREFRONT_URL}/search?q=${word}`);
    await page.getByRole('heading', { name: `Results for “${word}”` }).waitFor();
    const colours = page.getByRole('group', { name: 'Colour' });
    await colours.getByRole('checkbox', { name: 'Red (1)' }).check();
    await page.getByRole('link', { name: `Blue ${word} scarf` }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: `Red ${word} scarf` }).waitFor();
    // Choosing red still counts blue: the shopper can add it.
    await colours.getByRole('checkbox', { name: 'Blue (1)' }).waitFor();
    await expectAccessible(page, 'search results');
    await snap(page, 'storefront-search');
  });

  it('a shopper enters a promotion code in lower case, sees it on the line and in the total, and removes it', async () => {
    // A product of this test's own, and a code promotion on its SKU only: no other test's cart meets it.
    const token = await signIn(['staff']);
    const warehouseId = await newWarehouse(client(token), 'Storefront codes', 'DE');
    const sku = await stockedProduct(client(token), {
      warehouseId,
      units: 5,
      price: 2000,
      prefix: 'code-tee',
      title: 'Code tee',
    });
    const code = `SHOP${randomUUID().slice(0, 8).toUpperCase()}`;
    const name = `Storefront code ${code}`;
    const created = await api(
      'POST',
      '/promotions',
      {
        name,
        status: 'active',
        priority: 10,
        trigger: 'code',
        codes: [code],
        combination: { mode: 'combinable', with: ['item', 'order', 'shipping'] },
        conditions: [],
        action: {
          kind: 'items-off',
          target: { skus: [sku] },
          reduction: { kind: 'percentage', basisPoints: 2500 },
        },
      },
      bearer(token),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const page = await shopper();
    // stockedProduct's SKU is `<handle>-one`.
    await addToCart(page, sku.replace(/-one$/, ''));
    await page.goto(`${STOREFRONT_URL}/cart`);
    // Germany (the shop's home country, whose tax the cart estimates) includes VAT in prices.
    const total = page.locator('.totals .grand-total dd');
    await expect.poll(() => total.innerText(), { timeout: 20_000 }).toBe('€20.00');

    // A code no promotion has is refused at the field, which keeps the text.
    const field = page.getByLabel('Promotion code', { exact: true });
    await field.fill('nosuchcode');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'No promotion has the code NOSUCHCODE' }).waitFor();
    expect(await field.inputValue()).toBe('nosuchcode');

    await field.fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const codes = page.getByRole('list', { name: 'Codes entered' });
    await codes.getByText(`${code}: Applied: −€5.00`).waitFor();
    const line = page.getByRole('row', { name: /Code tee/ });
    await line
      .getByRole('list', { name: /^Promotions on Code tee/ })
      .getByText(`${name} −€5.00`)
      .waitFor();
    expect(await line.locator('s').innerText()).toContain('€20.00');
    await expect.poll(() => total.innerText(), { timeout: 20_000 }).toBe('€15.00');
    await expectAccessible(page, 'cart with a promotion code');
    await snap(page, 'storefront-cart-code');

    await page.getByRole('button', { name: `Remove code ${code}` }).click();
    await codes.waitFor({ state: 'detached' });
    await expect.poll(() => total.innerText(), { timeout: 20_000 }).toBe('€20.00');
    expect(await line.getByRole('list', { name: /^Promotions on / }).count()).toBe(0);
  });

  it('an image staff upload shows on its product page, loaded as AVIF or WebP', async () => {
    const staff = bearer(await signIn(['staff']));
    const bytes = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#16a34a' } })
      .jpeg()
      .toBuffer();
    const started = await api(
      'POST',
      '/media/product-uploads',
      { contentType: 'image/jpeg', size: bytes.length },
      staff,
    );
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const { id, upload } = started.body as unknown as {
      id: string;
      upload: { method: string; url: string; fields: Record<string, string> };
    };
    expect(upload.method).toBe('POST');
    // The form's fields first, then the file, straight to the bucket.
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', new Blob([bytes], { type: 'image/jpeg' }));
    expect((await fetch(upload.url, { method: 'POST', body: form })).status).toBe(204);
    await eventually(
      async () => {
        const media = await api('GET', `/media/${id}`, undefined, staff);
        if (media.body.status === 'rejected') throw new Error(`Rejected: ${JSON.stringify(media.body)}`);
        return media.body.status === 'ready' ? true : undefined;
      },
      60_000,
      `media ${id} to be ready`,
    );
    const product = productBody({ media: [{ id, alt: 'Green poster' }] });
    const created = await api('POST', '/products', product, staff);
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const page = await shopper();
    await page.goto(`${STOREFRONT_URL}/products/${String(product.handle)}`);
    const image = page.getByRole('img', { name: 'Green poster' });
    await image.waitFor({ state: 'visible' });
    // What the browser chose from the <picture> and whether its bytes arrived (no DOM types in this project).
    type Loaded = { currentSrc: string; naturalWidth: number };
    const loaded = () =>
      image.evaluate((img) => {
        const { currentSrc, naturalWidth } = img as unknown as Loaded;
        return { currentSrc, naturalWidth };
      });
    await expect.poll(async () => (await loaded()).naturalWidth, { timeout: 20_000 }).toBeGreaterThan(0);
    expect((await loaded()).currentSrc).toMatch(/\.(webp|avif)$/);
    await expectAccessible(page, 'product page with an image');
    await snap(page, 'storefront-product-image');
  });

  it('a customer whose order was delivered reviews the product with a photo and sees it published', async () => {
    const staff = bearer(await signIn(['staff']));
    const product = productBody({ title: 'Reviewed linen shirt' });
    const created = await api('POST', '/products', product, staff);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const productId = (created.body as { id: string }).id;
    const customer = await signUp();
    await announceDelivery(tokenClaims(customer.token).sub, productId, customer.email);
    await eventually(
      async () => {
        const res = await api('GET', '/me/reviewable', undefined, bearer(customer.token));
        const items = (res.body as { items: { productId: string }[] }).items;
        return items.some((i) => i.productId === productId) ? true : undefined;
      },
      30_000,
      'the delivery to reach reviews',
    );

    const page = await shopper();
    await page.goto(STOREFRONT_URL);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signInHosted(page, { email: customer.email, password: customer.password }, STOREFRONT_URL);
    await page.getByRole('link', { name: 'Account' }).waitFor();
    await page.goto(`${STOREFRONT_URL}/products/${String(product.handle)}`);
    await page.getByRole('button', { name: 'Write a review' }).click();
    await page.getByRole('radio', { name: '4 stars' }).check();
    await page.getByLabel('Title', { exact: true }).fill('Crisp and cool');
    await page.getByLabel('Review', { exact: true }).fill('Kept me cool all summer; the collar stays flat.');
    await page.getByLabel('Name shown').fill('Erika Mustermann');
    const photo = await sharp({ create: { width: 900, height: 700, channels: 3, background: '#0e7490' } })
      .jpeg()
      .toBuffer();
    await page
      .getByLabel('Photos')
      .setInputFiles({ name: 'shirt.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: 'Submit review' }).click();
    await page.getByText('Thanks! Your review is published.').waitFor({ timeout: 60_000 });

    // On the product page: the review with its author, its rating and the photo, served as an image.
    await page.reload();
    const reviews = page.getByRole('region', { name: 'Reviews' });
    await reviews.getByText('Crisp and cool').waitFor({ timeout: 20_000 });
    await reviews.getByText('Erika M.').waitFor();
    await reviews.getByText('Verified purchase').first().waitFor();
    const thumbnail = reviews.getByRole('img', { name: 'Photo 1 from Erika M.' });
    await expect
      .poll(() => thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Write a review' }).count()).toBe(0);
    await expectAccessible(page, 'product page with a review');
    await snap(page, 'storefront-product-review');
    const listed = await api('GET', `/products/${productId}/reviews`);
    expect(listed.body).toMatchObject({ aggregate: { count: 1, average: 4 } });
  });

  it('a guest reviews through the link in their delivery email and stops review requests', async () => {
    const staff = bearer(await signIn(['staff']));
    const created = await api('POST', '/products', productBody({ title: 'Guest-reviewed apron' }), staff);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const productId = (created.body as { id: string }).id;
    const email = `guest-${randomUUID().slice(0, 8)}@example.com`;
    await announceDelivery(null, productId, email);
    const link = await eventually(
      async () => {
        for (const mail of await mailsTo(email)) {
          const found = /\/review\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}/.exec(JSON.stringify(mail))?.[0];
          if (found) return found;
        }
        return undefined;
      },
      45_000,
      'the delivery email with its review link',
    );

    const page = await shopper();
    await page.goto(`${STOREFRONT_URL}${link}`);
    await page.getByRole('heading', { name: 'Review your purchase', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Guest-reviewed apron' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Write a review' }).click();
    await page.getByRole('radio', { name: '5 stars' }).check();
    await page.getByLabel('Title', { exact: true }).fill('Pockets everywhere');
    await page.getByLabel('Review', { exact: true }).fill('Survived a summer of barbecues.');
    await page.getByLabel('Name shown').fill('Gustav Gast');
    await page.getByRole('button', { name: 'Submit review' }).click();
    await page.getByText('Thanks! Your review is published.').waitFor({ timeout: 30_000 });
    await page.getByLabel('Email me review requests for this order').uncheck();
    await page.getByText('Saved: no more review requests for this order.').waitFor();
    await expectAccessible(page, 'guest review page');
    await snap(page, 'storefront-guest-review');
    const listed = await api('GET', `/products/${productId}/reviews`);
    expect(listed.body).toMatchObject({ items: [{ author: 'Gustav G.', verified: true, rating: 5 }] });
  });
});
