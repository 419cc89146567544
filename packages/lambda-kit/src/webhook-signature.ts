// Signed webhooks as the sandbox gateway and the sandbox carrier send them (the scheme Stripe uses): header
// `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, checked in constant time and within a
// tolerance of the receiver's clock. Pure: each adapter turns a problem into its own error.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a delivery's timestamp may be from the receiver's clock. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** Why a delivery's signature was refused. */
export type SignatureProblem = 'missing' | 'malformed' | 'mismatch' | 'stale';

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The signature header value for `body`, signed at `at`. */
export function webhookSignature(secret: string, body: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/** A delivery as a sandbox sends it: the JSON body, and headers that carry its signature. */
export interface SignedWebhook {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Signs a JSON `body` at `at`, the signature in `header`: the delivery to POST to a webhook route. */
export function signedWebhook(secret: string, header: string, body: string, at: Date): SignedWebhook {
  return {
    body,
    headers: { 'content-type': 'application/json', [header]: webhookSignature(secret, body, at) },
  };
}

/** Checks a signature header against the raw body; undefined when it holds, else what is wrong. */
export function webhookSignatureProblem(
  header: string | undefined,
  rawBody: string,
  secret: string,
  now: Date,
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): SignatureProblem | undefined {
  if (header === undefined || header === '') return 'missing';
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value !== undefined && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value !== undefined && /^[0-9a-f]{64}$/.test(value)) {
      signatures.push(Buffer.from(value, 'hex'));
    }
  }
  if (timestamp === undefined || signatures.length === 0) return 'malformed';
  const expected = Buffer.from(hmac(secret, timestamp, rawBody), 'hex');
  // Every candidate is 32 bytes (checked above), as timingSafeEqual requires.
  if (!signatures.some((signature) => timingSafeEqual(signature, expected))) return 'mismatch';
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return 'stale';
  return undefined;
}

/** One header of a delivery, whatever case the sender or API Gateway gave its name. */
export function headerValue(
  headers: Readonly<Record<string, string | undefined>>,
  name: string,
): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}
