// The sandbox carrier: a deterministic stand-in for a real carrier, for tests, the local stage and demos.
// It issues stable tracking numbers and a text label, and reports progress through webhooks signed the way
// a real carrier signs them, so the whole shipping flow runs without a network.
//
// Webhook signature: header `x-sandbox-signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`, the HMAC taken
// with the shared secret over `${t}.${rawBody}`. A delivery is accepted when one v1 matches (compared in
// constant time) and t lies within five minutes of the receiver's clock, either way.
import {
  headerValue,
  WEBHOOK_TOLERANCE_SECONDS,
  signedWebhook,
  webhookSignatureProblem,
  type SignatureProblem,
  type SignedWebhook,
} from '@commerce/lambda-kit/webhook-signature';
import { createHash } from 'node:crypto';
import {
  NotFoundError,
  UnprocessableError,
  ValidationError,
  type FieldError,
} from '@commerce/lambda-kit/errors';
import * as z from 'zod/mini';
import { SHIPMENT_STATUSES, type CarrierEvent, type ShipmentStatus } from '../domain/shipment.ts';
import {
  WebhookSignatureError,
  type CarrierCancellation,
  type CreatedShipment,
  type CreateShipmentRequest,
  type TrackingReport,
  type WebhookHeaders,
} from '../domain/carrier.ts';
import type { Carrier } from '../domain/ports.ts';

export const SANDBOX_CARRIER = 'sandbox';
export const SANDBOX_SIGNATURE_HEADER = 'x-sandbox-signature';
export const SANDBOX_WEBHOOK_TOLERANCE_SECONDS = WEBHOOK_TOLERANCE_SECONDS;

const CARRIER_SIGNATURE_PROBLEMS: Record<SignatureProblem, string> = {
  missing: `The ${SANDBOX_SIGNATURE_HEADER} header is missing.`,
  malformed: `The ${SANDBOX_SIGNATURE_HEADER} header is malformed.`,
  mismatch: 'The webhook signature does not match.',
  stale: 'The webhook timestamp is outside the tolerance.',
};

const TRACKING_NUMBER = /^SBX\d{12}$/;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** `SBX` and 12 digits, a function of the shipment id alone, so a retried request gets the same number. */
export function sandboxTrackingNumber(shipmentId: string): string {
  const digits = sha256(`sandbox-tracking:${shipmentId}`).readBigUInt64BE(0) % 10n ** 12n;
  return `SBX${digits.toString().padStart(12, '0')}`;
}

function sandboxCarrierRef(shipmentId: string): string {
  return `sbx_${sha256(`sandbox-ref:${shipmentId}`).toString('hex').slice(0, 24)}`;
}

function assertSecret(secret: string): void {
  if (secret.length === 0) throw new Error('The sandbox carrier needs a non-empty webhook secret.');
}

/**
 * A webhook delivery as the sandbox carrier sends it: the JSON body and the headers, signed with `secret`
 * at `timestamp` (now unless given). Tests and operators use it to move a shipment along.
 */
export function sandboxCarrierWebhook(
  event: CarrierEvent,
  secret: string,
  options: { readonly timestamp?: Date } = {},
): SignedWebhook {
  assertSecret(secret);
  const body = JSON.stringify({
    id: event.id,
    trackingNumber: event.trackingNumber,
    status: event.status,
    at: event.at,
    ...(event.description === undefined ? {} : { description: event.description }),
  });
  return signedWebhook(secret, SANDBOX_SIGNATURE_HEADER, body, options.timestamp ?? new Date());
}

const webhookBody = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  trackingNumber: z.string().check(z.regex(TRACKING_NUMBER)),
  status: z.enum(SHIPMENT_STATUSES),
  at: z.iso.datetime({ offset: true }),
  description: z.optional(z.string().check(z.maxLength(500))),
});

/** Checks the signature header of a delivery; throws WebhookSignatureError with what is wrong. */
export function verifySandboxSignature(
  rawBody: string,
  headers: WebhookHeaders,
  secret: string,
  now: Date,
): void {
  assertSecret(secret);
  const problem = webhookSignatureProblem(
    headerValue(headers, SANDBOX_SIGNATURE_HEADER),
    rawBody,
    secret,
    now,
    SANDBOX_WEBHOOK_TOLERANCE_SECONDS,
  );
  if (problem) throw new WebhookSignatureError(problem, CARRIER_SIGNATURE_PROBLEMS[problem]);
}

export interface SandboxCarrierOptions {
  /** The shared webhook secret. */
  readonly secret: string;
  /** The clock webhooks are checked against. */
  readonly now?: () => Date;
  /** Base of the customer-facing tracking page; without it shipments carry no tracking URL. */
  readonly trackingBaseUrl?: string;
}

export interface SandboxProgress {
  readonly event: CarrierEvent;
  /** The signed delivery to POST to the webhook route. */
  readonly webhook: SignedWebhook;
}

export interface SandboxCarrier extends Carrier {
  /**
   * Records that the parcel reached `status` and returns the signed webhook announcing it. It reports what
   * it is told, legal or not, so that tests can also drive the refusals.
   */
  advance(
    trackingNumber: string,
    status: ShipmentStatus,
    options?: { readonly at?: Date; readonly description?: string },
  ): SandboxProgress;
}

interface Parcelled {
  readonly created: CreatedShipment;
  status: ShipmentStatus;
  readonly events: CarrierEvent[];
}

