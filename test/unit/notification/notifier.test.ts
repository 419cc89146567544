import { UnauthorizedError, ValidationError } from '@commerce/lambda-kit/errors';
import { cursorCodec } from '@commerce/lambda-kit/pagination';
import { describe, expect, it } from 'vitest';
import {
  PENDING_LEASE_MS,
  type EmailMessage,
  type SmsMessage,
} from '../../../functions/notification/domain/notification.ts';
import type {
  OrderEvent,
  OrderNotification,
} from '../../../functions/notification/domain/order-notification.ts';
import type { DeliveryRecord, MessageSender } from '../../../functions/notification/domain/ports.ts';
import { DeliveryLog, Notifier } from '../../../functions/notification/notifier.ts';
import { permanentRefusal } from '../../../functions/notification/senders.ts';
import { FakeInvitations, FakeSender, MemoryStore, ThrottledSender } from './memory-ports.ts';

const notification: OrderNotification = {
  kind: 'order_paid',
  model: {
    shopName: 'Acme',
    customerName: 'Erika',
    orderNumber: '1042',
    total: { amount: 2890, currency: 'EUR' },
  },
  recipient: { email: 'erika@example.com', phone: '+491701234678', locale: 'en', transactionalSms: true },
  orderId: 'ord-1',
  orderNumber: '1042',
  customerId: 'sub-1',
};
const event = { eventId: 'evt-1', occurredAt: '2026-03-02T12:00:00.000Z', correlationId: 'corr-1' };
const storefrontUrl = 'https://shop.example.com';

function setup(options: { email?: MessageSender<EmailMessage>; sms?: MessageSender<SmsMessage> } = {}) {
  const store = new MemoryStore();
  const email = new FakeSender<EmailMessage>();
  const sms = new FakeSender<SmsMessage>();
  let now = new Date('2026-03-02T12:00:01.000Z');
  const logs: [string, Record<string, unknown>][] = [];
  const notifier = new Notifier({
    store,
    email: options.email ?? email,
    sms: options.sms ?? sms,
    invitations: new FakeInvitations(),
    shopName: 'Acme',
    storefrontUrl,
    now: () => now,
    log: (message, details) => logs.push([message, details]),
  });
  return {
    store,
    email,
    sms,
    notifier,
    logs,
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

describe('Notifier', () => {
  it('sends email and SMS and logs both as sent, masked', async () => {
    const { store, email, sms, notifier } = setup();

    const outcomes = await notifier.notify(notification, event);

    expect(outcomes).toEqual({ email: 'sent', sms: 'sent' });
    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]).toMatchObject({
      to: 'erika@example.com',
      subject: 'Payment received for order 1042',
    });
    expect(sms.sent[0]?.to).toBe('+491701234678');
    expect([...store.records.values()].map((r) => [r.key, r.entry.status, r.entry.to, r.customerId])).toEqual(
      [
        ['evt-1#email', 'sent', 'e***@example.com', 'sub-1'],
        ['evt-1#sms', 'sent', '+49*******678', 'sub-1'],
      ],
    );
  });

  it('sends nothing twice for the same event id', async () => {
    const { email, sms, notifier } = setup();

    await notifier.notify(notification, event);
    const again = await notifier.notify(notification, event);

    expect(again).toEqual({ email: 'duplicate', sms: 'duplicate' });
    expect(email.sent).toHaveLength(1);
    expect(sms.sent).toHaveLength(1);
  });

  it('sends no SMS without the opt-in', async () => {
    const { store, sms, notifier } = setup();

    await notifier.notify(
      { ...notification, recipient: { ...notification.recipient, transactionalSms: false } },
      event,
    );

    expect(sms.sent).toEqual([]);
    expect([...store.records.keys()]).toEqual(['evt-1#email']);
  });

  it('logs a permanent refusal as failed without retrying the event', async () => {
    const refusing = new FakeSender<EmailMessage>(() => ({ outcome: 'refused', reason: 'MessageRejected' }));
    const { store, notifier } = setup({ email: refusing });

    const outcomes = await notifier.notify(notification, event);

    expect(outcomes.email).toBe('refused');
    expect(store.records.get('evt-1#email')).toMatchObject({
      entry: { status: 'failed' },
      failure: 'MessageRejected',
    });
  });

  it('throws on a passing failure after trying every channel, and the retry sends only what is missing', async () => {
    const throttled = new ThrottledSender<SmsMessage>();
    const first = setup({ sms: throttled });

    await expect(first.notifier.notify(notification, event)).rejects.toThrow('Rate exceeded');
    expect(first.email.sent).toHaveLength(1);
    expect(first.store.records.get('evt-1#sms')?.entry.status).toBe('failed');

    // The event comes back (SQS retry) to a working provider.
    const sms = new FakeSender<SmsMessage>();
    const retry = new Notifier({
      store: first.store,
      email: first.email,
      sms,
      invitations: new FakeInvitations(),
      shopName: 'Acme',
      storefrontUrl,
    });
    const outcomes = await retry.notify(notification, event);

    expect(outcomes).toEqual({ email: 'duplicate', sms: 'sent' });
    expect(first.email.sent).toHaveLength(1);
    expect(sms.sent).toHaveLength(1);
    expect(first.store.records.get('evt-1#sms')?.entry.status).toBe('sent');
  });

  it('suppresses a pending claim until its lease runs out, then takes it over', async () => {
    const { store, email, notifier, advance } = setup();
    const pending: DeliveryRecord = {
      key: 'evt-1#email',
      entry: {
        eventId: 'evt-1',
        kind: 'order_paid',
        channel: 'email',
        to: 'e***@example.com',
        status: 'pending',
        at: '2026-03-02T12:00:00.000Z',
      },
      orderId: 'ord-1',
      orderNumber: '1042',
      customerId: 'sub-1',
      occurredAt: event.occurredAt,
    };
    store.records.set(pending.key, pending);
    const emailOnly = { ...notification, recipient: { email: 'erika@example.com' } };

    expect((await notifier.notify(emailOnly, event)).email).toBe('duplicate');
    advance(PENDING_LEASE_MS);
    expect((await notifier.notify(emailOnly, event)).email).toBe('sent');
    expect(email.sent).toHaveLength(1);
  });

  it('keeps a guest order under the order, with no customer', async () => {
    const { store, notifier } = setup();

    await notifier.notify({ ...notification, customerId: null }, event);

    expect(store.records.get('evt-1#email')?.customerId).toBeNull();
  });
});

