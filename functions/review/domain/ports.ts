// What the review use cases need from the world: the table (eligibility from delivered orders, reviews with
// their moderation log, one aggregate per product, the auto-publish rules) and the media service (photos).
import type { ProcessedImage } from '@commerce/events';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { StartKey, StoredPage } from '@commerce/lambda-kit/pagination';
import type { Aggregate } from './aggregate.ts';
import type { AutoPublishRules, ModerationEntry, Review, ReviewStatus } from './review.ts';

/** A buyer may review a product: their order containing it was delivered. */
export interface Eligibility {
  /** The customer's id, or `guest:<order id>` for a guest buyer. */
  readonly buyer: string;
  readonly productId: string;
  readonly orderId: string;
  readonly deliveredAt: string;
}

/** A product's aggregate as stored, with the version every change raises. */
export interface StoredAggregate {
  readonly productId: string;
  readonly aggregate: Aggregate;
  /** 0 before the product's first published review. */
  readonly version: number;
}

/** The aggregate to write with a review change: conditional on the version read. */
export interface AggregateChange {
  readonly productId: string;
  readonly readVersion: number;
  readonly next: Aggregate;
}

/** Another change of the product's aggregate won: read it again and retry. */
export class AggregateConflictError extends Error {
  constructor(productId: string) {
    super(`The rating aggregate of product ${productId} changed meanwhile`);
  }
}

export interface ReviewStore {
  eligibility(buyer: string, productId: string): Promise<Eligibility | undefined>;
  /** Records what delivered orders let their buyers review (idempotent). */
  addEligibility(items: readonly Eligibility[]): Promise<void>;
  get(id: string): Promise<Review | undefined>;
  aggregate(productId: string): Promise<StoredAggregate>;
  /**
   * Stores a new review with its log entry (and, when it is published at once, the aggregate change) and its
   * events, in one transaction. ConflictError `already-reviewed` when the buyer reviewed the product already;
   * AggregateConflictError when the aggregate moved.
   */
  create(
    review: Review,
    buyer: string,
    entry: ModerationEntry | undefined,
    change: AggregateChange | undefined,
    events: readonly OutboxItem[],
  ): Promise<void>;
  /**
   * Replaces `previous` (at its version) by `next`, with the log entry, the aggregate change and the events,
   * in one transaction. VersionConflictError when the review changed; AggregateConflictError when the
   * aggregate did.
   */
  save(
    previous: Review,
    next: Review,
    entry: ModerationEntry | undefined,
    change: AggregateChange | undefined,
    events: readonly OutboxItem[],
  ): Promise<void>;
  /** Every review a customer wrote, newest first. */
  byAuthor(customerId: string): Promise<readonly Review[]>;
  /** What a buyer's delivered orders let them review, with their review where they wrote one. */
  reviewable(buyer: string): Promise<readonly (Eligibility & { readonly reviewId?: string })[]>;
  /** Removes what ties a buyer to products and orders (erasure), once their reviews are anonymized. */
  forgetBuyer(buyer: string): Promise<void>;
  rules(): Promise<AutoPublishRules>;
  saveRules(rules: AutoPublishRules): Promise<void>;
  /** A product's published reviews: newest first, or most helpful first; optionally of one rating. */
  published(query: PublishedQuery, start: StartKey | undefined): Promise<StoredPage<Review>>;
  /** Reviews of one status for staff, oldest first; optionally of one product. */
  byStatus(query: StatusQuery, start: StartKey | undefined): Promise<StoredPage<Review>>;
  /** The moderation log of a review, oldest first. */
  log(id: string): Promise<readonly ModerationEntry[]>;
  /**
   * Counts a customer's helpful vote on a published review once: the count after it, and whether this vote
   * counted (false when they had voted). NotFoundError when the review is not published.
   */
  voteHelpful(id: string, voter: string): Promise<{ helpful: number; counted: boolean }>;
}

export interface PublishedQuery {
  readonly productId: string;
  readonly sort: 'newest' | 'helpful';
  readonly rating?: number | undefined;
  readonly limit: number;
}

export interface StatusQuery {
  readonly status: ReviewStatus;
  readonly productId?: string | undefined;
  readonly limit: number;
}

/** The media service: a buyer's own review photos, checked ready (422 `media-not-usable` otherwise). */
export type PhotoResolver = (ids: readonly string[], ownerId: string) => Promise<readonly ProcessedImage[]>;
