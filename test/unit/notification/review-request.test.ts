// Review links in notifications: the review request (review.requested, email only, once per event) and the
// delivery email's link, for a customer (their account's pages) and a guest (the signed page the review
// service's `invitation` gives a token for), over the in-memory ports. A failed invitation sends nothing and
// fails the message, so SQS retries it.
import { reviewInvitation } from '@commerce/contracts';
import { OrderDelivered, ReviewRequested } from '@commerce/events';
import { describe, expect, it } from 'vitest';
import type { EmailMessage, SmsMessage } from '../../../functions/notification/domain/notification.ts';
import type { OrderEvent } from '../../../functions/notification/domain/order-notification.ts';
import type { ReviewRequest } from '../../../functions/notification/domain/review-request.ts';
import { reviewLinks } from '../../../functions/notification/domain/storefront-links.ts';
import { Notifier } from '../../../functions/notification/notifier.ts';
import { notificationSubscriptions } from '../../../functions/notification/subscriptions.ts';
import { FakeInvitations, FakeSender, MemoryStore } from './memory-ports.ts';

const storefrontUrl = 'https://shop.example.com';
const event = { eventId: 'evt-7', occurredAt: '2026-03-09T08:00:00.000Z', correlationId: 'corr-7' };
const contact = {
  email: 'erika@example.com',
  name: 'Erika',
  locale: 'de',
  phone: '+491701234678',
  smsUpdates: true,
};
const request: ReviewRequest = {
  orderId: 'ord-1',
  number: 'CM-2026-000042',
  customerId: 'sub-1',
  contact,
  products: [
    { productId: 'prod-mug', title: 'Mug' },
    { productId: 'prod-tea', title: 'Tea' },
  ],
};
const delivered = (customerId: string | null): OrderEvent => ({
  detailType: 'order.delivered',
  data: { orderId: 'ord-1', number: 'CM-2026-000042', customerId, currency: 'EUR', contact },
});

function setup() {
  const store = new MemoryStore();
  const email = new FakeSender<EmailMessage>();
  const sms = new FakeSender<SmsMessage>();
  const invitations = new FakeInvitations();
  const logs: [string, Record<string, unknown>][] = [];
  const notifier = new Notifier({
    store,
    email,
    sms,
    invitations,
    shopName: 'Acme',
    storefrontUrl,
    now: () => new Date('2026-03-09T08:00:01.000Z'),
    log: (message, details) => logs.push([message, details]),
  });
  return { store, email, sms, invitations, notifier, logs };
}

describe('reviewLinks', () => {
  it("sends a customer to their account's reviews, and to the account to stop", () => {
    expect(reviewLinks(`${storefrontUrl}/`, { buyer: 'customer' })).toEqual({
      reviewUrl: 'https://shop.example.com/account/reviews',
      optOut: { page: 'account', url: 'https://shop.example.com/account' },
    });
  });

  it('sends a guest to the page of their token for both, the token kept to one path segment', () => {
    expect(reviewLinks(storefrontUrl, { buyer: 'guest', token: 'a.b/c' })).toEqual({
      reviewUrl: 'https://shop.example.com/review/a.b%2Fc',
      optOut: { page: 'review-page', url: 'https://shop.example.com/review/a.b%2Fc' },
    });
  });
});

