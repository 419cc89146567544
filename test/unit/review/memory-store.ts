// The review store port in memory: eligibility by buyer and product, reviews by id, one "reviewed" marker per
// buyer and product, one versioned aggregate per product and the auto-publish rules. A write is refused
// where the DynamoDB transaction's conditions would refuse it (already reviewed, the review or the
// aggregate changed since it was read), all or nothing, and keeps its log entry and the events it carried.
// Every method yields to the event loop before it reads or writes, so concurrent use cases interleave
// between reading an aggregate and writing its change, as Lambdas on the same product do.
import { ConflictError, NotFoundError, VersionConflictError } from '@commerce/lambda-kit/errors';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { StoredPage } from '@commerce/lambda-kit/pagination';
import { EMPTY_AGGREGATE } from '../../../functions/review/domain/aggregate.ts';
import {
  AggregateConflictError,
  type AggregateChange,
  type Eligibility,
  type PublishedQuery,
  type ReviewStore,
  type StatusQuery,
  type StoredAggregate,
} from '../../../functions/review/domain/ports.ts';
import { buyerOf } from '../../../functions/review/reviews.ts';
import {
  DEFAULT_RULES,
  type AutoPublishRules,
  type ModerationEntry,
  type Review,
} from '../../../functions/review/domain/review.ts';

/** An event as the outbox relay will publish it. */
export interface Announced {
  readonly detailType: string;
  readonly detail: {
    readonly metadata: { readonly correlationId: string; readonly occurredAt: string };
    readonly data: Record<string, unknown>;
  };
}

/** A moderation log entry with the review it belongs to. */
export interface Logged {
  readonly reviewId: string;
  readonly entry: ModerationEntry;
}

const keyOf = (buyer: string, productId: string) => `${buyer}|${productId}`;

