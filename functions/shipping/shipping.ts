// The shipping service's use cases end to end: read, let the domain decide, write the change with the events
// it returned in one conditional transaction (the outbox), and when the condition refuses it (someone else
// wrote first) read again and decide again. Also the rate table's reads and writes, the quote, and what a
// paid order asks of shipping (order.paid). No AWS here: the store and the carriers are ports.
import { createShipmentRequestSchema } from '@commerce/contracts';
import {
  ConflictError,
  NotFoundError,
  UnprocessableError,
  VersionConflictError,
} from '@commerce/lambda-kit/errors';
import { retryOnConflict } from '@commerce/lambda-kit/retry';
import { logger } from '@commerce/lambda-kit/observability';
import { toOutbox } from '@commerce/lambda-kit/outbox';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import type { CarrierAddress, CarrierLabel, Parcel, WebhookHeaders } from './domain/carrier.ts';
import { carrierFor, type CarrierPolicy } from './domain/carrier-policy.ts';
import { shipmentIdFor, shipmentRequestFor, type PaidOrder } from './domain/order-shipment.ts';
import { RateTableConflict, type Carrier, type ShipmentRecord, type ShippingStore } from './domain/ports.ts';
import {
  putMethod,
  putZone,
  type MethodRecord,
  type RateTable,
  type TableWrite,
  type ZoneRecord,
} from './domain/rate-table.ts';
import { quoteRates, zoneFor, type Method, type RateCart, type RateOffer } from './domain/rates.ts';
import {
  applyCarrierEvent,
  cancelShipment,
  createShipment,
  markShipped,
  type Shipment,
  type ShipmentChange,
} from './domain/shipment.ts';

/** Attempts of one write under contention, the first included. */
const MAX_ATTEMPTS = 5;

export interface ShippingOptions {
  /** The carriers this stage allows, by name (NotFoundError for any other). */
  readonly carriers: (name: string) => Carrier;
  /** Which carriers a method may name, and the one it ships with when it names none. */
  readonly carrierPolicy: CarrierPolicy;
  readonly sender: CarrierAddress;
  readonly clock?: () => Date;
}

export interface NewShipmentRequest {
  readonly orderId: string;
  readonly shipmentId: string;
  readonly to: CarrierAddress;
  readonly parcels: readonly Parcel[];
  readonly methodId: string;
}

export interface ShipmentView extends Shipment {
  readonly methodId?: string;
  readonly label?: CarrierLabel;
  readonly version: number;
}

export const shipmentView = (record: ShipmentRecord): ShipmentView => ({
  ...record.shipment,
  ...(record.methodId === undefined ? {} : { methodId: record.methodId }),
  ...(record.label === undefined ? {} : { label: record.label }),
  version: record.version,
});

/** A method as staff send it: the carrier may be left out (the stage's default carrier). */
export type MethodInput = Omit<Parameters<typeof putMethod>[2], 'carrier'> & { readonly carrier?: string };

export type WebhookOutcome = ShipmentChange['outcome'] | 'ignored';

/**
 * What a paid order did: its shipment was created, or it existed already (a redelivered or repeated
 * order.paid); `unshippable` when the order's address or method can never become a shipment (no retry helps).
 */
export type PaidOrderOutcome =
  | { readonly kind: 'created' | 'existed'; readonly record: ShipmentRecord }
  | { readonly kind: 'unshippable'; readonly why: string };

export class Shipping {
  readonly #store: ShippingStore;
  readonly #carriers: (name: string) => Carrier;
  readonly #carrierPolicy: CarrierPolicy;
  readonly #sender: CarrierAddress;
  readonly #clock: () => Date;

  constructor(store: ShippingStore, options: ShippingOptions) {
    this.#store = store;
    this.#carriers = options.carriers;
    this.#carrierPolicy = options.carrierPolicy;
    this.#sender = options.sender;
    this.#clock = options.clock ?? (() => new Date());
  }

  putZone(id: string, input: Parameters<typeof putZone>[2]): Promise<ZoneRecord> {
    return this.#writeTable((table) => putZone(table, id, input, this.#clock()));
  }

