// The notification service end to end on the local cloud: real order.* events put on the bus, the mail they
// send read back from the emulator's SES outbox and the SMS from its SNS record, and the delivery log through
// GET /me/notifications (typed client). Each test uses its own customer, order number and phone number.
import { OrderCancelled, OrderFulfilmentStarted, OrderPaid } from '@commerce/events';
import { EMULATOR_ENDPOINT } from '@commerce/local-cloud';
import { randomInt, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../infra/config/stages.ts';
import { api, bearer, client, eventually, publishEvent, signUp, tokenClaims } from './support.ts';

const { sender } = loadStageConfig('local').notifications;

interface SentMail {
  Source: string;
  To: string[];
  Subject: string;
  BodyText: string;
  BodyHtml: string | null;
}
interface SentSms {
  PhoneNumber: string;
  Message: string;
  MessageAttributes?: Record<string, { StringValue?: string }>;
}

/** Every mail from the shop's sender to `to`, from the emulator's SES outbox. */
async function mailsTo(to: string): Promise<SentMail[]> {
  const res = await fetch(`${EMULATOR_ENDPOINT}/_ministack/ses/messages`);
  const body = (await res.json()) as { messages: Record<string, SentMail[]> };
  return Object.values(body.messages)
    .flat()
    .filter((m) => m.Source === sender && m.To.includes(to));
}

/** Every SMS published to `phone`, from the emulator's SNS record of direct publishes. */
async function smsTo(phone: string): Promise<SentSms[]> {
  const res = await fetch(
    `${EMULATOR_ENDPOINT}/_ministack/sns/sms-messages?phoneNumber=${encodeURIComponent(phone)}`,
  );
  const body = (await res.json()) as { sms_messages: Record<string, SentSms[]> };
  return body.sms_messages[phone] ?? [];
}

const mailArrives = (to: string, subject: string) =>
  eventually(
    async () => (await mailsTo(to)).find((m) => m.Subject === subject),
    45_000,
    `the mail "${subject}" to ${to}`,
  );

/** A German mobile number no other test uses. */
const uniquePhone = () => `+49170${String(randomInt(10_000_000, 99_999_999))}`;

interface Shopper {
  email: string;
  token: string;
  sub: string;
}

async function shopper(): Promise<Shopper> {
  const { email, token } = await signUp();
  return { email, token, sub: tokenClaims(token).sub };
}

const orderRef = (
  customer: { email: string; sub: string | null },
  contact: { locale?: string; phone?: string; smsUpdates: boolean },
) => ({
  orderId: randomUUID(),
  number: `CM-2026-${String(randomInt(100_000, 999_999))}`,
  customerId: customer.sub,
  currency: 'EUR',
  contact: { email: customer.email, name: 'Erika Mustermann', ...contact },
});
type OrderRef = ReturnType<typeof orderRef>;

const paid = (ref: OrderRef) => ({
  ...ref,
  paymentId: randomUUID(),
  capturedAmount: 3489,
  lines: [{ sku: 'MUG-1', quantity: 2 }],
  shipTo: {
    name: 'Erika Mustermann',
    line1: 'Hauptstr. 1',
    city: 'Berlin',
    postalCode: '10115',
    country: 'DE',
  },
  shippingMethod: 'standard',
  totalWeightGrams: 900,
});

const myLog = async (token: string) => {
  const { data, response } = await client(token).GET('/me/notifications', {
    params: { query: { limit: 50 } },
  });
  if (!data) throw new Error(`GET /me/notifications answered ${response.status}`);
  return data.items;
};

const logEntries = (token: string, eventId: string, count: number) =>
  eventually(
    async () => {
      const mine = (await myLog(token)).filter((e) => e.eventId === eventId);
      return mine.length >= count && mine.every((e) => e.status !== 'pending') ? mine : undefined;
    },
    45_000,
    `${count} settled log entries for ${eventId}`,
  );

let a: Shopper;
let b: Shopper;

beforeAll(async () => {
  // The sender's identity comes with the Data stack; the emulator verifies it at once.
  [a, b] = await Promise.all([shopper(), shopper()]);
});

describe('order notifications', () => {
  it('confirm a paid order by email (HTML and text) and by SMS to an opted-in contact, and log both', async () => {
    const phone = uniquePhone();
    const ref = orderRef(a, { locale: 'en', phone, smsUpdates: true });

    const eventId = await publishEvent(OrderPaid, paid(ref));

    const mail = await mailArrives(a.email, `Payment received for order ${ref.number}`);
    expect(mail.BodyText).toContain('Hello Erika Mustermann,');
    expect(mail.BodyText).toContain('we received your payment of €34.89');
    expect(mail.BodyHtml).toMatch(/^<!doctype html>\n<html lang="en">/);
    const sms = await eventually(async () => (await smsTo(phone))[0], 45_000, `an SMS to ${phone}`);
    expect(sms.Message).toContain(ref.number);
    expect(sms.MessageAttributes?.['AWS.SNS.SMS.SMSType']?.StringValue).toBe('Transactional');

    const log = await logEntries(a.token, eventId, 2);
    const masked = `${a.email.charAt(0)}***@example.com`;
    expect(log.map((e) => [e.kind, e.channel, e.status, e.to, e.orderNumber]).sort()).toEqual([
      ['order_paid', 'email', 'sent', masked, ref.number],
      ['order_paid', 'sms', 'sent', `+49${'*'.repeat(8)}${phone.slice(-3)}`, ref.number],
    ]);
    expect(JSON.stringify(log)).not.toContain('Erika');
  });

  it('write in the contact’s language and send no SMS without the opt-in', async () => {
    const phone = uniquePhone();
    const ref = orderRef(a, { locale: 'de-DE', phone, smsUpdates: false });

    const eventId = await publishEvent(OrderPaid, paid(ref));

    const mail = await mailArrives(a.email, `Zahlung für Bestellung ${ref.number} erhalten`);
    expect(mail.BodyText).toContain('Hallo Erika Mustermann,');
    expect(mail.BodyText).toContain('wir haben Ihre Zahlung über 34,89\u00a0€');
    expect(mail.BodyHtml).toContain('<html lang="de">');
    const log = await logEntries(a.token, eventId, 1);
    expect(log.map((e) => e.channel)).toEqual(['email']);
    expect(await smsTo(phone)).toEqual([]);
  });

  it('send one mail for an event delivered twice', async () => {
    const ref = orderRef(a, { smsUpdates: false });
    const data = {
      ...ref,
      shipment: {
        shipmentId: randomUUID(),
        carrier: 'sandbox',
        trackingNumber: `SBX${String(randomInt(100_000, 999_999))}`,
        trackingUrl: 'https://track.example.com/parcel',
      },
    };
    const eventId = randomUUID();

    await publishEvent(OrderFulfilmentStarted, data, { id: eventId });
    await publishEvent(OrderFulfilmentStarted, data, { id: eventId });

    const subject = `Order ${ref.number} has shipped`;
    const mail = await mailArrives(a.email, subject);
    expect(mail.BodyText).toContain(`Tracking number: ${data.shipment.trackingNumber}`);
    await logEntries(a.token, eventId, 1);
    // Time for the second copy to be consumed, had it not been suppressed.
    await new Promise((r) => setTimeout(r, 8_000));
    expect((await mailsTo(a.email)).filter((m) => m.Subject === subject)).toHaveLength(1);
    expect((await myLog(a.token)).filter((e) => e.eventId === eventId)).toHaveLength(1);
  });

  it('tell of a failed payment once, not of the cancellation that follows it', async () => {
    const ref = orderRef(a, { smsUpdates: false });

    // Authorized, then the capture failed: the only case where a failed payment is worth a mail (a
    // payment never authorized sends nothing, notification-checkout.test.ts).
    const eventId = await publishEvent(OrderCancelled, {
      ...ref,
      previousStatus: 'pending_payment',
      reason: 'payment_failed',
      paymentId: randomUUID(),
      paymentStatus: 'authorized',
      refundDue: 0,
      lines: [{ sku: 'MUG-1', quantity: 2 }],
    });

    await mailArrives(a.email, `Payment for order ${ref.number} failed`);
    const log = await logEntries(a.token, eventId, 1);
    expect(log[0]?.kind).toBe('payment_failed');
    expect((await mailsTo(a.email)).filter((m) => m.Subject === `Order ${ref.number} cancelled`)).toEqual([]);
  });

  it('mail a guest, whose log no customer can list', async () => {
    const guestEmail = `guest-${randomUUID().slice(0, 8)}@example.com`;
    const ref = orderRef({ email: guestEmail, sub: null }, { smsUpdates: false });

    const eventId = await publishEvent(OrderPaid, paid(ref));

    await mailArrives(guestEmail, `Payment received for order ${ref.number}`);
    expect((await myLog(a.token)).some((e) => e.eventId === eventId)).toBe(false);
  });
});

describe('GET /me/notifications', () => {
  it('lists only the caller’s own log, newest first', async () => {
    const first = await publishEvent(OrderPaid, paid(orderRef(b, { smsUpdates: false })));
    await logEntries(b.token, first, 1);
    const second = await publishEvent(OrderPaid, paid(orderRef(b, { smsUpdates: false })));
    await logEntries(b.token, second, 1);

    const bLog = await myLog(b.token);
    const aLog = await myLog(a.token);

    expect(bLog.map((e) => e.eventId)).toEqual([second, first]);
    expect(aLog.some((e) => e.eventId === first || e.eventId === second)).toBe(false);
  });

  it('pages with a signed cursor bound to the caller', async () => {
    const page = await client(b.token).GET('/me/notifications', { params: { query: { limit: 1 } } });
    expect(page.data?.items).toHaveLength(1);
    const cursor = page.data?.nextCursor;
    expect(cursor).toBeDefined();

    const next = await client(b.token).GET('/me/notifications', { params: { query: { limit: 1, cursor } } });
    const stolen = await api(
      'GET',
      `/me/notifications?cursor=${encodeURIComponent(cursor!)}`,
      undefined,
      bearer(a.token),
    );

    expect(next.data?.items[0]?.eventId).not.toBe(page.data?.items[0]?.eventId);
    expect(stolen.status).toBe(400);
  });

  it('requires a signed-in caller', async () => {
    expect((await api('GET', '/me/notifications')).status).toBe(401);
  });
});
