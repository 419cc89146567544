// The review service end to end on the local cloud: a customer whose order was really delivered (checkout,
// payment, label, carrier webhooks) reviews the product once, with a photo, and the aggregate reaches the
// catalog and search; moderation with reason codes (never the rating); 50 concurrent publishes leave an
// exact aggregate and versions 1..50 on the bus; erasure keeps the rating. Buyers other than the first are
// made eligible by order.delivered events put on the bus as the orders service would send them.
import { REVIEW_REJECTION_REASONS } from '@commerce/events';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS } from '../../functions/payment/providers/sandbox.ts';
import {
  announceDelivery,
  carrierWebhook,
  ensureGermanTax,
  newWarehouse,
  orderReaches,
  readyGuestCart,
  stockedProduct,
  type Order,
} from './shop.ts';
import {
  api,
  bearer,
  client,
  ensureGermanShipping,
  eventually,
  listenOnBus,
  productBody,
  signIn,
  signUp,
  tokenClaims,
  type ApiResponse,
} from './support.ts';

type Aggregate = { count: number; average: number; histogram: number[] };
type Review = {
  id: string;
  status?: string;
  rating: number;
  author: string;
  verified: boolean;
  photos: { id: string; url: string }[];
  helpful: number;
};
type Page = { items: Review[]; nextCursor?: string; aggregate: Aggregate };
type StaffReview = Review & {
  status: string;
  flags: string[];
  rejection?: { reason: string };
  log: { staffId: string; decision: string; reason?: string; flags?: string[] }[];
};

let staffToken: string;
let staff: Record<string, string>;
let admin: Record<string, string>;
let warehouseId: string;

const expectStatus = (res: ApiResponse, status: number) =>
  expect(res.status, JSON.stringify(res.body)).toBe(status);

const write = (who: Record<string, string>, productId: string, body: Record<string, unknown>) =>
  api('POST', `/products/${productId}/reviews`, { title: 'Good', body: 'It does the job.', ...body }, who);

const reviewsOf = async (productId: string, query = ''): Promise<Page> => {
  const res = await api('GET', `/products/${productId}/reviews${query}`);
  expectStatus(res, 200);
  return res.body as unknown as Page;
};

/** A product nobody has reviewed, published (reviews need no stock: buyers come from order.delivered). */
async function newProduct(title = 'Review tee'): Promise<string> {
  const res = await api('POST', '/products', productBody({ title }), staff);
  expectStatus(res, 201);
  return (res.body as { id: string }).id;
}

/** A signed-in customer whose order with `productId` was delivered (as orders announces it). */
async function deliveredBuyer(productId: string): Promise<{ headers: Record<string, string>; sub: string }> {
  const token = await signIn([]);
  const headers = bearer(token);
  const { sub } = tokenClaims(token);
  await announceDelivery(sub, productId);
  await eventually(
    async () => {
      const res = await api('GET', '/me/reviewable', undefined, headers);
      const items = (res.body as { items?: { productId: string }[] }).items ?? [];
      return items.some((i) => i.productId === productId) ? true : undefined;
    },
    30_000,
    `the delivery of ${productId} to reach reviews`,
  );
  return { headers, sub };
}