  /** Creates or replaces a method; its carrier is the one it names (allowed here, else 422) or the default. */
  async putMethod(id: string, input: MethodInput): Promise<MethodRecord> {
    const method = { ...input, carrier: carrierFor(input.carrier, this.#carrierPolicy) };
    return this.#writeTable((table) => putMethod(table, id, method, this.#clock()));
  }

  async zones(): Promise<readonly ZoneRecord[]> {
    return (await this.#store.getRateTable()).zones;
  }

  async methods(): Promise<readonly MethodRecord[]> {
    return (await this.#store.getRateTable()).methods;
  }

  /** The shipping offers for a cart, cheapest first (one GetItem). */
  async quote(cart: RateCart): Promise<RateOffer[]> {
    const table = await this.#store.getRateTable();
    return quoteRates(cart, table.zones.map(zoneOf), table.methods.map(methodOf));
  }

  async shipment(id: string): Promise<ShipmentRecord> {
    const record = await this.#store.getShipment(id);
    if (!record) throw new NotFoundError(`There is no shipment ${id}.`);
    return record;
  }

  /**
   * Buys the label from the method's carrier and stores the shipment with shipment.created. Idempotent on
   * the shipment id: a repeat answers the stored shipment (`created: false`) and announces nothing; the
   * same id for another order is a 409.
   */
  async createShipment(
    request: NewShipmentRequest,
    context: EventContext,
  ): Promise<{ record: ShipmentRecord; created: boolean }> {
    const existing = await this.#existing(request);
    if (existing) return { record: existing, created: false };

    const table = await this.#store.getRateTable();
    const method = table.methods.find((m) => m.id === request.methodId);
    if (!method) {
      throw new UnprocessableError(
        `There is no shipping method ${request.methodId}.`,
        'unknown-shipping-method',
      );
    }
    const zone = zoneFor(table.zones.map(zoneOf), {
      country: request.to.country,
      ...(request.to.region === undefined ? {} : { region: request.to.region }),
    });
    if (zone?.id !== method.zoneId) {
      throw new UnprocessableError(
        `The method ${method.id} does not ship to ${request.to.country}.`,
        'shipping-method-not-available',
      );
    }
    const carrier = this.#carrier(method.carrier);
    const issued = await carrier.createShipment({
      shipmentId: request.shipmentId,
      orderId: request.orderId,
      from: this.#sender,
      to: request.to,
      parcels: request.parcels,
      service: method.id,
    });
    const now = this.#clock();
    const change = createShipment({
      id: request.shipmentId,
      orderId: request.orderId,
      carrier: carrier.name,
      service: method.id,
      trackingNumber: issued.trackingNumber,
      carrierRef: issued.carrierRef,
      ...(issued.trackingUrl === undefined ? {} : { trackingUrl: issued.trackingUrl }),
      at: now.toISOString(),
    });
    const record = {
      shipment: change.shipment,
      methodId: method.id,
      ...(issued.label === undefined ? {} : { label: issued.label }),
    };
    try {
      await this.#store.createShipment(record, toOutbox(change.events, context, now));
    } catch (error) {
      // A concurrent call with the same id stored it first: the carrier gave both the same label.
      if (error instanceof ConflictError && error.problemType === 'shipment-exists') {
        const raced = await this.#existing(request);
        if (raced) return { record: raced, created: false };
      }
      throw error;
    }
    return { record: { ...record, version: 1 }, created: true };
  }

  /**
   * order.paid: creates the order's shipment (as the internal createShipment does) under the shipment id
   * `shp_<orderId>`, so a redelivery or a repeated order.paid finds that shipment and changes nothing. An
   * order whose request the createShipment contract refuses answers `unshippable`.
   */
  async shipPaidOrder(order: PaidOrder, context: EventContext): Promise<PaidOrderOutcome> {
    const parsed = createShipmentRequestSchema.safeParse(shipmentRequestFor(order));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `/${i.path.join('/')} ${i.message}`).join('; ');
      logger.error('order.paid cannot become a shipment', { orderId: order.orderId, issues });
      return { kind: 'unshippable', why: `Order ${order.orderId} cannot be shipped as paid: ${issues}` };
    }
    const { correlationId: _c, ...request } = parsed.data;
    const { record, created } = await this.createShipment(request, context);
    logger.info(created ? 'Shipment created' : 'Shipment existed already', {
      orderId: record.shipment.orderId,
      shipmentId: record.shipment.id,
    });
    return { kind: created ? 'created' : 'existed', record };
  }

  /**
   * Stops an order's shipment (`shp_<orderId>`) before the carrier moves it: asks the carrier to void the
   * label, then records the shipment cancelled with shipment.cancelled. Idempotent: a cancelled shipment
   * answers `cancelled` again, an order without a shipment `no_shipment`. Too late (the shipment moved on,
   * or the carrier has the parcel) is a 409 `shipment-too-late-to-cancel` and changes nothing.
   */
  async cancelOrderShipment(
    orderId: string,
    input: { readonly reason?: string | undefined; readonly actor?: string | undefined },
    context: EventContext,
  ): Promise<{ outcome: 'cancelled' | 'no_shipment'; record?: ShipmentRecord }> {
    const found = await this.#store.getShipment(shipmentIdFor(orderId));
    if (!found || found.shipment.orderId !== orderId) return { outcome: 'no_shipment' };
    if (found.shipment.status === 'cancelled') return { outcome: 'cancelled', record: found };
    assertNotMoving(found.shipment);
    if (found.shipment.carrierRef !== undefined) {
      const answer = await this.#carrier(found.shipment.carrier).cancel(found.shipment.carrierRef);
      if (answer.outcome === 'too_late') {
        logger.info('The carrier refused to cancel the shipment', { orderId, detail: answer.detail });
        throw new ConflictError(answer.detail, TOO_LATE);
      }
    }
    const { record } = await this.#change(
      async () => this.shipment(found.shipment.id),
      (shipment, now) => {
        assertNotMoving(shipment);
        return cancelShipment(shipment, {
          at: now.toISOString(),
          ...(input.actor === undefined ? {} : { actor: input.actor }),
          ...(input.reason === undefined ? {} : { reason: input.reason }),
        });
      },
      context,
      found,
    );
    return { outcome: 'cancelled', record };
  }

  /** Staff hand the parcel over (created → in_transit, announces shipment.in_transit). */
  async markShipped(
    id: string,
    input: { trackingNumber: string; carrier: string; trackingUrl?: string },
    actor: string,
    context: EventContext,
  ): Promise<ShipmentRecord> {
    return this.#change(
      () => this.shipment(id),
      (shipment, now) =>
        markShipped(shipment, {
          trackingNumber: input.trackingNumber,
          carrier: input.carrier,
          actor,
          at: now.toISOString(),
          ...(input.trackingUrl === undefined ? {} : { trackingUrl: input.trackingUrl }),
        }),
      context,
    ).then((r) => r.record);
  }

