// The notification service's use cases. The notifier tells the shopper what an order event or a review
// request asks for: it sends what `decide` chose, each delivery at most once per event and channel (claim
// the dedupe key in the log (mayDeliver), send through the channel's provider, settle the entry). The
// delivery log lists a customer's own entries. The store, the senders and the review service's guest links
// are ports (domain/ports.ts).
import { UnauthorizedError } from '@commerce/lambda-kit/errors';
import type { Principal } from '@commerce/lambda-kit/http';
import { paginate, type CursorCodec, type PageBody } from '@commerce/lambda-kit/pagination';
import {
  decide,
  mayDeliver,
  settleDelivery,
  type Channel,
  type Delivery,
  type EmailMessage,
  type NotificationDecision,
  type SmsMessage,
} from './domain/notification.ts';
import { orderNotification, type OrderEvent, type OrderNotification } from './domain/order-notification.ts';
import type {
  DeliveryLogReader,
  DeliveryRecord,
  DeliveryStore,
  ListedDelivery,
  MessageSender,
  ReviewInvitations,
  SendResult,
} from './domain/ports.ts';
import { reviewRequestNotification, type ReviewRequest } from './domain/review-request.ts';
import { reviewLinks, type ReviewAccess, type ReviewLinks } from './domain/storefront-links.ts';
import type { NotificationKind } from './templates/models.ts';

export interface NotifierDeps {
  readonly store: DeliveryStore;
  readonly email: MessageSender<EmailMessage>;
  readonly sms: MessageSender<SmsMessage>;
  /** The review service's signed links for guest buyers. */
  readonly invitations: ReviewInvitations;
  /** The shop's name as messages sign it. */
  readonly shopName: string;
  /** The storefront's base URL, which message links start with. */
  readonly storefrontUrl: string;
  readonly now?: () => Date;
  /** Operator log (never the customer's): skipped channels, suppressed duplicates, refusals. */
  readonly log?: (message: string, details: Record<string, unknown>) => void;
}

/** What happened to one channel of a notification. */
export type DeliveryOutcome = 'sent' | 'refused' | 'duplicate' | 'error';

/** The event being answered, as the consumer received it. */
export interface HandledEvent {
  readonly eventId: string;
  readonly occurredAt: string;
  /** Passed on to the review service when a guest's link is asked for. */
  readonly correlationId: string;
}

export class Notifier {
  readonly #store: DeliveryStore;
  readonly #senders: { readonly email: MessageSender<EmailMessage>; readonly sms: MessageSender<SmsMessage> };
  readonly #invitations: ReviewInvitations;
  readonly #shopName: string;
  readonly #storefrontUrl: string;
  readonly #now: () => Date;
  readonly #log: (message: string, details: Record<string, unknown>) => void;

  constructor(deps: NotifierDeps) {
    this.#store = deps.store;
    this.#senders = { email: deps.email, sms: deps.sms };
    this.#invitations = deps.invitations;
    this.#shopName = deps.shopName;
    this.#storefrontUrl = deps.storefrontUrl;
    this.#now = deps.now ?? (() => new Date());
    this.#log = deps.log ?? (() => undefined);
  }

