// Review requests and guest buyers end to end on the local cloud: some seconds after a delivery (the local
// stage's delay; days elsewhere) an EventBridge Scheduler schedule asks the buyer, once, to review what they
// have not reviewed yet, and notifications mails it; a customer who turned requests off is not asked; a guest
// reviews through the signed link their delivery email carries, once per product, and may turn requests off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceDelivery, mailsTo } from './shop.ts';
import { api, bearer, eventually, listenOnBus, productBody, signIn, signUp, tokenClaims } from './support.ts';

let staff: Record<string, string>;

const requested = listenOnBus({ source: ['commerce.review'], 'detail-type': ['review.requested'] });
afterAll(async () => (await requested).close());

beforeAll(async () => {
  staff = bearer(await signIn(['staff']));
});

async function newProduct(title: string): Promise<string> {
  const res = await api('POST', '/products', productBody({ title }), staff);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body as { id: string }).id;
}

/** Until the buyer may review `productId` (reviews heard of the delivery). */
const reviewable = (headers: Record<string, string>, productId: string) =>
  eventually(
    async () => {
      const res = await api('GET', '/me/reviewable', undefined, headers);
      const items = (res.body as { items?: { productId: string }[] }).items ?? [];
      return items.some((i) => i.productId === productId) ? true : undefined;
    },
    30_000,
    `${productId} to be reviewable`,
  );

describe('review requests', () => {
  it('ask once for what is not reviewed yet, by email, and never a customer who turned them off', async () => {
    const listener = await requested;
    const [first, second] = [await newProduct('Requested mug'), await newProduct('Requested plate')];
    const asked = await signUp();
    const askedHeaders = bearer(asked.token);
    const quiet = await signUp();
    const quietHeaders = bearer(quiet.token);
    expect((await api('GET', '/me/review-preferences', undefined, quietHeaders)).body).toEqual({
      requestEmails: true,
    });
    const off = await api('PUT', '/me/review-preferences', { requestEmails: false }, quietHeaders);
    expect(off.status, JSON.stringify(off.body)).toBe(200);

    const askedOrder = await announceDelivery(tokenClaims(asked.token).sub, [first, second], asked.email);
    const quietOrder = await announceDelivery(tokenClaims(quiet.token).sub, [first], quiet.email);
    await reviewable(askedHeaders, first);
    const written = await api(
      'POST',
      `/products/${first}/reviews`,
      { rating: 5, title: 'Lovely', body: 'Holds a lot of tea.' },
      askedHeaders,
    );
    expect(written.status, JSON.stringify(written.body)).toBe(201);

    // Due a few seconds after the delivery; the emulator looks for due schedules every 10 s.
    const event = await listener.waitFor(
      (e) => e.detail.data.orderId === askedOrder,
      'the review request of the delivered order',
    );
    expect(event.detail.data).toMatchObject({
      customerId: tokenClaims(asked.token).sub,
      contact: { email: asked.email },
      products: [{ productId: second, title: 'Review tee 2' }],
    });
    const mail = await eventually(
      async () => (await mailsTo(asked.email)).find((m) => /^How is your order CM-/.test(m.Subject ?? '')),
      45_000,
      'the review request email',
    );
    expect(JSON.stringify(mail)).toContain('/account/reviews');

    // The opted-out customer's schedule was due at the same time: nothing was sent for it, and nothing is.
    await listener.drain(12_000);
    const seen = listener.seen();
    expect(seen.filter((e) => e.detail.data.orderId === quietOrder)).toEqual([]);
    expect(seen.filter((e) => e.detail.data.orderId === askedOrder)).toHaveLength(1);
  });
});

describe('a guest buyer', () => {
  it('reviews through the signed link in the delivery email, once per product, and can stop requests', async () => {
    const productId = await newProduct('Guest-reviewed scarf');
    const email = `guest-${Date.now()}@example.com`;
    await announceDelivery(null, productId, email);
    // The delivery email of a guest order links to the guest's review page with its signed token.
    const token = await eventually(
      async () => {
        for (const mail of await mailsTo(email)) {
          const text = JSON.stringify(mail);
          const found = /\/review\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43})/.exec(text)?.[1];
          if (found) return found;
        }
        return undefined;
      },
      45_000,
      'the delivery email with the review link',
    );

    const invitation = await eventually(async () => {
      const res = await api('GET', `/review-invitations/${token}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const body = res.body as { products: { productId: string }[]; requestEmails: boolean };
      return body.products.length > 0 ? body : undefined;
    }, 30_000);
    expect(invitation).toMatchObject({ products: [{ productId }], requestEmails: true });

    const review = {
      productId,
      rating: 3,
      title: 'Warm enough',
      body: 'Itches a little.',
      name: 'Gustav Gast',
    };
    const written = await api('POST', `/review-invitations/${token}/reviews`, review);
    expect(written.status, JSON.stringify(written.body)).toBe(201);
    expect(written.body).toMatchObject({ verified: true, author: 'Gustav G.', rating: 3 });
    const again = await api('POST', `/review-invitations/${token}/reviews`, review);
    expect(again.status).toBe(409);
    // A product the order did not deliver: not a verified buyer of it.
    const other = await newProduct('Never bought');
    const refused = await api('POST', `/review-invitations/${token}/reviews`, {
      ...review,
      productId: other,
    });
    expect(refused.status).toBe(403);
    // A token changed by one character is not one the shop signed.
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await api('GET', `/review-invitations/${forged}`)).status).toBe(404);
    expect((await api('POST', `/review-invitations/${forged}/reviews`, review)).status).toBe(404);

    const stopped = await api('PUT', `/review-invitations/${token}/preferences`, { requestEmails: false });
    expect(stopped.body).toEqual({ requestEmails: false });
    expect((await api('GET', `/review-invitations/${token}`)).body).toMatchObject({
      products: [{ productId, reviewId: (written.body as { id: string }).id }],
      requestEmails: false,
    });
  });
});
