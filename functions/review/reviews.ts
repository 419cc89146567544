// The review use cases: what delivered orders let buyers review, writing a review (a verified buyer, once per
// product; published at once when the auto-publish rules find nothing, else pending), staff decisions and
// replies, and erasure. Every change of what is published moves the product's aggregate in the same
// transaction, at the version read (retried when another change won), so the aggregate always equals a
// recomputation from the published reviews and each review.aggregated carries exact figures.
import {
  ReviewAggregated,
  ReviewErased,
  ReviewPublished,
  ReviewRejected,
  ReviewSubmitted,
} from '@commerce/events';
import { ContentionError, ForbiddenError, NotFoundError } from '@commerce/lambda-kit/errors';
import { randomId } from '@commerce/lambda-kit';
import { outboxItem, type OutboxItem } from '@commerce/lambda-kit/outbox';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import { applyRating, average, type Aggregate } from './domain/aggregate.ts';
import {
  AggregateConflictError,
  type AggregateChange,
  type Eligibility,
  type PhotoResolver,
  type ReviewStore,
} from './domain/ports.ts';
import {
  anonymize,
  moderate,
  screen,
  type Author,
  type AutoPublishRules,
  type Decision,
  type ModerationEntry,
  type Review,
} from './domain/review.ts';

/**
 * How long a change keeps trying while other changes of the same product's aggregate win (a burst of
 * decisions on one product): then 503, well inside the function's timeout, and the client tries again.
 */
const AGGREGATE_DEADLINE_MS = 6_000;

export interface ReviewInput {
  readonly rating: Review['rating'];
  readonly title: string;
  readonly body: string;
  readonly locale: string;
  readonly photos: readonly string[];
}

export const newReviewId = (): string => randomId('rv_', 16);

/** The buyer key of an author: the customer's id, or the guest's order. */
export const buyerOf = (author: Exclude<Author, { kind: 'erased' }>): string =>
  author.kind === 'customer' ? author.customerId : `guest:${author.orderId}`;

export class Reviews {
  readonly #store: ReviewStore;
  readonly #photos: PhotoResolver;
  readonly #now: () => Date;
  readonly #newId: () => string;

  constructor(
    store: ReviewStore,
    photos: PhotoResolver,
    options: { readonly now?: () => Date; readonly newId?: () => string } = {},
  ) {
    this.#store = store;
    this.#photos = photos;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? newReviewId;
  }

  /** A delivered order: each product in it may be reviewed by its buyer. */
  async recordDelivery(order: {
    readonly orderId: string;
    readonly customerId: string | null;
    readonly productIds: readonly string[];
    readonly deliveredAt: string;
  }): Promise<void> {
    const buyer = order.customerId ?? `guest:${order.orderId}`;
    const items: Eligibility[] = [...new Set(order.productIds)].map((productId) => ({
      buyer,
      productId,
      orderId: order.orderId,
      deliveredAt: order.deliveredAt,
    }));
    await this.#store.addEligibility(items);
  }

