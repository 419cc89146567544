// Shipping's internal functions: `quoteRates`, the offers for a cart (orders at checkout),
// `createShipment`, the label and shipment for a paid order's parcels, and `cancelShipment`, stopping it
// at the carrier before it moves (orders, when staff cancel a fulfilling order). docs/shipping.md has the rules.
import { shipmentStatusSchema } from '@commerce/events';
import * as z from 'zod/mini';
import { correlationIdSchema, defineInternal, type InternalResult } from './define.ts';

/** Largest amount accepted: 100 million major units of a 2-digit currency. */
const MAX_AMOUNT = 10_000_000_000;
const MAX_GRAMS = 10_000_000;

const amount = z
  .number()
  .check(z.int(), z.gte(0), z.lte(MAX_AMOUNT), z.describe('Integer minor units (cents, pence, yen).'));
const grams = z.number().check(z.int(), z.gte(0), z.lte(MAX_GRAMS), z.describe('Whole grams.'));
const country = z.string().check(z.regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as DE.'));
const region = z.string().check(z.regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'An ISO 3166-2 code such as US-AK.'));
const currency = z.string().check(z.regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as EUR.'));
const slug = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/,
      'Lower-case letters and digits joined by hyphens, at most 64.',
    ),
  );
const entityId = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be 1-64 letters, digits, "-" or "_".'));

// ---------------------------------------------------------------------------------------------------------
// quoteRates

/** The same cart as POST /shipping/rates takes, and the caller's correlation id. */
export const quoteRatesRequestSchema = z.strictObject({
  currency,
  subtotal: amount.check(
    z.describe('The merchandise value after discounts, which free shipping is measured against.'),
  ),
  totalWeightGrams: grams,
  destination: z.strictObject({ country, region: z.optional(region) }),
  correlationId: correlationIdSchema,
});

const rateOfferSchema = z.object({
  methodId: z.string(),
  zoneId: z.string(),
  name: z.string(),
  carrier: z.string(),
  currency: z.string(),
  /** What the customer pays; 0 when the free-shipping threshold is met. */
  price: z.number().check(z.int(), z.gte(0)),
  /** What the rate table asks before the threshold; equal to `price` unless `free`. */
  regularPrice: z.number().check(z.int(), z.gte(0)),
  /** True when the price is 0 because of the method's `freeOver`. */
  free: z.boolean(),
  minDays: z.number().check(z.int(), z.gte(0)),
  maxDays: z.number().check(z.int(), z.gte(0)),
});

export const quoteRatesReplySchema = z.object({
  /** The methods that ship the cart to its destination, cheapest first; empty when none does. */
  offers: z.readonly(z.array(rateOfferSchema)),
});

/** Read-only. Refusals: 400 malformed cart, 422 invalid-rate-table. */
export const shippingQuoteRates = defineInternal({
  service: 'shipping',
  name: 'quoteRates',
  description: 'the shipping offers for a cart (checkout)',
  request: quoteRatesRequestSchema,
  reply: quoteRatesReplySchema,
});

export type QuoteRatesRequest = z.infer<typeof quoteRatesRequestSchema>;
export type QuoteRatesReply = z.infer<typeof quoteRatesReplySchema>;
export type RateOffer = z.infer<typeof rateOfferSchema>;

// ---------------------------------------------------------------------------------------------------------
// createShipment

const addressSchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  company: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  line1: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  line2: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  city: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  region: z.optional(region),
  postalCode: z.string().check(z.trim(), z.minLength(1), z.maxLength(20)),
  country,
  phone: z.optional(z.string().check(z.regex(/^\+[1-9]\d{4,14}$/, 'An E.164 number such as +4930123456.'))),
});

export const createShipmentRequestSchema = z.strictObject({
  orderId: entityId,
  /** Also the carrier's idempotency key: a repeat answers the stored shipment. */
  shipmentId: entityId,
  to: addressSchema,
  parcels: z
    .array(
      z.strictObject({
        weightGrams: z.number().check(z.int(), z.gte(1), z.lte(MAX_GRAMS)),
        dimensionsMm: z.optional(
          z.strictObject({
            length: z.number().check(z.int(), z.gte(1), z.lte(10_000)),
            width: z.number().check(z.int(), z.gte(1), z.lte(10_000)),
            height: z.number().check(z.int(), z.gte(1), z.lte(10_000)),
          }),
        ),
      }),
    )
    .check(z.minLength(1), z.maxLength(50)),
  methodId: slug,
  correlationId: correlationIdSchema,
});