describe('an order event', () => {
  const contact = {
    email: 'erika@example.com',
    name: 'Erika',
    locale: 'en',
    phone: '+491701234678',
    smsUpdates: true,
  };
  const ref = { orderId: 'ord-1', number: '1042', customerId: 'sub-1', currency: 'EUR', contact };
  const paid: OrderEvent = {
    detailType: 'order.paid',
    data: {
      ...ref,
      paymentId: 'pay-1',
      capturedAmount: 2890,
      lines: [{ sku: 'MUG', quantity: 2 }],
      shipTo: { name: 'Erika', line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
      shippingMethod: 'standard',
      totalWeightGrams: 800,
    },
  };

  it('is rendered for its contact, sent once per channel, and the outcome logged', async () => {
    const { email, sms, notifier, logs } = setup();

    await notifier.notifyOrder(paid, event);
    await notifier.notifyOrder(paid, event);

    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]).toMatchObject({
      to: 'erika@example.com',
      subject: 'Payment received for order 1042',
    });
    expect(sms.sent).toHaveLength(1);
    expect(logs.filter(([message]) => message === 'Notification handled')).toEqual([
      [
        'Notification handled',
        { kind: 'order_paid', orderId: 'ord-1', outcomes: { email: 'sent', sms: 'sent' } },
      ],
      [
        'Notification handled',
        { kind: 'order_paid', orderId: 'ord-1', outcomes: { email: 'duplicate', sms: 'duplicate' } },
      ],
    ]);
  });

  it('sends nothing for order.shipped (the label already told the shopper)', async () => {
    const { store, email, sms, notifier, logs } = setup();
    const shipped: OrderEvent = {
      detailType: 'order.shipped',
      data: {
        ...ref,
        shipment: { shipmentId: 'shp-1', carrier: 'sandbox', trackingNumber: 'SBX42' },
      },
    };

    await notifier.notifyOrder(shipped, event);

    expect([email.sent, sms.sent, [...store.records.values()], logs]).toEqual([[], [], [], []]);
  });
});

describe('the delivery log', () => {
  const customer = { kind: 'user' as const, sub: 'sub-1' };
  const cursors = cursorCodec('a signing key of at least 32 bytes!');

  it("lists the caller's own entries page by page, with a cursor no one else can use", async () => {
    const { store, notifier } = setup();
    await notifier.notify(notification, event);
    await notifier.notify({ ...notification, customerId: 'sub-2' }, { ...event, eventId: 'evt-2' });
    const log = new DeliveryLog(store);

    const first = await log.forCaller(customer, { limit: 1 }, cursors);
    const second = await log.forCaller(customer, { limit: 1, cursor: first.nextCursor }, cursors);

    expect([...first.items, ...second.items].map((e) => [e.eventId, e.channel, e.orderNumber])).toEqual([
      ['evt-1', 'sms', '1042'],
      ['evt-1', 'email', '1042'],
    ]);
    expect(second.nextCursor).toBeUndefined();
    await expect(
      log.forCaller({ ...customer, sub: 'sub-2' }, { limit: 1, cursor: first.nextCursor }, cursors),
    ).rejects.toThrow(ValidationError);
  });

  it('is only for a signed-in customer', async () => {
    const log = new DeliveryLog(new MemoryStore());
    await expect(log.forCaller(undefined, { limit: 10 }, cursors)).rejects.toThrow(UnauthorizedError);
    await expect(log.forCaller({ kind: 'client', sub: 'partner' }, { limit: 10 }, cursors)).rejects.toThrow(
      UnauthorizedError,
    );
  });
});

describe('permanentRefusal', () => {
  const error = (name: string, message = 'refused') => Object.assign(new Error(message), { name });

  it('takes SES content and request refusals as permanent', () => {
    expect(permanentRefusal('email', error('MessageRejected', 'Message contains a virus'))).toBe(
      'MessageRejected',
    );
    expect(permanentRefusal('email', error('BadRequestException'))).toBe('BadRequestException');
  });

  it('retries an unverified sender, throttling and outages', () => {
    expect(
      permanentRefusal('email', error('MessageRejected', 'Email address is not verified.')),
    ).toBeUndefined();
    expect(permanentRefusal('email', error('TooManyRequestsException'))).toBeUndefined();
    expect(permanentRefusal('email', error('SendingPausedException'))).toBeUndefined();
    expect(permanentRefusal('sms', error('ThrottledException'))).toBeUndefined();
    expect(permanentRefusal('sms', new TypeError('fetch failed'))).toBeUndefined();
  });

  it('takes an invalid phone number as permanent', () => {
    expect(permanentRefusal('sms', error('InvalidParameterException'))).toBe('InvalidParameterException');
  });
});
