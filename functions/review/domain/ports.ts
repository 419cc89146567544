// What the review use cases need from the world: the table (eligibility from delivered orders, reviews with
// their moderation log, one aggregate per product, the auto-publish rules) and the media service (photos).
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { Aggregate } from './aggregate.ts';
import type { AutoPublishRules, ModerationEntry, Review } from './review.ts';

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
  /** Every review a customer wrote. */
  byAuthor(customerId: string): Promise<readonly Review[]>;
  rules(): Promise<AutoPublishRules>;
}

/** The media service: a buyer's own review photos, checked ready (422 otherwise). */
export type PhotoResolver = (ids: readonly string[], ownerId: string) => Promise<void>;
