// The demo shop `npm start` seeds (packages/local-cloud/src/seed.ts) sells: seeded through the API as staff,
// a second seed creates nothing, a guest buys a seeded tee in Germany (EUR, tax included) and a seeded mug in
// New York (USD, tax added), and the demo customer signs in and reads their profile.
import {
  accessToken,
  DEMO_PRICES,
  ensureDemoUsers,
  identityOutputs,
  seedDemoShop,
} from '@commerce/local-cloud';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { SANDBOX_TOKENS } from '../../functions/payment/providers/sandbox.ts';
import { MUNICH_ADDRESS } from '../fixtures/germany.ts';
import { cartHolding, checkout, orderReaches, readyGuestCart, type Order } from './shop.ts';
import { api, apiUrl, bearer, client, signIn } from './support.ts';

const NEW_YORK = {
  name: 'Sam Rivera',
  line1: '350 Fifth Avenue',
  city: 'New York',
  region: 'US-NY',
  postalCode: '10118',
  country: 'US',
};

let staff: ReturnType<typeof client>;
const lines: string[] = [];

beforeAll(async () => {
  const token = await signIn(['staff']);
  staff = client(token);
  await seedDemoShop(apiUrl(), token, (line) => lines.push(line));
}, 180_000);

describe('the demo shop', () => {
  it('is seeded once: a second seed creates nothing', async () => {
    expect(lines.at(-1)).toMatch(/^\[local-cloud\] seed: /);
    const again: string[] = [];
    expect(await seedDemoShop(apiUrl(), await signIn(['staff']), (line) => again.push(line))).toBe(0);
    expect(again).toEqual(['[local-cloud] seed: demo shop already present']);
    const berlin = await staff.GET('/stock/{sku}', { params: { path: { sku: 'ORGANIC-COTTON-TEE-M' } } });
    expect(berlin.data?.levels.map((l) => l.warehouseId).sort()).toEqual(['berlin', 'newark']);
  });

  it('sells a tee to a guest in Germany, tax included, and it gets paid', async () => {
    await cartHolding('ORGANIC-COTTON-TEE-M');
    const cart = await readyGuestCart('ORGANIC-COTTON-TEE-M', 1, { address: MUNICH_ADDRESS });
    const placed = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.approve);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const { order } = placed.body as { order: Order };
    const price = DEMO_PRICES['organic-cotton-tee']!.EUR;
    expect(order.totals).toMatchObject({ grandTotal: price + 490, taxIncluded: true });
    expect(order.totals.taxTotal).toBeGreaterThan(0);
    expect((await orderReaches(staff, order.id, 'fulfilling')).payment.status).toBe('captured');
  });

  it('sells a mug to a guest in New York in dollars, tax added', async () => {
    const { id, headers } = await cartHolding('STONEWARE-MUG', 'USD');
    const patched = await api(
      'PATCH',
      `/carts/${id}`,
      { email: 'sam@example.com', shippingAddress: NEW_YORK, shippingMethod: 'us-ground' },
      headers,
    );
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const price = DEMO_PRICES['stoneware-mug']!.USD;
    const placed = await checkout(id, headers, SANDBOX_TOKENS.approve);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const { order } = placed.body as { order: Order };
    // 8.875 % on the mug (New York); ground shipping 8.00 for 380 g.
    expect(order.totals).toMatchObject({ shipping: 800, taxIncluded: false });
    expect(order.totals.taxTotal).toBeGreaterThanOrEqual(Math.floor(price * 0.08875));
    expect(order.totals.grandTotal).toBe(price + 800 + order.totals.taxTotal);
  });

  it('has a demo customer who signs in with the saved password', async () => {
    const ids = identityOutputs(inject('stackOutputs'));
    const users = await ensureDemoUsers(ids);
    expect(users.customer.email).toBe('customer@commerce.local');
    const token = await accessToken(ids.storefrontClientId, users.customer.email, users.customer.password);
    const me = await api('GET', '/me', undefined, bearer(token));
    expect(me.status, JSON.stringify(me.body)).toBe(200);
    expect(me.body).toMatchObject({ email: 'customer@commerce.local' });
  });
});
