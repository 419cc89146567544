// Which messages an event sends to a customer, rendered, with the delivery log entries that record them
// and the keys that keep each (event, channel) to one delivery. Pure; no AWS.
//
// The channel rule (every kind here is about an order the customer placed):
// - email: always, when the customer has a well-formed email address. Order and payment mail is part of
//   the contract and needs no consent. A review request is sent only to a buyer who has not opted out of
//   them (the review service decides before announcing it) and says how to stop them;
// - SMS: only for a kind that has an SMS text (not the email-only ones: a review request), when the customer
//   has a well-formed E.164 phone number AND opted in to transactional SMS (`transactionalSms === true`). A
//   phone number alone is not an opt-in;
// - marketing consent neither enables nor blocks any of these: it governs marketing messages only, so
//   `marketingConsent.sms` is not an opt-in to order SMS, and withdrawing marketing email consent does
//   not stop an order confirmation.
//
// Duplicates: every delivery has the key `${eventId}#${channel}`. The log entry is written under that key
// (conditionally) before the provider is called; see mayDeliver for what a second attempt does.
import { renderNotification, type TemplateLocale } from '../templates/render.ts';
import type { NotificationKind, NotificationModels } from '../templates/models.ts';

export type Channel = 'email' | 'sms';

export interface Recipient {
  readonly email?: string;
  /** E.164 ('+491701234678'). */
  readonly phone?: string;
  /** BCP 47 ('de', 'de-AT', 'en-GB'); English when absent or without templates. */
  readonly locale?: string;
  /** Consent to marketing; ignored for transactional kinds (see the rule above). */
  readonly marketingConsent?: { readonly email: boolean; readonly sms: boolean };
  /** The explicit opt-in to order and shipping updates by SMS. */
  readonly transactionalSms?: boolean;
}

/** pending: claimed, provider not yet confirmed; sent: the provider accepted it; failed: it refused. */
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/** One line of a customer's delivery log (GET /me/notifications); holds no message content. */
export interface DeliveryLogEntry {
  readonly eventId: string;
  readonly kind: NotificationKind;
  readonly channel: Channel;
  /** Masked: 'a***@example.com', '+49******678'. */
  readonly to: string;
  readonly status: DeliveryStatus;
  /** ISO 8601; when the status was set. */
  readonly at: string;
}

export interface EmailMessage {
  readonly channel: 'email';
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface SmsMessage {
  readonly channel: 'sms';
  readonly to: string;
  readonly text: string;
}

export interface Delivery {
  readonly channel: Channel;
  readonly dedupeKey: string;
  readonly message: EmailMessage | SmsMessage;
  /** The entry to write (status pending) before sending. */
  readonly log: DeliveryLogEntry;
}

export type SkipReason =
  'no-email' | 'invalid-email' | 'email-only' | 'no-phone' | 'invalid-phone' | 'sms-not-opted-in';

export interface NotificationDecision {
  readonly eventId: string;
  readonly kind: NotificationKind;
  readonly locale: TemplateLocale;
  readonly deliveries: readonly Delivery[];
  /** Channels not used and why, for the operator's log (not the customer's). */
  readonly skipped: readonly { readonly channel: Channel; readonly reason: SkipReason }[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;

export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

export function isE164(value: string): boolean {
  return E164.test(value);
}

/** The key that makes a delivery happen once: one per event and channel. */
export function dedupeKey(eventId: string, channel: Channel): string {
  if (eventId.length === 0) throw new RangeError('A notification needs the id of the event it answers.');
  return `${eventId}#${channel}`;
}

/** 'alice@example.com' → 'a***@example.com': enough for the customer to recognise, nothing to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${[...email.slice(0, at)][0]!}***${email.slice(at)}`;
}

/** '+491701234678' → '+49*******678': the first two and last three digits, a star for each other digit. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '***';
  return `+${digits.slice(0, 2)}${'*'.repeat(digits.length - 5)}${digits.slice(-3)}`;
}

/**
 * What a customer gets for an event: the channels by the rule above, each message rendered in the
 * customer's locale, with its dedupe key and pending log entry.
 */
export function decide<K extends NotificationKind>(
  kind: K,
  recipient: Recipient,
  model: NotificationModels[K],
  context: { readonly eventId: string; readonly at: string },
): NotificationDecision {
  const { eventId, at } = context;
  if (Number.isNaN(Date.parse(at))) throw new RangeError(`"${at}" is not a timestamp.`);
  const rendered = renderNotification(kind, model, recipient.locale);
  const deliveries: Delivery[] = [];
  const skipped: { channel: Channel; reason: SkipReason }[] = [];
  const entry = (channel: Channel, to: string): DeliveryLogEntry => ({
    eventId,
    kind,
    channel,
    to,
    status: 'pending',
    at,
  });

  const email = recipient.email?.trim();
  if (email === undefined || email === '') skipped.push({ channel: 'email', reason: 'no-email' });
  else if (!isEmailAddress(email)) skipped.push({ channel: 'email', reason: 'invalid-email' });
  else {
    deliveries.push({
      channel: 'email',
      dedupeKey: dedupeKey(eventId, 'email'),
      message: {
        channel: 'email',
        to: email,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
      },
      log: entry('email', maskEmail(email)),
    });
  }

  const phone = recipient.phone?.trim();
  if (rendered.sms === undefined) skipped.push({ channel: 'sms', reason: 'email-only' });
  else if (phone === undefined || phone === '') skipped.push({ channel: 'sms', reason: 'no-phone' });
  else if (recipient.transactionalSms !== true) skipped.push({ channel: 'sms', reason: 'sms-not-opted-in' });
  else if (!isE164(phone)) skipped.push({ channel: 'sms', reason: 'invalid-phone' });
  else {
    deliveries.push({
      channel: 'sms',
      dedupeKey: dedupeKey(eventId, 'sms'),
      message: { channel: 'sms', to: phone, text: rendered.sms },
      log: entry('sms', maskPhone(phone)),
    });
  }

  return { eventId, kind, locale: rendered.locale, deliveries, skipped };
}

/** How long a pending claim blocks another attempt; longer than one send (SES/SNS call with retries). */
export const PENDING_LEASE_MS = 5 * 60_000;

/**
 * Whether an attempt may send, given the log entry already under the dedupe key: yes when there is none
 * or the last attempt failed; never once sent; and for a pending claim only after the lease ran out (the
 * attempt that claimed it died). A duplicate event inside the lease is suppressed.
 */
export function mayDeliver(existing: DeliveryLogEntry | undefined, now: Date): boolean {
  if (existing === undefined || existing.status === 'failed') return true;
  if (existing.status === 'sent') return false;
  return now.getTime() - Date.parse(existing.at) >= PENDING_LEASE_MS;
}

/** The log entry after the provider answered. */
export function settleDelivery(
  entry: DeliveryLogEntry,
  status: Exclude<DeliveryStatus, 'pending'>,
  at: string,
): DeliveryLogEntry {
  return { ...entry, status, at };
}
