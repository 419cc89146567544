// The review use cases on an in-memory store: who may write (a verified buyer, a guest through their order,
// once per product), what the auto-publish rules publish or hold, photos checked with the buyer, staff
// decisions moving the aggregate (never for the rating), replies, erasure, and 50 concurrent publishes of
// one product ending with the exact aggregate and one review.aggregated per version.
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
} from '@commerce/lambda-kit/errors';
import { describe, expect, it, vi } from 'vitest';
import { average, EMPTY_AGGREGATE, recompute } from '../../../functions/review/domain/aggregate.ts';
import type { PhotoResolver } from '../../../functions/review/domain/ports.ts';
import { DEFAULT_RULES, type Author, type Review } from '../../../functions/review/domain/review.ts';
import { Reviews, type ReviewInput } from '../../../functions/review/reviews.ts';
import { MemoryReviewStore } from './memory-store.ts';

const NOW = new Date('2026-12-04T12:00:00.000Z');
const AT = NOW.toISOString();
const context = { correlationId: 'corr-1' };
const anna: Author = { kind: 'customer', customerId: 'c-1', name: 'Anna Schmidt' };

const input = (overrides: Partial<ReviewInput> = {}): ReviewInput => ({
  rating: 4,
  title: 'Warm and well made',
  body: 'Wore it every day for two weeks. It fits.',
  locale: 'en',
  photos: [],
  ...overrides,
});

/** A review photo as the media service resolves it. */
const image = (id: string) => ({
  id,
  width: 800,
  height: 600,
  focalPoint: { x: 0.5, y: 0.5 },
  url: `https://cdn.test/${id}/a.webp`,
  key: `m/${id}/a.webp`,
  sources: [],
  thumbnails: [],
});

function setup(photos: PhotoResolver = (ids) => Promise.resolve(ids.map(image))) {
  const store = new MemoryReviewStore();
  let ids = 0;
  const reviews = new Reviews(store, photos, { now: () => NOW, newId: () => `rv-${++ids}` });
  const deliver = (customerId: string | null, orderId: string, ...productIds: string[]) =>
    reviews.recordDelivery({ orderId, customerId, productIds, deliveredAt: '2026-12-01T10:00:00.000Z' });
  return { store, reviews, deliver };
}

/** A review held for staff (auto-publish off), written by a buyer of p-1. */
async function pending(
  { store, reviews, deliver }: ReturnType<typeof setup>,
  customerId = 'c-1',
  rating: Review['rating'] = 4,
) {
  store.autoPublish = { ...DEFAULT_RULES, enabled: false };
  await deliver(customerId, `o-${customerId}`, 'p-1');
  const author: Author = { kind: 'customer', customerId, name: 'Some Buyer' };
  const review = await reviews.write(author, 'p-1', input({ rating }), context);
  store.autoPublish = DEFAULT_RULES;
  return review;
}

