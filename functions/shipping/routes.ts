// The shipping service's routes, each declared once: its handler, who may call it, what it calls, the schemas
// the handler validates with and the response it gives. The API, the OpenAPI document and the authorizer's
// route table are built from these entries (scripts/generate.ts).
import { shipmentStatusSchema } from '@commerce/events';
import { defineRoutes } from '@commerce/lambda-kit/service';
import * as z from 'zod/mini';
import {
  carrierParams,
  markShippedBody,
  methodIdParams,
  putMethodBody,
  putZoneBody,
  rateQuoteBody,
  rateSchema,
  shipmentIdParams,
  zoneIdParams,
} from './schemas.ts';

const amount = z.number().check(z.int(), z.nonnegative());
const versioned = {
  version: z.number().check(z.int(), z.positive()),
  updatedAt: z.iso.datetime(),
};

const zone = z
  .object({
    id: z.string(),
    name: z.string(),
    countries: z.array(z.string()),
    regions: z.optional(z.array(z.string())),
    ...versioned,
  })
  .check(z.meta({ id: 'ShippingZone' }));

const method = z
  .object({
    id: z.string(),
    zoneId: z.string(),
    name: z.string(),
    carrier: z.string(),
    currency: z.string(),
    rate: rateSchema,
    freeOver: z.optional(amount),
    minDays: z.number().check(z.int()),
    maxDays: z.number().check(z.int()),
    ...versioned,
  })
  .check(z.meta({ id: 'ShippingMethod' }));

const rateOffer = z
  .object({
    methodId: z.string(),
    zoneId: z.string(),
    name: z.string(),
    carrier: z.string(),
    currency: z.string(),
    price: amount.check(z.describe('What the customer pays; 0 when the free-shipping threshold is met.')),
    regularPrice: amount.check(z.describe('The price before the threshold; equal to `price` unless `free`.')),
    free: z.boolean(),
    minDays: z.number().check(z.int()),
    maxDays: z.number().check(z.int()),
  })
  .check(z.meta({ id: 'RateOffer' }));

const label = z
  .union([z.object({ url: z.string() }), z.object({ contentType: z.string(), base64: z.string() })])
  .check(z.meta({ id: 'ShippingLabel' }));

export const shipmentSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    carrier: z.string(),
    service: z.string().check(z.describe('The shipping method the customer chose.')),
    methodId: z.optional(z.string()),
    trackingNumber: z.string(),
    carrierRef: z.optional(z.string()),
    trackingUrl: z.optional(z.string()),
    status: shipmentStatusSchema,
    history: z.array(
      z.object({
        status: shipmentStatusSchema,
        at: z.iso.datetime({ offset: true }),
        source: z.enum(['carrier', 'staff', 'system']),
        eventId: z.optional(z.string()),
        description: z.optional(z.string()),
        actor: z.optional(z.string()),
      }),
    ),
    label: z.optional(label),
    version: z.number().check(z.int(), z.positive()),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .check(z.meta({ id: 'Shipment' }));

export const shippingRoutes = defineRoutes('shipping', {
  'PUT /shipping/zones/{id}': {
    entry: 'http/put-zone.ts',
    access: 'staff',
    summary: 'Create a shipping zone, or replace it at the version read.',
    params: zoneIdParams,
    body: putZoneBody,
    response: {
      status: 200,
      description:
        'The zone, created (`version` 0) or replaced (the version read). Zones must not overlap (422 ' +
        '`rule-violation`).',
      body: zone,
    },
    errors: [409, 422],
  },
  'GET /shipping/zones': {
    entry: 'http/list-zones.ts',
    access: 'staff',
    summary: 'Every shipping zone.',
    readOnly: true,
    response: {
      status: 200,
      description: 'Every shipping zone, by id.',
      body: z.object({ items: z.array(zone) }).check(z.meta({ id: 'ShippingZoneList' })),
    },
  },
  'PUT /shipping/methods/{id}': {
    entry: 'http/put-method.ts',
    access: 'staff',
    summary: 'Create a shipping method with its rate, or replace it at the version read.',
    params: methodIdParams,
    body: putMethodBody,
    response: {
      status: 200,
      description:
        'The method and its rate, created (`version` 0) or replaced (the version read), checked against ' +
        'the whole rate table (422 `rule-violation` with a pointer per problem). Its carrier is the one ' +
        'named, if this stage allows it (else 422 `carrier-not-allowed` at `/carrier`), or the stage’s ' +
        'default carrier.',
      body: method,
    },
    errors: [409, 422],
  },
  'GET /shipping/methods': {
    entry: 'http/list-methods.ts',
    access: 'staff',
    summary: 'Every shipping method with its rate.',
    readOnly: true,
    response: {
      status: 200,
      description: 'Every shipping method with its rate, by id.',
      body: z.object({ items: z.array(method) }).check(z.meta({ id: 'ShippingMethodList' })),
    },
  },
  'POST /shipping/rates': {
    entry: 'http/quote-rates.ts',
    access: 'public',
    summary: 'Quote the shipping methods and prices for a cart.',
    readOnly: true,
    body: rateQuoteBody,
    response: {
      status: 200,
      description:
        'The shipping offers for a cart, cheapest first (then fastest, then by method id); an empty list ' +
        'when nothing ships to the destination.',
      body: z.object({ offers: z.array(rateOffer) }).check(z.meta({ id: 'RateQuote' })),
    },
    errors: [422],
  },
  'GET /shipments/{id}': {
    entry: 'http/get-shipment.ts',
    access: 'staff',
    summary: 'A shipment with its label and tracking history.',
    readOnly: true,
    params: shipmentIdParams,
    response: {
      status: 200,
      description: 'The shipment, its label and its tracking history (oldest first).',
      body: shipmentSchema,
    },
    errors: [404],
  },
  'POST /shipments/{id}/ship': {
    entry: 'http/mark-shipped.ts',
    access: 'staff',
    summary: 'Mark a shipment shipped by hand, with its tracking number.',
    params: shipmentIdParams,
    body: markShippedBody,
    response: {
      status: 200,
      description:
        'The shipment marked shipped by staff (created → in_transit; the same tracking number again is a ' +
        'no-op).',
      body: shipmentSchema,
    },
    errors: [404, 422],
  },
  'POST /webhooks/carriers/{carrier}': {
    entry: 'http/carrier-webhook.ts',
    permissions: ['carrierSecret'],
    access: 'public',
    summary: 'Carrier tracking webhook, authenticated by its signature.',
    params: carrierParams,
    rawBody: true,
    maxBodyBytes: 16 * 1024,
    response: {
      status: 200,
      description:
        'The carrier event was verified and applied once (`applied`, `recorded`), was seen before ' +
        '(`duplicate`), or names a tracking number never issued (`ignored`). The body is read raw: its ' +
        'signature header (`x-sandbox-signature` for the sandbox) covers the exact bytes; a missing, ' +
        'wrong or stale signature is 401 `invalid-webhook-signature`.',
      body: z
        .object({
          received: z.literal(true),
          eventId: z.string(),
          outcome: z.enum(['applied', 'recorded', 'duplicate', 'ignored']),
          shipmentId: z.optional(z.string()),
          status: z.optional(shipmentStatusSchema),
        })
        .check(z.meta({ id: 'CarrierWebhookReceipt' })),
    },
    errors: [401, 404, 422],
  },
});
