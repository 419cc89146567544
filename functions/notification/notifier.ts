// Sends what `decide` chose for an order notification, each delivery at most once per event and channel:
// claim the dedupe key in the log (mayDeliver), send through the channel's provider, settle the entry.
// The store and the senders are ports (DynamoDB, SES and SNS in production; fakes in the unit tests).
import {
  decide,
  mayDeliver,
  settleDelivery,
  type Channel,
  type Delivery,
  type DeliveryLogEntry,
  type EmailMessage,
  type NotificationDecision,
  type SmsMessage,
} from './domain/notification.ts';
import type { OrderNotification } from './domain/order-notification.ts';
import type { NotificationKind } from './templates/models.ts';

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

export interface DeliveryStore {
  /** Writes the record under its key unless one exists; answers the existing record when one does. */
  claim(record: DeliveryRecord): Promise<{ claimed: true } | { claimed: false; existing: DeliveryRecord }>;
  /** Replaces `existing` with `record` if it is still unchanged; false when another attempt changed it first. */
  reclaim(record: DeliveryRecord, existing: DeliveryRecord): Promise<boolean>;
  /** Replaces the pending `claim` with its settled form; false when the claim is no longer there. */
  settle(settled: DeliveryRecord, claim: DeliveryRecord): Promise<boolean>;
}

/** What a provider answered: accepted, or refused for good (retrying would be refused again). */
export type SendResult =
  | { readonly outcome: 'sent'; readonly providerMessageId?: string }
  | { readonly outcome: 'refused'; readonly reason: string };

/** A channel's provider. Throws on a failure that may pass (throttling, outage): the event is retried. */
export interface MessageSender<M extends EmailMessage | SmsMessage> {
  send(message: M): Promise<SendResult>;
}

export interface NotifierDeps {
  readonly store: DeliveryStore;
  readonly email: MessageSender<EmailMessage>;
  readonly sms: MessageSender<SmsMessage>;
  readonly now?: () => Date;
  /** Operator log (never the customer's): skipped channels, suppressed duplicates, refusals. */
  readonly log?: (message: string, details: Record<string, unknown>) => void;
}

/** What happened to one channel of a notification. */
export type DeliveryOutcome = 'sent' | 'refused' | 'duplicate' | 'error';

export class Notifier {
  readonly #store: DeliveryStore;
  readonly #senders: { readonly email: MessageSender<EmailMessage>; readonly sms: MessageSender<SmsMessage> };
  readonly #now: () => Date;
  readonly #log: (message: string, details: Record<string, unknown>) => void;

  constructor(deps: NotifierDeps) {
    this.#store = deps.store;
    this.#senders = { email: deps.email, sms: deps.sms };
    this.#now = deps.now ?? (() => new Date());
    this.#log = deps.log ?? (() => undefined);
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