const trackingEventSchema = z.object({
  status: shipmentStatusSchema,
  /** When it happened (the carrier's scan time for carrier events). */
  at: z.string(),
  source: z.enum(['carrier', 'staff', 'system']),
  /** The carrier's event id, on carrier events. */
  eventId: z.optional(z.string()),
  description: z.optional(z.string()),
  /** The staff member's id, on staff events. */
  actor: z.optional(z.string()),
});

/** A label the carrier hosts, or one it hands over inline (a PDF, or text for the sandbox). */
const labelSchema = z.union([
  z.object({ url: z.string() }),
  z.object({ contentType: z.string(), base64: z.string() }),
]);

const shipmentSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  carrier: z.string(),
  /** The shipping method (service level) the customer chose. */
  service: z.string(),
  trackingNumber: z.string(),
  /** The carrier's own reference; absent for a parcel staff shipped by hand. */
  carrierRef: z.optional(z.string()),
  trackingUrl: z.optional(z.string()),
  status: shipmentStatusSchema,
  /** Oldest first. */
  history: z.readonly(z.array(trackingEventSchema)),
  /** ISO 8601. */
  createdAt: z.string(),
  /** ISO 8601; the time of the latest carrier event once one arrived (as the carrier wrote it). */
  updatedAt: z.string(),
  /** The shipping method it was created for. */
  methodId: z.optional(z.string()),
  label: z.optional(labelSchema),
  version: z.number().check(z.int(), z.gte(1)),
});

export const createShipmentReplySchema = z.object({
  shipment: shipmentSchema,
  /** False when a shipment with this id existed already (that one is answered, nothing announced). */
  created: z.boolean(),
});

/**
 * Buys the label from the method's carrier, stores the shipment and announces shipment.created. Refusals:
 * 400 malformed, 409 shipment-id-taken by another order, 422 unknown-shipping-method,
 * shipping-method-not-available for the address, carrier-not-connected.
 */
export const shippingCreateShipment = defineInternal({
  service: 'shipping',
  name: 'createShipment',
  description: "buys the label for a paid order's parcels and stores the shipment (idempotent)",
  request: createShipmentRequestSchema,
  reply: createShipmentReplySchema,
});

// ---------------------------------------------------------------------------------------------------------
// cancelShipment

export const cancelShipmentRequestSchema = z.strictObject({
  /** The order whose shipment (`shp_<orderId>`, the one order.paid created) is to be stopped. */
  orderId: entityId,
  /** Why, for the shipment's tracking history (a staff member's note). */
  reason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
  /** Who asked (a staff member's sub), for the tracking history. */
  actor: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  correlationId: correlationIdSchema,
});

export const cancelShipmentReplySchema = z.object({
  /**
   * `cancelled`: the carrier voided the label (or had it voided before: cancelling twice is fine);
   * `no_shipment`: the order has no shipment, so nothing can leave. Too late is a refusal, not a reply.
   */
  outcome: z.enum(['cancelled', 'no_shipment']),
  shipment: z.optional(shipmentSchema),
});

/**
 * Stops an order's shipment before the carrier moves it: voids the label at the carrier, then records the
 * shipment cancelled (shipment.cancelled). Idempotent. Refusals: 400 malformed, 409
 * shipment-too-late-to-cancel (the carrier has the parcel, or the shipment moved on already).
 */
export const shippingCancelShipment = defineInternal({
  service: 'shipping',
  name: 'cancelShipment',
  description: "stops an order's shipment at its carrier before it moves (idempotent; 409 when too late)",
  request: cancelShipmentRequestSchema,
  reply: cancelShipmentReplySchema,
});

export type CancelShipmentRequest = z.infer<typeof cancelShipmentRequestSchema>;
export type CancelShipmentReply = z.infer<typeof cancelShipmentReplySchema>;
export type CreateShipmentRequest = z.infer<typeof createShipmentRequestSchema>;
export type CreateShipmentReply = z.infer<typeof createShipmentReplySchema>;
export type ShipmentReply = z.infer<typeof shipmentSchema>;
export type QuoteRatesResult = InternalResult<QuoteRatesReply>;
export type CreateShipmentResult = InternalResult<CreateShipmentReply>;
