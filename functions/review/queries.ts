// What the review routes read: a product's published reviews with its aggregate, the staff queue and one
// review with its log, a buyer's reviews and what they may review, and the auto-publish rules.
import { NotFoundError } from '@commerce/lambda-kit/errors';
import { paginate, type CursorCodec } from '@commerce/lambda-kit/pagination';
import type { PublishedQuery, ReviewStore, StatusQuery } from './domain/ports.ts';
import type { AutoPublishRules } from './domain/review.ts';
import { aggregateView, ownView, publicView, staffView } from './views.ts';

export class ReviewQueries {
  readonly #store: ReviewStore;

  constructor(store: ReviewStore) {
    this.#store = store;
  }

  /** A page of a product's published reviews and its aggregate (read in parallel). */
  async published(query: PublishedQuery, cursor: string | undefined, codec: CursorCodec) {
    const scope = `reviews:${query.productId}:${query.sort}:${query.rating ?? 'all'}`;
    const [page, stored] = await Promise.all([
      paginate(codec, scope, cursor, (start) => this.#store.published(query, start)),
      this.#store.aggregate(query.productId),
    ]);
    return { ...page, items: page.items.map(publicView), aggregate: aggregateView(stored.aggregate) };
  }

  async queue(query: StatusQuery, cursor: string | undefined, codec: CursorCodec) {
    const scope = `queue:${query.status}:${query.productId ?? 'all'}`;
    const page = await paginate(codec, scope, cursor, (start) => this.#store.byStatus(query, start));
    return { ...page, items: page.items.map((review) => staffView(review)) };
  }

  async staffReview(id: string) {
    const [review, log] = await Promise.all([this.#store.get(id), this.#store.log(id)]);
    if (!review) throw new NotFoundError(`No review ${id}.`);
    return staffView(review, log);
  }

  async mine(customerId: string) {
    return { items: (await this.#store.byAuthor(customerId)).map(ownView) };
  }

  async reviewable(customerId: string) {
    const items = await this.#store.reviewable(customerId);
    return {
      items: items.map((e) => ({
        productId: e.productId,
        orderId: e.orderId,
        deliveredAt: e.deliveredAt,
        ...(e.reviewId ? { reviewId: e.reviewId } : {}),
      })),
    };
  }

  async rules(): Promise<AutoPublishRules> {
    return this.#store.rules();
  }
}