describe('Reviews.write', () => {
  it('publishes a verified buyer’s clean review at once and announces the aggregate', async () => {
    const { store, reviews, deliver } = setup();
    await deliver('c-1', 'o-1', 'p-1', 'p-2');

    const review = await reviews.write(anna, 'p-1', input({ rating: 5 }), context);

    expect(review).toMatchObject({
      id: 'rv-1',
      productId: 'p-1',
      author: anna,
      orderId: 'o-1',
      verified: true,
      status: 'published',
      publishedAt: AT,
      version: 1,
    });
    expect(store.reviews.get('rv-1')).toEqual(review);
    expect(store.entries).toEqual([
      { reviewId: 'rv-1', entry: { at: AT, staffId: 'auto', decision: 'published', flags: [] } },
    ]);
    expect(await store.aggregate('p-1')).toEqual({
      productId: 'p-1',
      aggregate: { count: 1, sum: 5, histogram: [0, 0, 0, 0, 1] },
      version: 1,
    });
    expect(store.events.map((e) => e.detailType)).toEqual([
      'review.submitted',
      'review.published',
      'review.aggregated',
    ]);
    expect(store.dataOf('review.published')).toEqual([
      { reviewId: 'rv-1', productId: 'p-1', rating: 5, verified: true, by: 'rules' },
    ]);
    expect(store.dataOf('review.aggregated')).toEqual([
      { productId: 'p-1', reviewCount: 1, ratingAverage: 5, histogram: [0, 0, 0, 0, 1], aggregateVersion: 1 },
    ]);
    expect(store.events[0]!.detail.metadata).toMatchObject({ correlationId: 'corr-1', occurredAt: AT });
  });

  it('refuses a buyer without a delivered order containing the product (403), storing nothing', async () => {
    const { store, reviews, deliver } = setup();
    await deliver('c-1', 'o-1', 'p-2');

    const error = await reviews.write(anna, 'p-1', input(), context).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({ status: 403, problemType: 'not-a-verified-buyer' });
    expect(store.reviews.size).toBe(0);
    expect(store.reviewed.size).toBe(0);
    expect(store.entries).toEqual([]);
    expect(store.events).toEqual([]);
    expect(await store.aggregate('p-1')).toEqual({
      productId: 'p-1',
      aggregate: EMPTY_AGGREGATE,
      version: 0,
    });
  });

  it('refuses a second review of the same product (409 already-reviewed)', async () => {
    const { store, reviews, deliver } = setup();
    await deliver('c-1', 'o-1', 'p-1');
    await reviews.write(anna, 'p-1', input(), context);

    const error = await reviews.write(anna, 'p-1', input({ rating: 1 }), context).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, problemType: 'already-reviewed' });
    expect(store.reviews.size).toBe(1);
    expect((await store.aggregate('p-1')).aggregate.count).toBe(1);
    expect(store.dataOf('review.aggregated')).toHaveLength(1);
  });

  it('lets a guest buyer review through their order (no customer id)', async () => {
    const { store, reviews, deliver } = setup();
    await deliver(null, 'o-9', 'p-1');
    const guest: Author = { kind: 'guest', orderId: 'o-9', name: 'Gustav Gast' };

    const review = await reviews.write(guest, 'p-1', input(), context);

    expect(review).toMatchObject({ author: guest, orderId: 'o-9', verified: true, status: 'published' });
    expect(store.reviewed.has('guest:o-9|p-1')).toBe(true);
    const stranger: Author = { kind: 'guest', orderId: 'o-8', name: 'Someone Else' };
    await expect(reviews.write(stranger, 'p-1', input(), context)).rejects.toMatchObject({
      problemType: 'not-a-verified-buyer',
    });
  });

  it.each([
    ['a link', 'See www.cheap-boots.com for more', ['link']],
    ['contact data', 'Call me on +49 30 1234567', ['contact-data']],
  ])(
    'holds a review with %s for staff: pending, logged with its flags, announced only as submitted',
    async (_, body, flags) => {
      const { store, reviews, deliver } = setup();
      await deliver('c-1', 'o-1', 'p-1');

      const review = await reviews.write(anna, 'p-1', input({ body }), context);

      expect(review.status).toBe('pending');
      expect(review.publishedAt).toBeUndefined();
      expect(store.reviews.get(review.id)?.status).toBe('pending');
      expect(store.entries).toEqual([
        { reviewId: review.id, entry: { at: AT, staffId: 'auto', decision: 'held', flags } },
      ]);
      expect(await store.aggregate('p-1')).toEqual({
        productId: 'p-1',
        aggregate: EMPTY_AGGREGATE,
        version: 0,
      });
      expect(review.flags).toEqual(flags);
      expect(store.events.map((e) => e.detail.data)).toEqual([
        { reviewId: review.id, productId: 'p-1', version: 1, rating: 4, status: 'pending', photos: [] },
      ]);
    },
  );

  it('checks the photos with the media service as the buyer’s own', async () => {
    const resolve = vi.fn<PhotoResolver>((ids) => Promise.resolve(ids.map(image)));
    const { store, reviews, deliver } = setup(resolve);
    await deliver('c-1', 'o-1', 'p-1', 'p-2');
    await deliver(null, 'o-9', 'p-1');

    const review = await reviews.write(anna, 'p-1', input({ photos: ['m-1', 'm-2'] }), context);
    await reviews.write(
      { kind: 'guest', orderId: 'o-9', name: 'Gustav' },
      'p-1',
      input({ photos: ['m-3'] }),
      context,
    );
    await reviews.write(anna, 'p-2', input(), context);

    expect(resolve.mock.calls).toEqual([
      [['m-1', 'm-2'], 'c-1'],
      [['m-3'], 'guest:o-9'],
    ]);
    expect(store.reviews.get(review.id)?.photos).toEqual([image('m-1'), image('m-2')]);
    expect(store.dataOf('review.submitted')[0]).toMatchObject({
      reviewId: review.id,
      photos: ['m-1', 'm-2'],
    });
  });

  it('stops the write when a photo is refused', async () => {
    const refused = new RuleViolationError([{ in: 'body', pointer: '/photos/0', detail: 'Not ready.' }]);
    const { store, reviews, deliver } = setup(() => Promise.reject(refused));
    await deliver('c-1', 'o-1', 'p-1');

    await expect(reviews.write(anna, 'p-1', input({ photos: ['m-1'] }), context)).rejects.toBe(refused);
    expect(store.reviews.size).toBe(0);
    expect(store.reviewed.size).toBe(0);
    expect(store.events).toEqual([]);
  });
});

