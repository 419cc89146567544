// The shipping service's ports: the store of the rate table and the shipments (DynamoDB in ../store.ts, in
// memory in the unit tests) and the carriers (adapters in ../carriers/). Pure types.
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type {
  CarrierCancellation,
  CarrierLabel,
  CreatedShipment,
  CreateShipmentRequest,
  TrackingReport,
  WebhookHeaders,
} from './carrier.ts';
import type { RateTable } from './rate-table.ts';
import type { CarrierEvent, Shipment } from './shipment.ts';

// ---------------------------------------------------------------------------------------------------------
// The store

/** A stored shipment: the domain's shipment, the version its writes are conditioned on, and its label. */
export interface ShipmentRecord {
  readonly shipment: Shipment;
  readonly version: number;
  /** The shipping method it was created for. */
  readonly methodId?: string;
  /** The label the carrier issued (absent for a parcel staff labelled themselves). */
  readonly label?: CarrierLabel;
}

/** The rate table changed between read and write (another staff edit); re-read and retry. */
export class RateTableConflict extends Error {}

export interface ShippingStore {
  /** The rate table (empty, version 0, before the first write); `consistent` for the read before a write. */
  getRateTable(consistent?: boolean): Promise<RateTable>;
  /** Stores `table` over the version read; throws RateTableConflict when another write came first. */
  saveRateTable(table: RateTable): Promise<void>;
  getShipment(id: string): Promise<ShipmentRecord | undefined>;
  findByTrackingNumber(trackingNumber: string): Promise<ShipmentRecord | undefined>;
  /**
   * Stores a new shipment (version 1), its tracking number and its events in one transaction. ConflictError
   * (`shipment-exists`) when a shipment with that id exists already.
   */
  createShipment(record: Omit<ShipmentRecord, 'version'>, events: readonly OutboxItem[]): Promise<void>;
  /**
   * Replaces `previous` (as read) by `shipment`, with the events the change announces, in one transaction;
   * VersionConflictError when it changed since it was read.
   */
  saveShipment(
    previous: ShipmentRecord,
    shipment: Shipment,
    events: readonly OutboxItem[],
  ): Promise<ShipmentRecord>;
}

// ---------------------------------------------------------------------------------------------------------
// The carriers

export interface Carrier {
  /** The name shipping methods use ('sandbox', 'dhl', ...). */
  readonly name: string;
  /** Creates the shipment and its label; the same shipmentId twice gives the same result. */
  createShipment(request: CreateShipmentRequest): Promise<CreatedShipment>;
  /**
   * Voids the label before the carrier moves the parcel: `cancelled` (also when it was voided before, or the
   * carrier does not know the reference: nothing of ours will move), `too_late` once the carrier has the
   * parcel. Rejects only when the carrier could not be asked (the caller retries).
   */
  cancel(carrierRef: string): Promise<CarrierCancellation>;
  /** The carrier's view of a parcel; NotFoundError for a tracking number it does not know. */
  track(trackingNumber: string): Promise<TrackingReport>;
  /**
   * Verifies a webhook delivery and normalizes it. Throws WebhookSignatureError when it is not provably
   * from the carrier (missing, wrong or stale signature) and UnprocessableError when the signed body is
   * not an event it understands.
   */
  parseWebhook(rawBody: string, headers: WebhookHeaders): Promise<CarrierEvent>;
}
