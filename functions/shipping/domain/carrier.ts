// What shipping and a carrier say to each other through the carrier port (Carrier in ports.ts): addresses,
// parcels, the label request and what it issues, tracking reports, and the refusal of a webhook that is not
// provably from the carrier. Adapters (../carriers/) translate their wire format into these. Pure.
import { DomainError } from '@commerce/lambda-kit/errors';
import type { SignatureProblem } from '@commerce/lambda-kit/webhook-signature';
import type { CarrierEvent, ShipmentStatus } from './shipment.ts';

export interface CarrierAddress {
  readonly name: string;
  readonly company?: string;
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  /** ISO 3166-2. */
  readonly region?: string;
  readonly postalCode: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** E.164; carriers call before a delivery problem. */
  readonly phone?: string;
}

export interface Parcel {
  /** Whole grams, above zero. */
  readonly weightGrams: number;
  readonly dimensionsMm?: { readonly length: number; readonly width: number; readonly height: number };
}

export interface CreateShipmentRequest {
  /** Our shipment id; the carrier's idempotency key, so a retry returns the same label. */
  readonly shipmentId: string;
  readonly orderId: string;
  readonly from: CarrierAddress;
  readonly to: CarrierAddress;
  readonly parcels: readonly Parcel[];
  /** The carrier's service level, as the shipping method names it. */
  readonly service: string;
}

/** A label the carrier hosts, or one it hands over inline (a PDF, or text for the sandbox). */
export type CarrierLabel =
  { readonly url: string } | { readonly contentType: string; readonly base64: string };

export interface CreatedShipment {
  readonly trackingNumber: string;
  /** The carrier's own id for the shipment, which `cancel` takes. */
  readonly carrierRef: string;
  /** Absent when the carrier issues none (the manual carrier: staff label the parcel themselves). */
  readonly label?: CarrierLabel;
  /** Where a customer follows the parcel, when the carrier has such a page. */
  readonly trackingUrl?: string;
}

/** The carrier's answer to a cancellation: done, or too late (it has the parcel), with its words why. */
export type CarrierCancellation =
  { readonly outcome: 'cancelled' } | { readonly outcome: 'too_late'; readonly detail: string };

export interface TrackingReport {
  readonly trackingNumber: string;
  readonly status: ShipmentStatus;
  /** Oldest first. */
  readonly events: readonly CarrierEvent[];
}

export type WebhookHeaders = Readonly<Record<string, string | undefined>>;

/** Why a delivery's signature was refused (the kit's webhook-signature check). */
export type WebhookSignatureProblem = SignatureProblem;

/** A webhook that is not provably from the carrier. Answered 401 so that a misconfigured sender notices. */
export class WebhookSignatureError extends DomainError {
  readonly status = 401;
  readonly problemType = 'invalid-webhook-signature';
  readonly title = 'Webhook signature not valid';
  readonly problem: WebhookSignatureProblem;
  constructor(problem: WebhookSignatureProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}
