// Review requests: a delivered order's buyer is asked, some days later, to review what they have not reviewed
// yet. The delivery records the request and a one-time schedule (EventBridge Scheduler) for its due time;
// when it fires, review.requested goes out once (a conditional write closes the request with it), unless the
// buyer turned review requests off or has nothing left to review. Guests get the same through their signed
// link (invitations.ts); customers and guests may turn requests off.
import { ReviewRequested, type EventData } from '@commerce/events';
import { outboxItem, type OutboxItem } from '@commerce/lambda-kit/outbox';
import type { EventContext } from '@commerce/lambda-kit/publisher';

type Contact = EventData<typeof ReviewRequested>['contact'];

export interface ReviewRequest {
  /** The customer's id, or `guest:<order id>`. */
  readonly buyer: string;
  readonly orderId: string;
  readonly number: string;
  readonly customerId: string | null;
  readonly contact: Contact;
  readonly products: readonly { readonly productId: string; readonly title: string }[];
  readonly dueAt: string;
  readonly status: 'scheduled' | 'sent' | 'skipped';
}

export interface RequestStore {
  /** Records the request unless it exists (a redelivered order.delivered changes nothing). */
  recordRequest(request: ReviewRequest): Promise<void>;
  request(buyer: string, orderId: string): Promise<ReviewRequest | undefined>;
  /** Closes a scheduled request with its events; false when it was closed already. */
  closeRequest(
    buyer: string,
    orderId: string,
    status: 'sent' | 'skipped',
    events: readonly OutboxItem[],
  ): Promise<boolean>;
  /** The products the buyer reviewed. */
  reviewedProducts(buyer: string): Promise<ReadonlySet<string>>;
  requestEmails(buyer: string): Promise<boolean>;
  setRequestEmails(buyer: string, on: boolean): Promise<void>;
}

/** Writes the one-time schedule that invokes `requestDue` with `input` at `at`. */
export type ScheduleRequest = (
  name: string,
  at: Date,
  input: { buyer: string; orderId: string },
  description: string,
) => Promise<void>;

export type RequestOutcome = 'requested' | 'opted-out' | 'nothing-to-review' | 'done-already';

/** The schedule of an order's review request: one per order, named after it. */
export const requestScheduleName = (orderId: string): string => `review-request-${orderId}`;

export class ReviewRequests {
  readonly #store: RequestStore;
  readonly #schedule: ScheduleRequest;
  readonly #delaySeconds: number;
  readonly #now: () => Date;

  constructor(
    store: RequestStore,
    schedule: ScheduleRequest,
    delaySeconds: number,
    now: () => Date = () => new Date(),
  ) {
    this.#store = store;
    this.#schedule = schedule;
    this.#delaySeconds = delaySeconds;
    this.#now = now;
  }

  /** A delivered order with products to review: the request is recorded and its schedule written. */
  async schedule(order: {
    readonly orderId: string;
    readonly number: string;
    readonly customerId: string | null;
    readonly contact: Contact;
    readonly products: readonly { readonly productId: string; readonly title: string }[];
  }): Promise<void> {
    if (order.products.length === 0) return;
    const buyer = order.customerId ?? `guest:${order.orderId}`;
    const due = new Date(this.#now().getTime() + this.#delaySeconds * 1000);
    const existing = await this.#store.request(buyer, order.orderId);
    if (existing?.status !== undefined && existing.status !== 'scheduled') return;
    const dueAt = existing?.dueAt ?? due.toISOString();
    if (!existing) {
      await this.#store.recordRequest({
        buyer,
        orderId: order.orderId,
        number: order.number,
        customerId: order.customerId,
        contact: order.contact,
        products: [...new Map(order.products.map((p) => [p.productId, p])).values()],
        dueAt,
        status: 'scheduled',
      });
    }
    // Written again on a redelivery (same name, same time): a crash between the two writes leaves nothing out.
    await this.#schedule(
      requestScheduleName(order.orderId),
      new Date(dueAt),
      { buyer, orderId: order.orderId },
      `The review request of order ${order.number}`,
    );
  }

  /** The schedule fired: review.requested once, for the products not reviewed yet, unless opted out. */
  async due(buyer: string, orderId: string, context: EventContext): Promise<RequestOutcome> {
    const request = await this.#store.request(buyer, orderId);
    if (!request || request.status !== 'scheduled') return 'done-already';
    const [emails, reviewed] = await Promise.all([
      this.#store.requestEmails(buyer),
      this.#store.reviewedProducts(buyer),
    ]);
    if (!emails) {
      return (await this.#store.closeRequest(buyer, orderId, 'skipped', [])) ? 'opted-out' : 'done-already';
    }
    const products = request.products.filter((p) => !reviewed.has(p.productId));
    if (products.length === 0) {
      return (await this.#store.closeRequest(buyer, orderId, 'skipped', []))
        ? 'nothing-to-review'
        : 'done-already';
    }
    const event = outboxItem(
      ReviewRequested,
      {
        orderId,
        number: request.number,
        customerId: request.customerId,
        contact: request.contact,
        products: products.map((p) => ({ productId: p.productId, title: p.title })),
      },
      context,
      this.#now(),
    );
    return (await this.#store.closeRequest(buyer, orderId, 'sent', [event])) ? 'requested' : 'done-already';
  }

  requestEmails(buyer: string): Promise<boolean> {
    return this.#store.requestEmails(buyer);
  }

  async setRequestEmails(buyer: string, on: boolean): Promise<{ requestEmails: boolean }> {
    await this.#store.setRequestEmails(buyer, on);
    return { requestEmails: on };
  }
}
