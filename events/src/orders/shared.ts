// Shapes shared by the order.* events: which order, whose, and the contact that notifications use, so a
// consumer needs no lookup to act on or tell the customer about a step.
import * as z from 'zod';

const minorUnits = z.number().int().nonnegative();

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
export const orderAddressSchema = z
  .object({
    name: z.string().min(1),
    company: z.string().min(1).optional(),
    line1: z.string().min(1),
    line2: z.string().min(1).optional(),
    city: z.string().min(1),
    region: z.string().min(1).optional(),
    postalCode: z.string().min(1),
    /** ISO 3166-1 alpha-2. */
    country: z.string().regex(/^[A-Z]{2}$/),
    /** E.164. */
    phone: z.string().min(1).optional(),
  })
  .strict();

/** Who to tell about the order and how: the checkout's email, name and locale, and the SMS opt-in. */
export const orderContactSchema = z
  .object({
    email: z.string().min(3),
    /** The name on the shipping address. */
    name: z.string().min(1),
    /** BCP 47; the storefront's language at checkout. */
    locale: z.string().min(2).optional(),
    /** E.164; present only when the customer gave one. */
    phone: z.string().min(1).optional(),
    /** The customer opted in to order updates by SMS at checkout. */
    smsUpdates: z.boolean(),
  })
  .strict();

/** What every order.* event carries. */
export const orderRefShape = {
  orderId: z.string().min(1),
  /** The human-readable number (`CM-2026-000123`). */
  number: z.string().min(1),
  /** Null for a guest checkout. */
  customerId: z.string().min(1).nullable(),
  /** ISO 4217. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  contact: orderContactSchema,
};

export const orderLineRefSchema = z
  .object({ sku: z.string().min(1), quantity: z.number().int().positive() })
  .strict();

export const orderShipmentSchema = z
  .object({
    shipmentId: z.string().min(1),
    carrier: z.string().min(1),
    trackingNumber: z.string().min(1),
    trackingUrl: z.url().optional(),
  })
  .strict();

export { minorUnits };
