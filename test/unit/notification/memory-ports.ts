// The notification service's ports in memory: a delivery log that applies the DynamoDB adapter's conditional
// writes and lists a customer's entries, senders that accept (or refuse, or throttle) what they are given, and
// the review service's guest links, which sign a token per order or fail as a test sets.
import type { StartKey } from '@commerce/lambda-kit/pagination';
import type { EmailMessage, SmsMessage } from '../../../functions/notification/domain/notification.ts';
import type {
  DeliveryLogReader,
  DeliveryRecord,
  DeliveryStore,
  ListedDelivery,
  MessageSender,
  ReviewInvitations,
  SendResult,
} from '../../../functions/notification/domain/ports.ts';

/** The DynamoDB store's conditional writes and a customer's log, in memory. */
export class MemoryStore implements DeliveryStore, DeliveryLogReader {
  readonly records = new Map<string, DeliveryRecord>();

  listForCustomer(customerId: string, limit: number, startKey?: StartKey) {
    const all: ListedDelivery[] = [...this.records.values()]
      .filter((r) => r.customerId === customerId)
      .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.key.localeCompare(a.key))
      .map((r) => ({ ...r.entry, orderId: r.orderId, orderNumber: r.orderNumber }));
    const from = Number(startKey?.offset ?? 0);
    const items = all.slice(from, from + limit);
    const next = from + items.length;
    return Promise.resolve({ items, lastKey: next < all.length ? { offset: next } : undefined });
  }

  claim(record: DeliveryRecord) {
    const existing = this.records.get(record.key);
    if (existing) return Promise.resolve({ claimed: false as const, existing });
    this.records.set(record.key, record);
    return Promise.resolve({ claimed: true as const });
  }

  reclaim(record: DeliveryRecord, existing: DeliveryRecord) {
    return this.settle(record, existing);
  }

  settle(settled: DeliveryRecord, claim: DeliveryRecord) {
    const current = this.records.get(settled.key);
    if (current?.entry.status !== claim.entry.status || current.entry.at !== claim.entry.at) {
      return Promise.resolve(false);
    }
    this.records.set(settled.key, settled);
    return Promise.resolve(true);
  }
}

export class FakeSender<M extends EmailMessage | SmsMessage> implements MessageSender<M> {
  readonly sent: M[] = [];
  readonly #answer: (m: M) => SendResult;
  constructor(answer: (m: M) => SendResult = () => ({ outcome: 'sent' })) {
    this.#answer = answer;
  }
  send(message: M): Promise<SendResult> {
    const result = this.#answer(message);
    if (result.outcome === 'sent') this.sent.push(message);
    return Promise.resolve(result);
  }
}

export class ThrottledSender<M extends EmailMessage | SmsMessage> implements MessageSender<M> {
  calls = 0;
  send(): Promise<SendResult> {
    this.calls += 1;
    return Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
  }
}

/** The review service's `invitation`: a token per order (`tok-<orderId>`), or the error a test sets. */
export class FakeInvitations implements ReviewInvitations {
  readonly asked: { orderId: string; correlationId: string }[] = [];
  failure: Error | undefined;

  tokenFor(orderId: string, correlationId: string): Promise<string> {
    this.asked.push({ orderId, correlationId });
    if (this.failure) return Promise.reject(this.failure);
    return Promise.resolve(`tok-${orderId}`);
  }
}
