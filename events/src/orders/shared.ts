// Shapes shared by the order.* events: which order, whose, and the contact that notifications use, so a
// consumer needs no lookup to act on or tell the customer about a step.
import * as z from 'zod/mini';

const minorUnits = z.number().check(z.int(), z.nonnegative());

export const orderStatusSchema = z.enum([
  'pending_payment',
  'paid',
  'fulfilling',
  'shipped',
  'delivered',
  'cancelled',
  'partially_refunded',
  'refunded',
]);

/** The postal address an order ships or bills to, as the customer gave it at checkout. */
export const orderAddressSchema = z.strictObject({
  name: z.string().check(z.minLength(1)),
  company: z.optional(z.string().check(z.minLength(1))),
  line1: z.string().check(z.minLength(1)),
  line2: z.optional(z.string().check(z.minLength(1))),
  city: z.string().check(z.minLength(1)),
  region: z.optional(z.string().check(z.minLength(1))),
  postalCode: z.string().check(z.minLength(1)),
  /** ISO 3166-1 alpha-2. */
  country: z.string().check(z.regex(/^[A-Z]{2}$/)),
  /** E.164. */
  phone: z.optional(z.string().check(z.minLength(1))),
});

/** Who to tell about the order and how: the checkout's email, name and locale, and the SMS opt-in. */
export const orderContactSchema = z.strictObject({
  email: z.string().check(z.minLength(3)),
  /** The name on the shipping address. */
  name: z.string().check(z.minLength(1)),
  /** BCP 47; the storefront's language at checkout. */
  locale: z.optional(z.string().check(z.minLength(2))),
  /** E.164; present only when the customer gave one. */
  phone: z.optional(z.string().check(z.minLength(1))),
  /** The customer opted in to order updates by SMS at checkout. */
  smsUpdates: z.boolean(),
});

/** What every order.* event carries. */
export const orderRefShape = {
  orderId: z.string().check(z.minLength(1)),
  /** The human-readable number (`CM-2026-000123`). */
  number: z.string().check(z.minLength(1)),
  /** Null for a guest checkout. */
  customerId: z.nullable(z.string().check(z.minLength(1))),
  /** ISO 4217. */
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
  contact: orderContactSchema,
};

/** The catalog product of a line's SKU, as orders knew it at checkout (absent on older orders). */
export const orderLineProductId = z.optional(
  z
    .string()
    .check(
      z.minLength(1),
      z.describe('The product of the SKU at checkout; absent on orders placed before it was recorded.'),
    ),
);

export const orderLineRefSchema = z.strictObject({
  sku: z.string().check(z.minLength(1)),
  quantity: z.number().check(z.int(), z.positive()),
  productId: orderLineProductId,
});

export const orderShipmentSchema = z.strictObject({
  shipmentId: z.string().check(z.minLength(1)),
  carrier: z.string().check(z.minLength(1)),
  trackingNumber: z.string().check(z.minLength(1)),
  trackingUrl: z.optional(z.url()),
});

export { minorUnits };