/** A review photo of the customer, uploaded straight to storage and processed. */
async function reviewPhoto(who: Record<string, string>): Promise<string> {
  const bytes = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#b45309' } })
    .jpeg()
    .toBuffer();
  const started = await api('POST', '/media/uploads', { contentType: 'image/jpeg', size: bytes.length }, who);
  expectStatus(started, 201);
  const upload = started.body as {
    id: string;
    upload: { method: 'POST'; url: string; fields: Record<string, string> };
  };
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.upload.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }));
  expect((await fetch(upload.upload.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  await eventually(
    async () => {
      const res = await api('GET', `/media/${upload.id}`, undefined, who);
      return (res.body as { status: string }).status === 'ready' ? true : undefined;
    },
    60_000,
    'the review photo to be processed',
  );
  return upload.id;
}

const aggregated = listenOnBus({ source: ['commerce.review'], 'detail-type': ['review.aggregated'] });
afterAll(async () => (await aggregated).close());

beforeAll(async () => {
  staffToken = await signIn(['staff']);
  staff = bearer(staffToken);
  admin = bearer(await signIn(['admin']));
  const staffClient = client(staffToken);
  await ensureGermanTax(staffClient);
  warehouseId = await newWarehouse(staffClient, 'Reviews', 'DE');
  await ensureGermanShipping(staffClient);
}, 120_000);

describe('a verified buyer', () => {
  it('reviews a product of a delivered order once, with a photo; the rating reaches catalog and search', async () => {
    const word = `zr${randomUUID()
      .replace(/[^a-f]/g, '')
      .slice(0, 10)}`;
    const sku = await stockedProduct(client(staffToken), {
      warehouseId,
      units: 3,
      price: 2_500,
      prefix: 'rvw',
      title: `Reviewed ${word} jacket`,
    });
    const product = (await api('GET', `/products/by-handle/${sku.replace(/-one$/, '')}`).then(
      (r) => r.body,
    )) as { id: string };
    const shopper = await signUp();
    const me = bearer(shopper.token);
    const cart = await readyGuestCart(sku, 1);
    expectStatus(await api('POST', '/me/cart/merge', { cartId: cart.id, secret: cart.secret }, me), 200);
    const placed = await api(
      'POST',
      '/me/cart/checkout',
      { payment: { token: SANDBOX_TOKENS.approve } },
      { ...me, 'idempotency-key': randomUUID() },
    );
    expectStatus(placed, 201);
    const { order } = placed.body as { order: Order & { lines: { productId?: string }[] } };
    expect(order.lines[0]?.productId).toBe(product.id);

    // Bought, not delivered yet: not a verified buyer.
    const early = await write(me, product.id, { rating: 5 });
    expectStatus(early, 403);
    expect((early.body as { type: string }).type).toBe('urn:commerce:problem:not-a-verified-buyer');

    const staffClient = client(staffToken);
    await orderReaches(staffClient, order.id, 'fulfilling');
    const shipment = await eventually(async () => {
      const res = await staffClient.GET('/shipments/{id}', { params: { path: { id: `shp_${order.id}` } } });
      return res.data;
    });
    await carrierWebhook(shipment.trackingNumber, 'in_transit');
    await carrierWebhook(shipment.trackingNumber, 'delivered');
    await orderReaches(staffClient, order.id, 'delivered');
    const reviewable = await eventually(async () => {
      const res = await api('GET', '/me/reviewable', undefined, me);
      const items = (res.body as { items: { productId: string; orderId: string }[] }).items;
      return items.find((i) => i.productId === product.id);
    }, 30_000);
    expect(reviewable.orderId).toBe(order.id);

    // Someone else's photo is refused, pointing at it; their own is taken.
    const stranger = bearer(await signIn([]));
    const foreign = await reviewPhoto(stranger);
    const refused = await write(me, product.id, { rating: 4, photos: [foreign] });
    expectStatus(refused, 422);
    expect(refused.body).toMatchObject({ errors: [{ pointer: '/photos/0' }] });
    const photo = await reviewPhoto(me);
    const written = await write(me, product.id, { rating: 4, name: 'Anna Schmidt', photos: [photo] });
    expectStatus(written, 201);
    const review = written.body as unknown as Review;
    expect(review).toMatchObject({ status: 'published', author: 'Anna S.', verified: true, rating: 4 });
    expect(review.photos).toMatchObject([{ id: photo }]);
    expect((await fetch(review.photos[0]!.url)).status).toBe(200);

    const twice = await write(me, product.id, { rating: 1 });
    expectStatus(twice, 409);
    expect((twice.body as { type: string }).type).toBe('urn:commerce:problem:already-reviewed');

    const page = await reviewsOf(product.id);
    expect(page.items.map((r) => r.id)).toEqual([review.id]);
    expect(page.aggregate).toEqual({ count: 1, average: 4, histogram: [0, 0, 0, 1, 0] });

    // Helpful: one vote per customer.
    const voter = bearer(await signIn([]));
    expect((await api('POST', `/reviews/${review.id}/helpful`, undefined, voter)).body).toEqual({
      helpful: 1,
      counted: true,
    });
    expect((await api('POST', `/reviews/${review.id}/helpful`, undefined, voter)).body).toEqual({
      helpful: 1,
      counted: false,
    });
    expect((await reviewsOf(product.id, '?sort=helpful')).items[0]).toMatchObject({ helpful: 1 });

    // The catalog's product answer carries the aggregate and schema.org's AggregateRating...
    const answer = await eventually(async () => {
      const res = await api('GET', `/products/${product.id}`);
      const body = res.body as { rating?: { count: number } };
      return body.rating?.count === 1 ? body : undefined;
    }, 30_000);
    expect(answer).toMatchObject({
      rating: { average: 4, count: 1, histogram: [0, 0, 0, 1, 0], version: 1 },
      aggregateRating: { '@type': 'AggregateRating', ratingValue: 4, reviewCount: 1, bestRating: 5 },
    });
    // ...and search filters by it.
    let last = '';
    await eventually(
      async () => {
        const res = await api(
          'GET',
          `/search?${new URLSearchParams({ q: word, minRating: '4', currency: 'EUR' }).toString()}`,
        );
        last = JSON.stringify(res.body);
        const items = (res.body as { items?: { id: string; rating?: { count: number } }[] }).items ?? [];
        return items.find((h) => h.id === product.id)?.rating?.count === 1 ? true : undefined;
      },
      30_000,
      () => `the product in search with its rating (last answer: ${last})`,
    );

    expect((await api('GET', '/me/reviews', undefined, me)).body).toMatchObject({
      items: [{ id: review.id, status: 'published' }],
    });
  });
});

describe('moderation', () => {
  it('holds what the rules flag, logs each decision with its reason, and never rejects for the rating', async () => {
    const productId = await newProduct();
    const buyer = await deliveredBuyer(productId);
    const held = await write(buyer.headers, productId, {
      rating: 1,
      body: 'Terrible. Better ones at www.elsewhere.example.com',
    });
    expectStatus(held, 201);
    const review = held.body as unknown as Review;
    expect(review.status).toBe('pending');
    expect((await reviewsOf(productId)).items).toEqual([]);

    const queue = await api('GET', `/reviews?status=pending&productId=${productId}`, undefined, staff);
    expectStatus(queue, 200);
    expect((queue.body as { items: StaffReview[] }).items).toMatchObject([
      { id: review.id, flags: ['link'] },
    ]);
    // Customers see no queue.
    expectStatus(await api('GET', '/reviews', undefined, buyer.headers), 403);

    for (const reason of ['rating', 'negative']) {
      const refused = await api(
        'POST',
        `/reviews/${review.id}/decision`,
        { decision: 'reject', reason },
        staff,
      );
      expectStatus(refused, 422);
      expect(refused.body).toMatchObject({ errors: [{ pointer: '/reason' }] });
    }
    const unknown = await api(
      'POST',
      `/reviews/${review.id}/decision`,
      { decision: 'reject', reason: 'ugly' },
      staff,
    );
    expectStatus(unknown, 400);

    const rejected = await api(
      'POST',
      `/reviews/${review.id}/decision`,
      { decision: 'reject', reason: 'spam', note: 'Advertises a competitor' },
      staff,
    );
    expectStatus(rejected, 200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejection: { reason: 'spam' } });
    expect(REVIEW_REJECTION_REASONS).toContain('spam');

    const published = await api('POST', `/reviews/${review.id}/decision`, { decision: 'publish' }, staff);
    expectStatus(published, 200);
    const replied = await api('PUT', `/reviews/${review.id}/reply`, { body: 'Sorry to hear that.' }, staff);
    expectStatus(replied, 200);
    const staffSub = tokenClaims(staffToken).sub;
    const logged = (await api('GET', `/reviews/${review.id}`, undefined, staff))
      .body as unknown as StaffReview;
    expect(logged.log).toMatchObject([
      { staffId: 'auto', decision: 'held', flags: ['link'] },
      { staffId: staffSub, decision: 'rejected', reason: 'spam' },
      { staffId: staffSub, decision: 'published' },
    ]);
    const page = await reviewsOf(productId);
    expect(page.items).toMatchObject([{ id: review.id, rating: 1, reply: { body: 'Sorry to hear that.' } }]);
    expect(page.aggregate).toEqual({ count: 1, average: 1, histogram: [1, 0, 0, 0, 0] });
    expect((await reviewsOf(productId, '?rating=5')).items).toEqual([]);
  });

  it('lets only admins set the auto-publish rules, which hold flagged words', async () => {
    const before = (await api('GET', '/review-settings', undefined, staff)).body as Record<string, unknown>;
    const rules = { ...before, flaggedWords: ['zzflagged'] };
    expectStatus(await api('PUT', '/review-settings', rules, staff), 403);
    expectStatus(await api('PUT', '/review-settings', rules, admin), 200);
    try {
      const productId = await newProduct();
      const buyer = await deliveredBuyer(productId);
      const res = await write(buyer.headers, productId, { rating: 5, body: 'Simply ZZFLAGGED great.' });
      expect(res.body).toMatchObject({ status: 'pending' });
    } finally {
      expectStatus(await api('PUT', '/review-settings', before, admin), 200);
    }
  });
});

describe('the aggregate', () => {
  it('equals a recount after 50 concurrent publishes, with versions 1..50 each once on the bus', async () => {
    const listener = await aggregated;
    const productId = await newProduct();
    const buyers = [];
    for (let i = 0; i < 50; i += 10) {
      buyers.push(...(await Promise.all(Array.from({ length: 10 }, () => deliveredBuyer(productId)))));
    }
    const ratings = buyers.map((_, i) => (i % 5) + 1);
    // Written held (a link), ten at a time, then published all at once by staff.
    const ids: string[] = [];
    for (let i = 0; i < buyers.length; i += 10) {
      const batch = buyers.slice(i, i + 10).map(async (buyer, j) => {
        const res = await write(buyer.headers, productId, {
          rating: ratings[i + j],
          body: 'See www.held.example.com',
        });
        expectStatus(res, 201);
        return (res.body as { id: string }).id;
      });
      ids.push(...(await Promise.all(batch)));
    }
    // The emulator starts one process per concurrent invocation, and 50 cold starts at once on two cores
    // outlast the function's timeout (AWS starts them on separate machines): a ramp of harmless calls (an
    // unknown review, 404) warms 50 of them first, as steady traffic would, so the burst measures the writes.
    for (let width = 10; width <= 50; width += 10) {
      const warm = await Promise.all(
        Array.from({ length: width }, () =>
          api('POST', '/reviews/rv_0000000000000000/decision', { decision: 'publish' }, staff),
        ),
      );
      expect(warm.every((r) => r.status === 404 || r.status === 502)).toBe(true);
    }
    const started = Date.now();
    let busy = 0;
    // Each published by one call; a 503 (the product's aggregate kept moving) is tried again, as a client does.
    const publish = async (id: string): Promise<ApiResponse> => {
      const res = await api('POST', `/reviews/${id}/decision`, { decision: 'publish' }, staff);
      if (res.status !== 503) return res;
      busy += 1;
      return publish(id);
    };
    const decisions = await Promise.all(ids.map(publish));
    console.log(
      `50 concurrent publishes of one product's reviews: ${Date.now() - started} ms (${busy} answered 503 and were tried again)`,
    );
    expect(decisions.map((d) => d.status)).toEqual(ids.map(() => 200));

    const expected = {
      count: 50,
      average: 3,
      histogram: [1, 2, 3, 4, 5].map((star) => ratings.filter((r) => r === star).length),
    };
    expect((await reviewsOf(productId)).aggregate).toEqual(expected);
    const events = await eventually(async () => {
      await listener.drain(500);
      // A message seen again after its visibility timeout is the same event: counted once, by its id.
      const mine = new Map(
        listener
          .seen()
          .filter((e) => e.detail.data.productId === productId)
          .map((e) => [e.detail.metadata.id, e]),
      );
      return mine.size >= 50 ? [...mine.values()] : undefined;
    }, 60_000);
    const versions = events.map((e) => e.detail.data.aggregateVersion as number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const last = events.find((e) => e.detail.data.aggregateVersion === 50)!;
    expect(last.detail.data).toMatchObject({
      reviewCount: 50,
      ratingAverage: 3,
      histogram: expected.histogram,
    });
    // The catalog keeps the highest version, whatever order the events arrived in.
    await eventually(async () => {
      const res = await api('GET', `/products/${productId}`);
      return (res.body as { rating?: { version?: number } }).rating?.version === 50 ? true : undefined;
    }, 60_000);
    expect((await api('GET', `/products/${productId}`)).body).toMatchObject({
      rating: { count: 50, average: 3, histogram: expected.histogram },
    });

    // Paging through the reviews, 20 at a time, lists each once.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await reviewsOf(productId, `?limit=20${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
  }, 240_000);
});

describe('erasure', () => {
  it('anonymizes a deleted customer’s review and keeps its rating in the aggregate', async () => {
    const productId = await newProduct();
    const shopper = await signUp();
    const me = bearer(shopper.token);
    const { sub } = tokenClaims(shopper.token);
    await announceDelivery(sub, productId, shopper.email);
    await eventually(async () => {
      const res = await api('GET', '/me/reviewable', undefined, me);
      return (res.body as { items: unknown[] }).items.length > 0 ? true : undefined;
    }, 30_000);
    const photo = await reviewPhoto(me);
    const res = await write(me, productId, { rating: 2, name: 'Erika Mustermann', photos: [photo] });
    expectStatus(res, 201);
    const { id } = res.body as { id: string };

    expectStatus(await api('DELETE', '/me', undefined, me), 204);
    const page = await eventually(async () => {
      const current = await reviewsOf(productId);
      return current.items[0]?.author === 'A former customer' ? current : undefined;
    }, 30_000);
    expect(page.items).toMatchObject([{ id, rating: 2, photos: [] }]);
    expect(page.aggregate).toEqual({ count: 1, average: 2, histogram: [0, 1, 0, 0, 0] });
    const staffView = (await api('GET', `/reviews/${id}`, undefined, staff)).body;
    expect(staffView).toMatchObject({ authorKind: 'erased' });
    expect(staffView).not.toHaveProperty('customerId');
    expect(staffView).not.toHaveProperty('orderId');
  });
});