  /**
   * Verifies a carrier's webhook over its exact raw body and applies the event once (a repeated event id
   * changes and announces nothing). An event for a tracking number we never issued is acknowledged and
   * ignored, so the carrier stops redelivering it.
   */
  async receiveWebhook(
    carrierName: string,
    rawBody: string,
    headers: WebhookHeaders,
    context: EventContext,
  ): Promise<{ outcome: WebhookOutcome; eventId: string; shipment?: ShipmentRecord }> {
    // The carrier is named in the path: an unknown one is a 404 (NotFoundError), not a 422.
    const event = await this.#carriers(carrierName).parseWebhook(rawBody, headers);
    const found = await this.#store.findByTrackingNumber(event.trackingNumber);
    if (!found) {
      logger.warn('Carrier event for an unknown tracking number', {
        carrier: carrierName,
        eventId: event.id,
        trackingNumber: event.trackingNumber,
      });
      return { outcome: 'ignored', eventId: event.id };
    }
    const { record, outcome } = await this.#change(
      async () => (await this.#store.getShipment(found.shipment.id)) ?? found,
      (shipment) => applyCarrierEvent(shipment, event),
      { ...context, causationId: event.id.slice(0, 128) },
      found,
    );
    return { outcome, eventId: event.id, shipment: record };
  }

  #carrier(name: string): Carrier {
    try {
      return this.#carriers(name);
    } catch (error) {
      if (error instanceof NotFoundError) {
        throw new UnprocessableError(error.message, 'carrier-not-connected');
      }
      throw error;
    }
  }

  async #existing(request: NewShipmentRequest): Promise<ShipmentRecord | undefined> {
    const existing = await this.#store.getShipment(request.shipmentId);
    if (existing && existing.shipment.orderId !== request.orderId) {
      throw new ConflictError(
        `Shipment ${request.shipmentId} belongs to another order.`,
        'shipment-id-taken',
      );
    }
    return existing;
  }

  async #change(
    read: () => Promise<ShipmentRecord>,
    decide: (shipment: Shipment, now: Date) => ShipmentChange,
    context: EventContext,
    first?: ShipmentRecord,
  ): Promise<{ record: ShipmentRecord; outcome: ShipmentChange['outcome'] }> {
    let record = first ?? (await read());
    // A concurrent write makes it read the shipment again and decide again, after a jittered pause.
    return retryOnConflict(
      async (attempt) => {
        if (attempt > 1) record = await read();
        const now = this.#clock();
        const change = decide(record.shipment, now);
        if (change.outcome === 'duplicate') return { record, outcome: 'duplicate' as const };
        const saved = await this.#store.saveShipment(
          record,
          change.shipment,
          toOutbox(change.events, context, now),
        );
        return { record: saved, outcome: change.outcome };
      },
      { versionConflicts: true, attempts: MAX_ATTEMPTS },
    );
  }

  async #writeTable<R>(write: (table: RateTable) => TableWrite<R>): Promise<R> {
    // Another zone or method written meanwhile: decide again over the new table after a jittered pause (the
    // entry's own version still guards against a lost update of the same entry).
    return retryOnConflict(
      async () => {
        const table = await this.#store.getRateTable(true);
        const result = write(table);
        if (result.table === undefined) return result.record;
        try {
          await this.#store.saveRateTable(result.table);
        } catch (error) {
          throw error instanceof RateTableConflict ? new VersionConflictError() : error;
        }
        return result.record;
      },
      { versionConflicts: true, attempts: MAX_ATTEMPTS },
    );
  }
}

const TOO_LATE = 'shipment-too-late-to-cancel';

/** A shipment the carrier has moved can no longer be stopped (409, nothing changes). */
function assertNotMoving(shipment: Shipment): void {
  if (shipment.status !== 'created' && shipment.status !== 'cancelled') {
    throw new ConflictError(
      `Shipment ${shipment.id} is ${shipment.status}: too late to cancel it.`,
      TOO_LATE,
    );
  }
}

function zoneOf({ version: _v, updatedAt: _u, ...zone }: ZoneRecord) {
  return zone;
}

function methodOf({ version: _v, updatedAt: _u, ...method }: MethodRecord): Method {
  return method;
}