describe('Reviews.moderate', () => {
  it('publishes a pending review: aggregate +1, review.published by staff and review.aggregated', async () => {
    const world = setup();
    const { store, reviews } = world;
    const held = await pending(world, 'c-1', 3);

    const review = await reviews.moderate(held.id, { decision: 'publish', note: 'fine' }, 'staff-1', context);

    expect(review).toMatchObject({ status: 'published', publishedAt: AT, version: 2 });
    expect(store.reviews.get(held.id)).toEqual(review);
    expect(store.entries.at(-1)).toEqual({
      reviewId: held.id,
      entry: { at: AT, staffId: 'staff-1', decision: 'published', note: 'fine' },
    });
    expect(await store.aggregate('p-1')).toEqual({
      productId: 'p-1',
      aggregate: { count: 1, sum: 3, histogram: [0, 0, 1, 0, 0] },
      version: 1,
    });
    expect(store.dataOf('review.published')).toEqual([
      { reviewId: held.id, productId: 'p-1', rating: 3, verified: true, by: 'staff' },
    ]);
    expect(store.dataOf('review.aggregated')).toEqual([
      { productId: 'p-1', reviewCount: 1, ratingAverage: 3, histogram: [0, 0, 1, 0, 0], aggregateVersion: 1 },
    ]);
  });

  it('takes a published review down: aggregate −1, review.rejected with wasPublished', async () => {
    const { store, reviews, deliver } = setup();
    await deliver('c-1', 'o-1', 'p-1');
    const published = await reviews.write(anna, 'p-1', input({ rating: 2 }), context);

    const review = await reviews.moderate(
      published.id,
      { decision: 'reject', reason: 'spam' },
      'staff-1',
      context,
    );

    expect(review).toMatchObject({ status: 'rejected', rejection: { reason: 'spam' }, version: 2 });
    expect(store.entries.at(-1)?.entry).toEqual({
      at: AT,
      staffId: 'staff-1',
      decision: 'rejected',
      reason: 'spam',
    });
    expect(await store.aggregate('p-1')).toEqual({
      productId: 'p-1',
      aggregate: EMPTY_AGGREGATE,
      version: 2,
    });
    expect(store.dataOf('review.rejected')).toEqual([
      {
        reviewId: published.id,
        productId: 'p-1',
        rating: 2,
        verified: true,
        reason: 'spam',
        wasPublished: true,
      },
    ]);
    expect(store.dataOf('review.aggregated').at(-1)).toEqual({
      productId: 'p-1',
      reviewCount: 0,
      ratingAverage: 0,
      histogram: [0, 0, 0, 0, 0],
      aggregateVersion: 2,
    });
  });

  it('rejects a pending review without touching the aggregate', async () => {
    const world = setup();
    const held = await pending(world);

    await world.reviews.moderate(held.id, { decision: 'reject', reason: 'off-topic' }, 'staff-1', context);

    expect(await world.store.aggregate('p-1')).toMatchObject({ aggregate: EMPTY_AGGREGATE, version: 0 });
    expect(world.store.events.map((e) => e.detailType)).toEqual(['review.submitted', 'review.rejected']);
    expect(world.store.dataOf('review.rejected')[0]).toMatchObject({ wasPublished: false });
  });

  it.each(['rating', 'negative'])('refuses to reject for %s (422), changing nothing', async (reason) => {
    const { store, reviews, deliver } = setup();
    await deliver('c-1', 'o-1', 'p-1');
    const published = await reviews.write(anna, 'p-1', input({ rating: 1 }), context);
    const events = store.events.length;

    const error = await reviews
      .moderate(published.id, { decision: 'reject', reason }, 'staff-1', context)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RuleViolationError);
    expect(error).toMatchObject({ status: 422, problemType: 'rule-violation' });
    expect(store.reviews.get(published.id)).toEqual(published);
    expect(store.entries).toHaveLength(1);
    expect(store.events).toHaveLength(events);
    expect(await store.aggregate('p-1')).toMatchObject({ aggregate: { count: 1 }, version: 1 });
  });

  it('answers an unknown review with NotFoundError', async () => {
    const { reviews } = setup();
    await expect(
      reviews.moderate('rv-x', { decision: 'publish' }, 'staff-1', context),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(reviews.reply('rv-x', 'Thanks!', 'staff-1')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('Reviews.reply', () => {
  it('stores the staff reply on the review, announcing nothing', async () => {
    const { store, reviews, deliver } = setup();
    await deliver('c-1', 'o-1', 'p-1');
    const published = await reviews.write(anna, 'p-1', input(), context);
    const events = store.events.length;

    const review = await reviews.reply(published.id, 'Thank you, Anna!', 'staff-2');

    expect(review).toMatchObject({
      reply: { body: 'Thank you, Anna!', staffId: 'staff-2', at: AT },
      status: 'published',
      version: 2,
    });
    expect(store.reviews.get(published.id)).toEqual(review);
    expect(store.events).toHaveLength(events);
  });
});

describe('Reviews.erase', () => {
  it('anonymizes every review of the customer and leaves the aggregate alone', async () => {
    const { store, reviews, deliver } = setup();
    await deliver('c-1', 'o-1', 'p-1');
    await deliver('c-1', 'o-2', 'p-2');
    await deliver('c-2', 'o-3', 'p-1');
    await reviews.write(anna, 'p-1', input({ rating: 5, photos: ['m-1'] }), context);
    await reviews.write(anna, 'p-2', input({ body: 'Call me on +49 30 1234567' }), context);
    const other = await reviews.write(
      { kind: 'customer', customerId: 'c-2', name: 'Ben' },
      'p-1',
      input(),
      context,
    );
    const before = await store.aggregate('p-1');
    const events = store.events.length;

    expect(await reviews.erase('c-1', context)).toBe(2);

    for (const id of ['rv-1', 'rv-2']) {
      const review = store.reviews.get(id)!;
      expect(review.author).toEqual({ kind: 'erased' });
      expect(review.photos).toEqual([]);
      expect(review).not.toHaveProperty('orderId');
      expect(review.version).toBe(2);
    }
    expect(store.reviews.get('rv-1')).toMatchObject({ rating: 5, status: 'published' });
    expect(store.reviews.get(other.id)).toEqual(other);
    expect(await store.aggregate('p-1')).toEqual(before);
    // Only review.erased (the media service deletes the photos): no aggregate moved.
    expect(store.events.slice(events).map((e) => e.detail.data)).toEqual([
      { reviewId: 'rv-1', productId: 'p-1', version: 2 },
      { reviewId: 'rv-2', productId: 'p-2', version: 2 },
    ]);
    expect(await store.reviewable('c-1')).toEqual([]);
    expect(await reviews.erase('c-1', context)).toBe(0);
  });
});

describe('concurrent publishes of one product', () => {
  it('ends with the exact aggregate and one review.aggregated per version, 1..50', async () => {
    const world = setup();
    const { store, reviews } = world;
    const ratings = Array.from({ length: 50 }, (_, i) => ((i * 7) % 5) + 1) as Review['rating'][];
    const held: Review[] = [];
    for (const [i, rating] of ratings.entries()) held.push(await pending(world, `c-${i}`, rating));

    await Promise.all(held.map((r) => reviews.moderate(r.id, { decision: 'publish' }, 'staff-1', context)));

    const expected = recompute(ratings);
    expect(await store.aggregate('p-1')).toEqual({ productId: 'p-1', aggregate: expected, version: 50 });
    // The writers did collide, and the retries settled it.
    expect(store.aggregateConflicts).toBeGreaterThan(0);
    const aggregated = store.dataOf('review.aggregated') as {
      reviewCount: number;
      ratingAverage: number;
      histogram: number[];
      aggregateVersion: number;
    }[];
    expect(aggregated).toHaveLength(50);
    const versions = aggregated.map((e) => e.aggregateVersion).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const latest = aggregated.find((e) => e.aggregateVersion === 50);
    expect(latest).toEqual({
      productId: 'p-1',
      reviewCount: 50,
      ratingAverage: average(expected),
      histogram: [...expected.histogram],
      aggregateVersion: 50,
    });
    expect(store.dataOf('review.published')).toHaveLength(50);
    expect([...store.reviews.values()].every((r) => r.status === 'published')).toBe(true);
  });
});