/** Lets every other pending call run before this one goes on. */
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class MemoryReviewStore implements ReviewStore {
  /** Eligibility by `buyer|productId`. */
  readonly eligible = new Map<string, Eligibility>();
  readonly reviews = new Map<string, Review>();
  /** `buyer|productId` of every review written. */
  readonly reviewed = new Set<string>();
  readonly aggregates = new Map<string, StoredAggregate>();
  readonly entries: Logged[] = [];
  readonly events: Announced[] = [];
  autoPublish: AutoPublishRules = DEFAULT_RULES;
  /** How many writes were refused because the aggregate had moved. */
  aggregateConflicts = 0;

  async eligibility(buyer: string, productId: string): Promise<Eligibility | undefined> {
    await yieldTurn();
    return this.eligible.get(keyOf(buyer, productId));
  }

  async addEligibility(items: readonly Eligibility[]): Promise<void> {
    await yieldTurn();
    for (const item of items) this.eligible.set(keyOf(item.buyer, item.productId), item);
  }

  async get(id: string): Promise<Review | undefined> {
    await yieldTurn();
    return this.reviews.get(id);
  }

  async aggregate(productId: string): Promise<StoredAggregate> {
    const stored = this.aggregates.get(productId) ?? { productId, aggregate: EMPTY_AGGREGATE, version: 0 };
    // Read now, returned later: another writer may move the aggregate in between.
    await yieldTurn();
    return stored;
  }

  async create(
    review: Review,
    buyer: string,
    entry: ModerationEntry | undefined,
    change: AggregateChange | undefined,
    events: readonly OutboxItem[],
  ): Promise<void> {
    await yieldTurn();
    if (this.reviewed.has(keyOf(buyer, review.productId))) {
      throw new ConflictError('You reviewed this product already.', 'already-reviewed');
    }
    if (this.reviews.has(review.id)) throw new ConflictError(`Review ${review.id} exists.`);
    this.#checkAggregate(change);
    this.reviewed.add(keyOf(buyer, review.productId));
    this.#commit(review, entry, change, events);
  }

  async save(
    previous: Review,
    next: Review,
    entry: ModerationEntry | undefined,
    change: AggregateChange | undefined,
    events: readonly OutboxItem[],
  ): Promise<void> {
    await yieldTurn();
    if (this.reviews.get(previous.id)?.version !== previous.version) throw new VersionConflictError();
    this.#checkAggregate(change);
    this.#commit(next, entry, change, events);
  }

  async byAuthor(customerId: string): Promise<readonly Review[]> {
    await yieldTurn();
    return [...this.reviews.values()].filter(
      (review) => review.author.kind === 'customer' && review.author.customerId === customerId,
    );
  }

  async reviewable(buyer: string): Promise<readonly (Eligibility & { readonly reviewId?: string })[]> {
    await yieldTurn();
    return [...this.eligible.values()]
      .filter((e) => e.buyer === buyer)
      .map((e) => {
        const review = [...this.reviews.values()].find(
          (r) => r.productId === e.productId && r.author.kind !== 'erased' && buyerOf(r.author) === buyer,
        );
        return review ? { ...e, reviewId: review.id } : e;
      });
  }

  async forgetBuyer(buyer: string): Promise<void> {
    await yieldTurn();
    for (const [k, e] of this.eligible) if (e.buyer === buyer) this.eligible.delete(k);
    for (const k of this.reviewed) if (k.startsWith(`${buyer}|`)) this.reviewed.delete(k);
  }

  async rules(): Promise<AutoPublishRules> {
    await yieldTurn();
    return this.autoPublish;
  }

  async saveRules(rules: AutoPublishRules): Promise<void> {
    await yieldTurn();
    this.autoPublish = rules;
  }

  async published(query: PublishedQuery): Promise<StoredPage<Review>> {
    await yieldTurn();
    const items = [...this.reviews.values()]
      .filter((r) => r.productId === query.productId && r.status === 'published')
      .filter((r) => query.rating === undefined || r.rating === query.rating)
      .sort((a, b) =>
        query.sort === 'helpful' && a.helpful !== b.helpful
          ? b.helpful - a.helpful
          : (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''),
      );
    return { items: items.slice(0, query.limit) };
  }

  async byStatus(query: StatusQuery): Promise<StoredPage<Review>> {
    await yieldTurn();
    const items = [...this.reviews.values()]
      .filter((r) => r.status === query.status && (!query.productId || r.productId === query.productId))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return { items: items.slice(0, query.limit) };
  }

  async log(id: string): Promise<readonly ModerationEntry[]> {
    await yieldTurn();
    return this.entries.filter((l) => l.reviewId === id).map((l) => l.entry);
  }

  readonly votes = new Set<string>();

  async voteHelpful(id: string, voter: string): Promise<{ helpful: number; counted: boolean }> {
    await yieldTurn();
    const review = this.reviews.get(id);
    if (!review || review.status !== 'published') throw new NotFoundError(`No published review ${id}.`);
    if (this.votes.has(`${id}|${voter}`)) return { helpful: review.helpful, counted: false };
    this.votes.add(`${id}|${voter}`);
    this.reviews.set(id, { ...review, helpful: review.helpful + 1 });
    return { helpful: review.helpful + 1, counted: true };
  }

  /** The published data of every event of one type, in the order they were committed. */
  dataOf(detailType: string): Record<string, unknown>[] {
    return this.events.filter((e) => e.detailType === detailType).map((e) => e.detail.data);
  }

  #checkAggregate(change: AggregateChange | undefined): void {
    if (!change) return;
    const version = this.aggregates.get(change.productId)?.version ?? 0;
    if (version !== change.readVersion) {
      this.aggregateConflicts++;
      throw new AggregateConflictError(change.productId);
    }
  }

  /** Applies a write whose conditions held (checked before: nothing here throws). */
  #commit(
    review: Review,
    entry: ModerationEntry | undefined,
    change: AggregateChange | undefined,
    events: readonly OutboxItem[],
  ): void {
    const announced = events.map((item) => ({
      detailType: item.detailType,
      detail: JSON.parse(item.detail) as Announced['detail'],
    }));
    this.reviews.set(review.id, review);
    if (entry) this.entries.push({ reviewId: review.id, entry });
    if (change) {
      this.aggregates.set(change.productId, {
        productId: change.productId,
        aggregate: change.next,
        version: change.readVersion + 1,
      });
    }
    this.events.push(...announced);
  }
}
