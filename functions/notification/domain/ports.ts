// What the notification service needs from outside: the delivery log (DynamoDB, adapter in ../store.ts),
// a provider per channel (SES and SNS, adapters in ../senders.ts) and the review service's guest links
// (internal `review.invitation`, adapter in ../invitations.ts); fakes of each in the unit tests.
import type { StartKey, StoredPage } from '@commerce/lambda-kit/pagination';
import type { DeliveryLogEntry, EmailMessage, SmsMessage } from './notification.ts';

/** One log entry as stored: the customer-facing entry, whose log it is and the order it is about. */
export interface DeliveryRecord {
  /** `dedupeKey(eventId, channel)`. */
  readonly key: string;
  readonly entry: DeliveryLogEntry;
  readonly orderId: string;
  readonly orderNumber: string;
  /** Null for a guest order: the entry is kept under the order and no customer can list it. */
  readonly customerId: string | null;
  /** When the event happened; orders a customer's log. */
  readonly occurredAt: string;
  /** Why a delivery failed (the provider's error name), for the operator; never shown to the customer. */
  readonly failure?: string;
}

/** The log's write side, as the notifier uses it: conditional writes that keep each delivery to one. */
export interface DeliveryStore {
  /** Writes the record under its key unless one exists; answers the existing record when one does. */
  claim(record: DeliveryRecord): Promise<{ claimed: true } | { claimed: false; existing: DeliveryRecord }>;
  /** Replaces `existing` with `record` if it is still unchanged; false when another attempt changed it first. */
  reclaim(record: DeliveryRecord, existing: DeliveryRecord): Promise<boolean>;
  /** Replaces the pending `claim` with its settled form; false when the claim is no longer there. */
  settle(settled: DeliveryRecord, claim: DeliveryRecord): Promise<boolean>;
}

/** A customer's log entry as GET /me/notifications lists it. */
export type ListedDelivery = DeliveryLogEntry & { readonly orderId: string; readonly orderNumber: string };

/** The log's read side: a customer's entries, newest event first. */
export interface DeliveryLogReader {
  listForCustomer(
    customerId: string,
    limit: number,
    startKey?: StartKey,
  ): Promise<StoredPage<ListedDelivery>>;
}

/** What a provider answered: accepted, or refused for good (retrying would be refused again). */
export type SendResult =
  | { readonly outcome: 'sent'; readonly providerMessageId?: string }
  | { readonly outcome: 'refused'; readonly reason: string };

/** A channel's provider. Throws on a failure that may pass (throttling, outage): the event is retried. */
export interface MessageSender<M extends EmailMessage | SmsMessage> {
  send(message: M): Promise<SendResult>;
}

/** The review service's signed links for guest buyers, who have no account to review from. */
export interface ReviewInvitations {
  /**
   * The token of a guest order's review page (`/review/<token>`). Throws when the review service refused or
   * did not answer: the message is retried rather than sent without its link.
   */
  tokenFor(orderId: string, correlationId: string): Promise<string>;
}