describe('a review request', () => {
  it('emails a customer once, in their language, with their account links and no SMS', async () => {
    const { store, email, sms, invitations, notifier, logs } = setup();

    await notifier.notifyReviewRequest(request, event);
    await notifier.notifyReviewRequest(request, event);

    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]).toMatchObject({
      to: 'erika@example.com',
      subject: 'Wie gefällt Ihnen Ihre Bestellung CM-2026-000042?',
    });
    expect(email.sent[0]?.text).toContain('- Mug\n- Tea');
    expect(email.sent[0]?.text).toContain('Bewertung schreiben: https://shop.example.com/account/reviews');
    expect(email.sent[0]?.text).toContain('Ihr Kundenkonto: https://shop.example.com/account\n');
    expect(sms.sent).toEqual([]);
    expect(invitations.asked).toEqual([]);
    expect(
      [...store.records.values()].map((r) => [r.key, r.entry.kind, r.entry.status, r.customerId]),
    ).toEqual([['evt-7#email', 'review_request', 'sent', 'sub-1']]);
    expect(logs.filter(([message]) => message === 'Notification handled').map(([, d]) => d.outcomes)).toEqual(
      [
        { email: 'sent', sms: undefined },
        { email: 'duplicate', sms: undefined },
      ],
    );
    expect(logs).toContainEqual([
      'Channel not used',
      { eventId: 'evt-7', kind: 'review_request', channel: 'sms', reason: 'email-only' },
    ]);
  });

  it("emails a guest the link to their signed review page, asked for with the event's correlation id", async () => {
    const { store, email, invitations, notifier } = setup();

    await notifier.notifyReviewRequest({ ...request, customerId: null }, event);

    expect(invitations.asked).toEqual([{ orderId: 'ord-1', correlationId: 'corr-7' }]);
    expect(email.sent[0]?.text).toContain('Bewertung schreiben: https://shop.example.com/review/tok-ord-1');
    expect(email.sent[0]?.text).toContain('Ihre Bewertungsseite: https://shop.example.com/review/tok-ord-1');
    expect(email.sent[0]?.text).not.toContain('/account');
    expect(store.records.get('evt-7#email')?.customerId).toBeNull();
  });

  it('sends nothing and fails the message when the invitation fails; the retry sends it', async () => {
    const { store, email, invitations, notifier } = setup();
    invitations.failure = new Error('review.invitation did not answer: timed out');

    await expect(notifier.notifyReviewRequest({ ...request, customerId: null }, event)).rejects.toThrow(
      'did not answer',
    );
    expect([email.sent, [...store.records.keys()]]).toEqual([[], []]);

    invitations.failure = undefined;
    await notifier.notifyReviewRequest({ ...request, customerId: null }, event);
    expect(email.sent).toHaveLength(1);
  });
});

describe('the delivery email', () => {
  it('links a guest order to the signed review page', async () => {
    const { email, sms, invitations, notifier } = setup();

    await notifier.notifyOrder(delivered(null), event);

    expect(invitations.asked).toEqual([{ orderId: 'ord-1', correlationId: 'corr-7' }]);
    expect(email.sent[0]?.text).toContain(
      'Ihren Einkauf bewerten: https://shop.example.com/review/tok-ord-1',
    );
    expect(sms.sent).toHaveLength(1);
  });

  it("links a customer's order to their account's reviews without asking for a token", async () => {
    const { email, invitations, notifier } = setup();

    await notifier.notifyOrder(delivered('sub-1'), event);

    expect(invitations.asked).toEqual([]);
    expect(email.sent[0]?.text).toContain('Ihren Einkauf bewerten: https://shop.example.com/account/reviews');
  });

  it('is not sent on any channel while the invitation fails: the message is retried', async () => {
    const { store, email, sms, invitations, notifier } = setup();
    invitations.failure = new Error('review.invitation refused: 500');

    await expect(notifier.notifyOrder(delivered(null), event)).rejects.toThrow('refused');
    expect([email.sent, sms.sent, [...store.records.keys()]]).toEqual([[], [], []]);
  });

  it('asks for no token for the other order events', async () => {
    const { invitations, notifier } = setup();

    await notifier.notifyOrder(
      {
        detailType: 'order.cancelled',
        data: {
          ...delivered(null).data,
          reason: 'staff',
          previousStatus: 'paid',
          paymentStatus: 'captured',
          paymentId: 'pay-1',
          refundDue: 0,
          lines: [{ sku: 'MUG', quantity: 1 }],
        },
      },
      event,
    );

    expect(invitations.asked).toEqual([]);
  });
});

describe('the subscriptions', () => {
  it('take review.requested in a consumer of its own that may email and not text', () => {
    const requests = notificationSubscriptions['review-requests'];

    expect(requests.events).toEqual([ReviewRequested]);
    expect(requests.permissions).toEqual(['sendEmail']);
    expect(requests.invokes).toEqual([reviewInvitation]);
  });

  it('let the order events consumer ask for guest links for the delivery email', () => {
    const orders = notificationSubscriptions['order-events'];

    expect(orders.events).toContain(OrderDelivered);
    expect(orders.invokes).toEqual([reviewInvitation]);
  });
});