function label(request: CreateShipmentRequest, trackingNumber: string): string {
  const grams = request.parcels.reduce((sum, parcel) => sum + parcel.weightGrams, 0);
  const { from, to } = request;
  return [
    'SANDBOX CARRIER - NOT A REAL LABEL',
    `Tracking: ${trackingNumber}`,
    `Service: ${request.service}`,
    `Order: ${request.orderId}`,
    `From: ${from.name}, ${from.postalCode} ${from.city}, ${from.country}`,
    `To: ${to.name}, ${to.line1}${to.line2 === undefined ? '' : `, ${to.line2}`}, ${to.postalCode} ${to.city}, ${to.country}`,
    `Parcels: ${request.parcels.length} (${grams} g)`,
    '',
  ].join('\n');
}

function assertValidRequest(request: CreateShipmentRequest): void {
  const errors: FieldError[] = [];
  const at = (pointer: string, detail: string) => errors.push({ in: 'body', pointer, detail });
  if (request.shipmentId.length === 0) at('/shipmentId', 'Must not be empty.');
  if (request.parcels.length === 0) at('/parcels', 'A shipment needs at least one parcel.');
  request.parcels.forEach((parcel, i) => {
    if (!Number.isSafeInteger(parcel.weightGrams) || parcel.weightGrams <= 0) {
      at(`/parcels/${i}/weightGrams`, 'Must be a positive integer of grams.');
    }
  });
  if (errors.length > 0) throw new ValidationError(errors);
}

/** Runs `work` and hands its result or its error over as a promise (the port is asynchronous). */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/**
 * A sandbox carrier. What it issued and reported lives in this object only (one Lambda container, one
 * test): track and cancel know the parcels this instance created; the shipment table stays the record.
 */
export function sandboxCarrier(options: SandboxCarrierOptions): SandboxCarrier {
  assertSecret(options.secret);
  const now = options.now ?? (() => new Date());
  const parcels = new Map<string, Parcelled>();
  const byRef = new Map<string, string>();

  const known = (trackingNumber: string): Parcelled => {
    const parcel = parcels.get(trackingNumber);
    if (parcel === undefined) {
      throw new NotFoundError(`The sandbox carrier issued no tracking number ${trackingNumber}.`);
    }
    return parcel;
  };

  const create = (request: CreateShipmentRequest): CreatedShipment => {
    assertValidRequest(request);
    const trackingNumber = sandboxTrackingNumber(request.shipmentId);
    const existing = parcels.get(trackingNumber);
    if (existing !== undefined) return existing.created;
    const carrierRef = sandboxCarrierRef(request.shipmentId);
    const created: CreatedShipment = {
      trackingNumber,
      carrierRef,
      label: {
        contentType: 'text/plain; charset=utf-8',
        base64: Buffer.from(label(request, trackingNumber), 'utf8').toString('base64'),
      },
      ...(options.trackingBaseUrl === undefined
        ? {}
        : { trackingUrl: `${options.trackingBaseUrl.replace(/\/+$/, '')}/${trackingNumber}` }),
    };
    parcels.set(trackingNumber, { created, status: 'created', events: [] });
    byRef.set(carrierRef, trackingNumber);
    return created;
  };

  const cancel = (carrierRef: string): CarrierCancellation => {
    const trackingNumber = byRef.get(carrierRef);
    if (trackingNumber === undefined) return { outcome: 'cancelled' };
    const parcel = known(trackingNumber);
    if (parcel.status !== 'created' && parcel.status !== 'cancelled') {
      return {
        outcome: 'too_late',
        detail: `The parcel ${trackingNumber} is already ${parcel.status}; it cannot be cancelled.`,
      };
    }
    parcel.status = 'cancelled';
    return { outcome: 'cancelled' };
  };

  return {
    name: SANDBOX_CARRIER,

    createShipment(request) {
      return settle(() => create(request));
    },

    cancel(carrierRef) {
      return settle(() => cancel(carrierRef));
    },

    track(trackingNumber) {
      return settle((): TrackingReport => {
        const parcel = known(trackingNumber);
        return { trackingNumber, status: parcel.status, events: [...parcel.events] };
      });
    },

    parseWebhook(rawBody, headers) {
      return settle((): CarrierEvent => {
        verifySandboxSignature(rawBody, headers, options.secret, now());
        let json: unknown;
        try {
          json = JSON.parse(rawBody);
        } catch {
          throw new UnprocessableError('The webhook body is not JSON.', 'invalid-webhook-payload');
        }
        const parsed = webhookBody.safeParse(json);
        if (!parsed.success) {
          throw new UnprocessableError('The webhook body is not a sandbox event.', 'invalid-webhook-payload');
        }
        const { description, ...event } = parsed.data;
        return description === undefined ? event : { ...event, description };
      });
    },

    advance(trackingNumber, status, progress = {}) {
      const parcel = known(trackingNumber);
      const event: CarrierEvent = {
        id: `evt_${trackingNumber}_${parcel.events.length + 1}`,
        trackingNumber,
        status,
        at: (progress.at ?? now()).toISOString(),
        ...(progress.description === undefined ? {} : { description: progress.description }),
      };
      parcel.events.push(event);
      parcel.status = status;
      return { event, webhook: sandboxCarrierWebhook(event, options.secret, { timestamp: now() }) };
    },
  };
}
