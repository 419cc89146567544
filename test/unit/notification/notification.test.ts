import { describe, expect, it } from 'vitest';
import {
  decide,
  dedupeKey,
  maskEmail,
  maskPhone,
  mayDeliver,
  PENDING_LEASE_MS,
  settleDelivery,
  type DeliveryLogEntry,
  type EmailMessage,
  type Recipient,
  type SmsMessage,
} from '../../../functions/notification/domain/notification.ts';
import type { ShipmentView } from '../../../functions/notification/templates/models.ts';

const model: ShipmentView = {
  shopName: 'Acme',
  customerName: 'Erika',
  orderNumber: '1042',
  carrier: 'sandbox',
  trackingNumber: 'SBX000000000042',
};
const context = { eventId: 'evt-9f1c', at: '2026-03-02T12:00:00.000Z' };

const channels = (recipient: Recipient) =>
  decide('shipment_created', recipient, model, context).deliveries.map((d) => d.channel);

describe('channel decisions', () => {
  it('sends transactional email whenever there is an email address, consent or not', () => {
    expect(channels({ email: 'erika@example.com' })).toEqual(['email']);
    expect(channels({ email: 'erika@example.com', marketingConsent: { email: false, sms: false } })).toEqual([
      'email',
    ]);
  });

  it('sends SMS only with the explicit transactional opt-in and a phone number', () => {
    expect(channels({ email: 'erika@example.com', phone: '+491701234678', transactionalSms: true })).toEqual([
      'email',
      'sms',
    ]);
    expect(channels({ phone: '+491701234678', transactionalSms: true })).toEqual(['sms']);
    expect(channels({ phone: '+491701234678' })).toEqual([]);
    expect(channels({ phone: '+491701234678', transactionalSms: false })).toEqual([]);
  });

  it('does not take marketing SMS consent for an opt-in to order SMS', () => {
    expect(channels({ phone: '+491701234678', marketingConsent: { email: true, sms: true } })).toEqual([]);
  });

  it('says why a channel was skipped', () => {
    const decision = decide(
      'shipment_created',
      { email: 'not-an-address', phone: '0170 1234', transactionalSms: true },
      model,
      context,
    );

    expect(decision.deliveries).toEqual([]);
    expect(decision.skipped).toEqual([
      { channel: 'email', reason: 'invalid-email' },
      { channel: 'sms', reason: 'invalid-phone' },
    ]);
    expect(decide('shipment_created', {}, model, context).skipped).toEqual([
      { channel: 'email', reason: 'no-email' },
      { channel: 'sms', reason: 'no-phone' },
    ]);
    expect(decide('shipment_created', { phone: '+491701234678' }, model, context).skipped).toContainEqual({
      channel: 'sms',
      reason: 'sms-not-opted-in',
    });
  });
});

describe('decide', () => {
  it('renders each message in the recipient locale with its dedupe key and a pending log entry', () => {
    const decision = decide(
      'shipment_created',
      { email: 'erika@example.com', phone: '+491701234678', transactionalSms: true, locale: 'de-DE' },
      model,
      context,
    );
    const [email, sms] = decision.deliveries;

    expect(decision.locale).toBe('de');
    expect(email!.dedupeKey).toBe('evt-9f1c#email');
    expect(email!.message as EmailMessage).toMatchObject({
      channel: 'email',
      to: 'erika@example.com',
      subject: 'Bestellung 1042 wurde versandt',
    });
    expect((email!.message as EmailMessage).html).toContain('<html lang="de">');
    expect(email!.log).toEqual({
      eventId: 'evt-9f1c',
      kind: 'shipment_created',
      channel: 'email',
      to: 'e***@example.com',
      status: 'pending',
      at: '2026-03-02T12:00:00.000Z',
    });
    expect(sms!.dedupeKey).toBe('evt-9f1c#sms');
    expect(sms!.message as SmsMessage).toEqual({
      channel: 'sms',
      to: '+491701234678',
      text: 'Acme: Bestellung 1042 ist mit sandbox unterwegs, Sendungsnummer SBX000000000042.',
    });
    expect(sms!.log.to).toBe('+49*******678');
  });

  it('gives the same event the same keys, so a redelivered event finds its claim', () => {
    const recipient = { email: 'erika@example.com', phone: '+491701234678', transactionalSms: true };
    const keys = () =>
      decide('shipment_created', recipient, model, context).deliveries.map((d) => d.dedupeKey);

    expect(keys()).toEqual(keys());
    expect(dedupeKey('evt-1', 'email')).not.toBe(dedupeKey('evt-1', 'sms'));
    expect(() => dedupeKey('', 'email')).toThrow(RangeError);
  });
});

describe('masking', () => {
  it('shows the first character of an email address and its domain', () => {
    expect(maskEmail('alice@example.com')).toBe('a***@example.com');
    expect(maskEmail('a@example.com')).toBe('a***@example.com');
    expect(maskEmail('örjan@example.se')).toBe('ö***@example.se');
    expect(maskEmail('no-at-sign')).toBe('***');
  });

  it('shows the first two and the last three digits of a phone number', () => {
    expect(maskPhone('+49151234678')).toBe('+49******678');
    expect(maskPhone('+14155550123')).toBe('+14******123');
    expect(maskPhone('+123')).toBe('***');
  });
});

describe('duplicate suppression', () => {
  const entry: DeliveryLogEntry = {
    eventId: 'evt-1',
    kind: 'order_paid',
    channel: 'email',
    to: 'e***@example.com',
    status: 'pending',
    at: '2026-03-02T12:00:00.000Z',
  };
  const claimedAt = Date.parse(entry.at);

  it('delivers when nothing was claimed or the last attempt failed, never once sent', () => {
    const later = new Date(claimedAt + 60_000);

    expect(mayDeliver(undefined, later)).toBe(true);
    expect(mayDeliver(settleDelivery(entry, 'failed', later.toISOString()), later)).toBe(true);
    expect(
      mayDeliver(settleDelivery(entry, 'sent', later.toISOString()), new Date(claimedAt + 86_400_000)),
    ).toBe(false);
  });

  it('suppresses a duplicate while a claim is pending, and retries once the lease ran out', () => {
    expect(mayDeliver(entry, new Date(claimedAt + PENDING_LEASE_MS - 1))).toBe(false);
    expect(mayDeliver(entry, new Date(claimedAt + PENDING_LEASE_MS))).toBe(true);
  });

  it('settles an entry without changing what it records', () => {
    expect(settleDelivery(entry, 'sent', '2026-03-02T12:00:01.000Z')).toEqual({
      ...entry,
      status: 'sent',
      at: '2026-03-02T12:00:01.000Z',
    });
  });
});