  /**
   * Renders what the order event tells the shopper, if anything, and sends it once per channel. The delivery
   * email links to where the buyer reviews; a guest's link needs the review service's token, and without it
   * nothing is sent: the error is thrown and the event retried.
   */
  async notifyOrder(orderEvent: OrderEvent, event: HandledEvent): Promise<void> {
    const reviewUrl =
      orderEvent.detailType === 'order.delivered'
        ? (await this.#reviewLinks(orderEvent.data, event)).reviewUrl
        : undefined;
    const notification = orderNotification(orderEvent, {
      shopName: this.#shopName,
      ...(reviewUrl === undefined ? {} : { reviewUrl }),
    });
    if (notification === undefined) return;
    await this.#sendAndLog(notification, event);
  }

  /**
   * Asks the buyer of a delivered order to review its products, by email, once. A guest's link needs the
   * review service's token; without it nothing is sent: the error is thrown and the event retried.
   */
  async notifyReviewRequest(request: ReviewRequest, event: HandledEvent): Promise<void> {
    const links = await this.#reviewLinks(request, event);
    await this.#sendAndLog(reviewRequestNotification(request, { shopName: this.#shopName }, links), event);
  }

  /** A customer's review links, or a guest's with the token the review service signs for their order. */
  async #reviewLinks(
    order: { readonly orderId: string; readonly customerId: string | null },
    event: HandledEvent,
  ): Promise<ReviewLinks> {
    const access: ReviewAccess =
      order.customerId === null
        ? { buyer: 'guest', token: await this.#invitations.tokenFor(order.orderId, event.correlationId) }
        : { buyer: 'customer' };
    return reviewLinks(this.#storefrontUrl, access);
  }

  async #sendAndLog(notification: OrderNotification, event: HandledEvent): Promise<void> {
    const outcomes = await this.notify(notification, event);
    this.#log('Notification handled', { kind: notification.kind, orderId: notification.orderId, outcomes });
  }

  /**
   * Sends every delivery of the notification. Each channel is tried even when another failed; if a
   * provider failed in a way that may pass, the first such error is thrown afterwards so the event comes
   * back, and the channels already sent are then suppressed by their log entries.
   */
  async notify(
    notification: OrderNotification,
    event: { readonly eventId: string; readonly occurredAt: string },
  ): Promise<Record<Channel, DeliveryOutcome | undefined>> {
    const decision = decideFor(notification, event.eventId, this.#now().toISOString());
    for (const skipped of decision.skipped) {
      this.#log('Channel not used', { eventId: event.eventId, kind: decision.kind, ...skipped });
    }
    const outcomes: Record<Channel, DeliveryOutcome | undefined> = { email: undefined, sms: undefined };
    let retryable: Error | undefined;
    for (const delivery of decision.deliveries) {
      const record: DeliveryRecord = {
        key: delivery.dedupeKey,
        entry: delivery.log,
        orderId: notification.orderId,
        orderNumber: notification.orderNumber,
        customerId: notification.customerId,
        occurredAt: event.occurredAt,
      };
      try {
        outcomes[delivery.channel] = await this.#deliver(delivery, record);
      } catch (error) {
        outcomes[delivery.channel] = 'error';
        retryable ??= error instanceof Error ? error : new Error(String(error));
      }
    }
    if (retryable !== undefined) throw retryable;
    return outcomes;
  }

  async #deliver(delivery: Delivery, record: DeliveryRecord): Promise<DeliveryOutcome> {
    if (!(await this.#claim(record))) {
      this.#log('Duplicate delivery suppressed', { key: record.key });
      return 'duplicate';
    }
    let result: SendResult;
    try {
      result =
        delivery.message.channel === 'email'
          ? await this.#senders.email.send(delivery.message)
          : await this.#senders.sms.send(delivery.message);
    } catch (error) {
      // The attempt is over: mark it failed so the retry may claim the key again at once (a pending claim
      // would suppress it for the whole lease).
      await this.#settle(record, 'failed', errorName(error));
      throw error;
    }
    if (result.outcome === 'refused') {
      this.#log('Provider refused the message', { key: record.key, reason: result.reason });
      await this.#settle(record, 'failed', result.reason);
      return 'refused';
    }
    await this.#settle(record, 'sent');
    return 'sent';
  }

  /** Takes the dedupe key: a new entry, or one whose last attempt failed or whose claim ran out. */
  async #claim(record: DeliveryRecord): Promise<boolean> {
    const first = await this.#store.claim(record);
    if (first.claimed) return true;
    if (!mayDeliver(first.existing.entry, this.#now())) return false;
    return this.#store.reclaim(record, first.existing);
  }

  async #settle(claim: DeliveryRecord, status: 'sent' | 'failed', failure?: string): Promise<void> {
    const settled: DeliveryRecord = {
      ...claim,
      entry: settleDelivery(claim.entry, status, this.#now().toISOString()),
      ...(failure === undefined ? {} : { failure }),
    };
    if (!(await this.#store.settle(settled, claim))) {
      this.#log('Claim lost before settling; another attempt owns the entry', { key: claim.key, status });
    }
  }
}

function decideFor(notification: OrderNotification, eventId: string, at: string): NotificationDecision {
  return decide<NotificationKind>(notification.kind, notification.recipient, notification.model, {
    eventId,
    at,
  });
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

/** Who is calling, as the authorizer tells: a customer is a `user` principal. */
export type Caller = Pick<Principal, 'kind' | 'sub'>;

/** GET /me/notifications: the delivery log of the signed-in customer, and only theirs. */
export class DeliveryLog {
  readonly #reader: DeliveryLogReader;

  constructor(reader: DeliveryLogReader) {
    this.#reader = reader;
  }

  /**
   * The caller's entries, newest first. The customer is the token's subject, never a parameter, and the
   * cursor is bound to them, so one customer's cursor cannot page through another's log.
   */
  async forCaller(
    caller: Caller | undefined,
    query: { readonly limit: number; readonly cursor?: string | undefined },
    cursors: CursorCodec,
  ): Promise<PageBody<ListedDelivery>> {
    if (!caller || caller.kind !== 'user') throw new UnauthorizedError('Sign in as a customer.');
    const customerId = caller.sub;
    return paginate(cursors, `notifications:${customerId}`, query.cursor, (start) =>
      this.#reader.listForCustomer(customerId, query.limit, start),
    );
  }
}
