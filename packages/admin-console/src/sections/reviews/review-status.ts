// A review's statuses, rejection reasons and auto-publish flags as the API names them, with the words the
// screens show for them. The reasons are the event catalog's; "rating" and "negative", which the API knows only
// to refuse, are never offered: a review is not rejected for its rating.
import type { components } from '@commerce/api-client';
import { REVIEW_REJECTION_REASONS } from '@commerce/events';

export type StaffReview = components['schemas']['StaffReview'];
export type ReviewStatus = StaffReview['status'];
export type Decision = components['schemas']['DecideReviewRequest'];

/** A product id as the API takes it in `productId` (GET /reviews). */
export const PRODUCT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const REVIEW_STATUSES: readonly ReviewStatus[] = ['pending', 'published', 'rejected'];

const STATUS_LABELS: Record<ReviewStatus, string> = {
  pending: 'Pending',
  published: 'Published',
  rejected: 'Rejected',
};

export function statusLabel(status: ReviewStatus): string {
  return STATUS_LABELS[status];
}

/** The reasons staff may give: the API's, less the two it only refuses. */
export type RejectionReason = Exclude<
  Extract<Decision, { decision: 'reject' }>['reason'],
  'rating' | 'negative'
>;

// Typed as the API's reasons: a reason the events know and the API does not fails the build here.
export const REJECTION_REASONS: readonly RejectionReason[] = REVIEW_REJECTION_REASONS;

const REASON_LABELS: Record<RejectionReason, string> = {
  'off-topic': 'Off-topic: not about the product',
  offensive: 'Offensive or abusive language',
  'personal-data': 'Personal data (names, addresses, contact details)',
  spam: 'Spam or advertising',
  'conflict-of-interest': 'Conflict of interest (staff, seller or competitor)',
  duplicate: 'Duplicate of another review',
  illegal: 'Illegal content',
};

/** A reason code as words; a code this console does not know is shown as it is. */
export function reasonLabel(reason: string): string {
  return REASON_LABELS[reason as RejectionReason] ?? reason;
}

/** What the auto-publish rules found, as words: "link", "flagged-word:cheap" → "Flagged word “cheap”". */
export function flagLabel(flag: string): string {
  if (flag.startsWith('flagged-word:')) return `Flagged word “${flag.slice('flagged-word:'.length)}”`;
  switch (flag) {
    case 'auto-publish-off':
      return 'Auto-publish off';
    case 'unverified':
      return 'Not a verified buyer';
    case 'link':
      return 'Link';
    case 'contact-data':
      return 'Contact data';
    default:
      return flag;
  }
}

/** "★★★★☆" for 4: drawn for the eye, with `starsText` for everyone. */
export function starGlyphs(rating: number): string {
  const full = Math.max(0, Math.min(5, Math.round(rating)));
  return '★'.repeat(full) + '☆'.repeat(5 - full);
}

export function starsText(rating: number): string {
  return `${rating} of 5 stars`;
}

/** The first words of a text, cut at a word near `max` characters. */
export function excerpt(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Who made a log entry or a reply: `auto` is the auto-publish rules. */
export function actorLabel(staffId: string): string {
  return staffId === 'auto' ? 'the auto-publish rules' : staffId;
}