  /**
   * A verified buyer's review of a product: 403 `not-a-verified-buyer` without a delivered order containing
   * it, 409 `already-reviewed` the second time. Published at once when the rules find nothing.
   */
  async write(
    author: Exclude<Author, { kind: 'erased' }>,
    productId: string,
    input: ReviewInput,
    context: EventContext,
  ): Promise<Review> {
    const buyer = buyerOf(author);
    const eligible = await this.#store.eligibility(buyer, productId);
    if (!eligible) {
      throw new ForbiddenError(
        'Only a buyer whose order with this product was delivered may review it.',
        'not-a-verified-buyer',
      );
    }
    const photos = input.photos.length > 0 ? await this.#photos(input.photos, buyer) : [];
    const rules = await this.#store.rules();
    const now = this.#now();
    const at = now.toISOString();
    const draft: Review = {
      id: this.#newId(),
      productId,
      author,
      orderId: eligible.orderId,
      verified: true,
      rating: input.rating,
      title: input.title,
      body: input.body,
      locale: input.locale,
      photos: [...photos],
      flags: [],
      status: 'pending',
      helpful: 0,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const flags = screen(draft, rules);
    if (flags.length > 0) {
      // Held for a person, with what the rules found.
      const held: Review = { ...draft, flags };
      await this.#store.create(held, buyer, { at, staffId: 'auto', decision: 'held', flags }, undefined, [
        this.#submitted(held, context, now),
      ]);
      return held;
    }
    const published: Review = { ...draft, status: 'published', publishedAt: at };
    const entry: ModerationEntry = { at, staffId: 'auto', decision: 'published', flags: [] };
    await this.#withAggregate(productId, published.rating, 1, (change) =>
      this.#store.create(published, buyer, entry, change, [
        this.#submitted(published, context, now),
        outboxItem(ReviewPublished, { ...this.#eventOf(published), by: 'rules' }, context, now),
        this.#aggregated(change, context, now),
      ]),
    );
    return published;
  }

  /**
   * A staff decision: publish, or reject (or take down) with a reason code; never for the rating (422). A
   * decision that changes what is published moves the aggregate with it.
   */
  async moderate(id: string, decision: Decision, staffId: string, context: EventContext): Promise<Review> {
    const current = await this.#existing(id);
    const now = this.#now();
    const decided = moderate(current, decision, staffId, now);
    if (!decided) return current;
    const { review: next, entry } = decided;
    const wasPublished = current.status === 'published';
    const isPublished = next.status === 'published';
    const decidedEvent = isPublished
      ? outboxItem(ReviewPublished, { ...this.#eventOf(next), by: 'staff' }, context, now)
      : outboxItem(
          ReviewRejected,
          { ...this.#eventOf(next), reason: next.rejection!.reason, wasPublished },
          context,
          now,
        );
    if (wasPublished === isPublished) {
      await this.#store.save(current, next, entry, undefined, [decidedEvent]);
    } else {
      await this.#withAggregate(current.productId, next.rating, isPublished ? 1 : -1, (change) =>
        this.#store.save(current, next, entry, change, [
          decidedEvent,
          this.#aggregated(change, context, now),
        ]),
      );
    }
    return next;
  }

  /** Staff's public reply under a review (replaces an earlier one). */
  async reply(id: string, body: string, staffId: string): Promise<Review> {
    const current = await this.#existing(id);
    const at = this.#now().toISOString();
    const next: Review = {
      ...current,
      reply: { body, staffId, at },
      updatedAt: at,
      version: current.version + 1,
    };
    await this.#store.save(current, next, undefined, undefined, []);
    return next;
  }

  /**
   * customer.deleted: each of their reviews loses its author (and photos, which the media service then
   * deletes); ratings and texts stay, and so does the aggregate. Then what tied them to orders goes too.
   */
  async erase(customerId: string, context: EventContext): Promise<number> {
    let erased = 0;
    for (const review of await this.#store.byAuthor(customerId)) {
      if (review.author.kind === 'erased') continue;
      const now = this.#now();
      const next = anonymize(review, now);
      const event = outboxItem(
        ReviewErased,
        { reviewId: next.id, productId: next.productId, version: next.version },
        context,
        now,
      );
      await this.#store.save(review, next, undefined, undefined, [event]);
      erased += 1;
    }
    await this.#store.forgetBuyer(customerId);
    return erased;
  }

  /** A customer's helpful vote on a published review, counted once. */
  voteHelpful(id: string, voter: string): Promise<{ helpful: number; counted: boolean }> {
    return this.#store.voteHelpful(id, voter);
  }

  /** The auto-publish rules for reviews written from now on (a held review stays held). */
  async setRules(rules: AutoPublishRules): Promise<AutoPublishRules> {
    const normalized = {
      ...rules,
      flaggedWords: [...new Set(rules.flaggedWords.map((w) => w.trim().toLowerCase()))].filter(Boolean),
    };
    await this.#store.saveRules(normalized);
    return normalized;
  }

  async #existing(id: string): Promise<Review> {
    const review = await this.#store.get(id);
    if (!review) throw new NotFoundError(`No review ${id}.`);
    return review;
  }

  /**
   * Runs `write` with the product's aggregate read and moved by one review of `rating`, again while another
   * change of that aggregate wins (a changed review itself is a VersionConflictError, not retried).
   */
  async #withAggregate(
    productId: string,
    rating: number,
    delta: 1 | -1,
    write: (change: AggregateChange) => Promise<void>,
  ): Promise<void> {
    const deadline = Date.now() + AGGREGATE_DEADLINE_MS;
    for (let attempt = 1; ; attempt++) {
      const stored = await this.#store.aggregate(productId);
      try {
        await write(changeOf(stored, rating, delta));
        return;
      } catch (error) {
        if (!(error instanceof AggregateConflictError)) throw error;
        if (Date.now() >= deadline) throw new ContentionError();
        await backoff(attempt);
      }
    }
  }

  #submitted(review: Review, context: EventContext, now: Date): OutboxItem {
    return outboxItem(
      ReviewSubmitted,
      {
        reviewId: review.id,
        productId: review.productId,
        version: review.version,
        rating: review.rating,
        status: review.status === 'published' ? 'published' : 'pending',
        photos: review.photos.map((p) => p.id),
      },
      context,
      now,
    );
  }

  #eventOf(review: Review) {
    return {
      reviewId: review.id,
      productId: review.productId,
      rating: review.rating,
      verified: review.verified,
    };
  }

  #aggregated(change: AggregateChange, context: EventContext, now: Date): OutboxItem {
    return outboxItem(
      ReviewAggregated,
      {
        productId: change.productId,
        reviewCount: change.next.count,
        ratingAverage: average(change.next),
        histogram: [...change.next.histogram] as [number, number, number, number, number],
        aggregateVersion: change.readVersion + 1,
      },
      context,
      now,
    );
  }
}

function changeOf(
  stored: { productId: string; aggregate: Aggregate; version: number },
  rating: number,
  delta: 1 | -1,
): AggregateChange {
  return {
    productId: stored.productId,
    readVersion: stored.version,
    next: applyRating(stored.aggregate, rating, delta),
  };
}

/**
 * A short wait with full jitter before trying again: the other writers are on the same product, and one of
 * them wins each round, so rounds stay short rather than spread out.
 */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(60, 5 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
