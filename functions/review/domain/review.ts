// Review rules, without AWS: who may write one (a buyer whose order with the product was delivered, once per
// product), what a review holds, moderation (pending → published | rejected with a reason code, never for
// its rating; every decision logged with the staff member), the staff reply, the rules that publish a review
// without a person, and the anonymization that erasure leaves (the rating stays, the author goes).
import { REVIEW_REJECTION_REASONS, type ProcessedImage } from '@commerce/events';
import { RuleViolationError } from '@commerce/lambda-kit/errors';

export type ReviewStatus = 'pending' | 'published' | 'rejected';

/** Why staff reject (or take down) a review (the event catalog's list). What it rates is never one. */
export const REJECTION_REASONS = REVIEW_REJECTION_REASONS;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/**
 * Reasons the API recognizes only to refuse them: a review is never rejected or hidden for its rating or for
 * being negative (consumer-protection rules in the EU and the US say the same).
 */
export const RATING_REASONS = ['rating', 'negative'] as const;

export const MAX_PHOTOS = 4;

/** Who wrote it: a customer (by their id) or a guest buyer (by the order that made them one). */
export type Author =
  | { readonly kind: 'customer'; readonly customerId: string; readonly name: string }
  | { readonly kind: 'guest'; readonly orderId: string; readonly name: string }
  | { readonly kind: 'erased' };

export interface ModerationEntry {
  readonly at: string;
  /** The staff member's id, or `auto` for the auto-publish rules. */
  readonly staffId: string;
  /** `held`: the auto-publish rules left it to a person (see `flags`). */
  readonly decision: 'published' | 'rejected' | 'held';
  readonly reason?: RejectionReason;
  readonly note?: string;
  /** What the auto-publish rules found, when they decided (or why they left it to a person). */
  readonly flags?: readonly string[];
}

export interface Review {
  readonly id: string;
  readonly productId: string;
  readonly author: Author;
  /** The delivered order that made the author a verified buyer of the product (gone once erased). */
  readonly orderId?: string;
  readonly verified: boolean;
  readonly rating: 1 | 2 | 3 | 4 | 5;
  readonly title: string;
  readonly body: string;
  readonly locale: string;
  /** The author's photos, as the media service resolved them when the review was written. */
  readonly photos: readonly ProcessedImage[];
  /** What the auto-publish rules found when it was written (why it waited for a person); empty if nothing. */
  readonly flags: readonly string[];
  readonly status: ReviewStatus;
  readonly rejection?: { readonly reason: RejectionReason; readonly note?: string };
  readonly reply?: { readonly body: string; readonly staffId: string; readonly at: string };
  readonly helpful: number;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When it was last published (the public list's "newest" order). */
  readonly publishedAt?: string;
}

export interface AutoPublishRules {
  /** Publish without a person when every rule below holds; false: every review waits for staff. */
  readonly enabled: boolean;
  readonly verifiedOnly: boolean;
  readonly noLinks: boolean;
  readonly noContactData: boolean;
  /** Words (case-insensitive, whole words) that send a review to a person. */
  readonly flaggedWords: readonly string[];
}

export const DEFAULT_RULES: AutoPublishRules = {
  enabled: true,
  verifiedOnly: true,
  noLinks: true,
  noContactData: true,
  flaggedWords: [],
};

const LINK = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|net|org|io|shop|store|de|uk|fr|info|biz)\b/i;
const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
/** Seven or more digits, spaces, dots, dashes or brackets in a row: a phone number. */
const PHONE = /(?:\+?\d[\d\s().-]{5,}\d)/;

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What the rules find in a review: empty means it may be published without a person. */
export function screen(
  review: Pick<Review, 'title' | 'body' | 'verified'>,
  rules: AutoPublishRules,
): string[] {
  const text = `${review.title}\n${review.body}`;
  const flags: string[] = [];
  if (!rules.enabled) flags.push('auto-publish-off');
  if (rules.verifiedOnly && !review.verified) flags.push('unverified');
  if (rules.noLinks && LINK.test(text)) flags.push('link');
  if (rules.noContactData && (EMAIL.test(text) || PHONE.test(text))) flags.push('contact-data');
  for (const word of rules.flaggedWords) {
    if (new RegExp(`(?:^|[^\\p{L}\\p{N}])${escape(word)}(?:$|[^\\p{L}\\p{N}])`, 'iu').test(text)) {
      flags.push(`flagged-word:${word.toLowerCase()}`);
    }
  }
  return flags;
}

/** A decision staff make on a review. */
export type Decision =
  | { readonly decision: 'publish'; readonly note?: string | undefined }
  | { readonly decision: 'reject'; readonly reason: string; readonly note?: string | undefined };

/**
 * The review after a staff decision, and the log entry. Rejecting for the rating (or for being negative) is
 * refused; so is a reason no one defined. Publishing a published review, or rejecting a rejected one for the
 * same reason, changes nothing (undefined).
 */
export function moderate(
  review: Review,
  decision: Decision,
  staffId: string,
  now: Date,
): { review: Review; entry: ModerationEntry } | undefined {
  const at = now.toISOString();
  if (decision.decision === 'publish') {
    if (review.status === 'published') return undefined;
    const { rejection: _rejection, ...rest } = review;
    return {
      review: { ...rest, status: 'published', publishedAt: at, updatedAt: at, version: review.version + 1 },
      entry: { at, staffId, decision: 'published', ...(decision.note ? { note: decision.note } : {}) },
    };
  }
  if ((RATING_REASONS as readonly string[]).includes(decision.reason)) {
    throw new RuleViolationError(
      [
        {
          in: 'body',
          pointer: '/reason',
          detail: 'A review is never rejected or hidden for its rating or for being negative.',
        },
      ],
      'A review may not be rejected for its rating.',
    );
  }
  if (!(REJECTION_REASONS as readonly string[]).includes(decision.reason)) {
    throw new RuleViolationError([
      { in: 'body', pointer: '/reason', detail: `One of: ${REJECTION_REASONS.join(', ')}.` },
    ]);
  }
  const reason = decision.reason as RejectionReason;
  if (review.status === 'rejected' && review.rejection?.reason === reason) return undefined;
  return {
    review: {
      ...review,
      status: 'rejected',
      rejection: { reason, ...(decision.note ? { note: decision.note } : {}) },
      updatedAt: at,
      version: review.version + 1,
    },
    entry: { at, staffId, decision: 'rejected', reason, ...(decision.note ? { note: decision.note } : {}) },
  };
}

/**
 * The review with its author erased: no name, no customer or order link, no photos (they may show the
 * person); its rating, title and text stay, and so does its place in the aggregate.
 */
export function anonymize(review: Review, now: Date): Review {
  const { orderId: _orderId, ...rest } = review;
  return {
    ...rest,
    author: { kind: 'erased' },
    photos: [],
    updatedAt: now.toISOString(),
    version: review.version + 1,
  };
}

/** The public name of an author: "Anna S." from "Anna Schmidt"; "A former customer" once erased. */
export function displayName(author: Author): string {
  if (author.kind === 'erased') return 'A former customer';
  const [first, ...rest] = author.name.trim().split(/\s+/);
  const last = rest.at(-1);
  return last ? `${first} ${last.charAt(0).toUpperCase()}.` : first || 'A customer';
}
