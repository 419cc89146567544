// The orders service's request schemas: carts, checkout and order queries. Unknown fields are refused
// (`.strict()`), every string is bounded.
import * as z from 'zod';
import { MAX_LINE_QUANTITY } from './domain/cart.ts';
import { ORDER_STATUSES } from './domain/order.ts';

export const cartId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,80}$/, 'Must be 1-80 letters, digits, "-" or "_".')
  .describe('The cart id.');
export const orderId = z
  .string()
  .regex(/^ord_[a-f0-9]{32}$/, 'An order id such as ord_0f3c….')
  .describe('The order id.');
export const sku = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'A SKU: letters, digits, ".", "_" or "-", at most 64.');
export const currency = z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as EUR.');
const quantity = z.number().int().min(1).max(MAX_LINE_QUANTITY);

export const addressSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    company: z.string().trim().min(1).max(200).optional(),
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().min(1).max(200).optional(),
    city: z.string().trim().min(1).max(100),
    region: z
      .string()
      .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'An ISO 3166-2 code such as DE-BY.')
      .optional(),
    postalCode: z.string().trim().min(1).max(20),
    country: z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as DE.'),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{4,14}$/, 'An E.164 number such as +4930123456.')
      .optional(),
  })
  .strict()
  .meta({ id: 'PostalAddress' });

export const cartParams = z.object({ id: cartId }).strict();
export const cartLineParams = z.object({ id: cartId, sku }).strict();
export const myCartLineParams = z.object({ sku }).strict();
export const orderParams = z.object({ id: orderId }).strict();

export const createCartBody = z.object({ currency }).strict();
export const addLineBody = z.object({ sku, quantity }).strict();
export const setLineBody = z.object({ quantity }).strict();
export const updateCartBody = z
  .object({
    email: z.email().max(254).nullable().optional().describe("Guests: where the order's messages go."),
    shippingAddress: addressSchema.nullable().optional(),
    billingAddress: addressSchema.nullable().optional().describe('Null: the same as the shipping address.'),
    shippingMethod: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/)
      .nullable()
      .optional()
      .describe('A `methodId` from the cart view’s `shippingOptions`.'),
    version: z.number().int().positive().optional().describe('Refuse the change if the cart moved on.'),
  })
  .strict();
export const mergeCartBody = z
  .object({ cartId, secret: z.string().min(1).max(100).describe('The guest cart’s secret.') })
  .strict();

export const checkoutBody = z
  .object({
    payment: z
      .object({
        /** A token from the gateway's client library; never card data. */
        token: z
          .string()
          .min(1)
          .max(255)
          .describe('`tok_sandbox_approve`, a Stripe `pm_…`, …; never card data.'),
        provider: z.enum(['sandbox', 'stripe']).optional(),
        returnUrl: z
          .url()
          .max(2048)
          .optional()
          .describe('Where a "requires action" page sends the shopper back.'),
      })
      .strict(),
    smsUpdates: z
      .boolean()
      .default(false)
      .describe('Text me order updates (needs a phone on the shipping address).'),
    locale: z
      .string()
      .regex(/^[a-z]{2}(-[A-Z]{2})?$/)
      .optional()
      .describe('The language of the messages, BCP 47 (`de`, `en-GB`).'),
  })
  .strict();

export const orderStatusFilter = z.enum(ORDER_STATUSES);

const limit = z.coerce.number().int().min(1).max(100).default(20);
const cursor = z.string().min(1).max(2000).optional();
export const myOrdersQuery = z.object({ limit, cursor }).strict();
export const ordersQuery = z
  .object({
    limit,
    cursor,
    status: orderStatusFilter.optional(),
    email: z.email().max(254).optional().describe('Orders placed with this email address.'),
    number: z
      .string()
      .regex(/^CM-\d{4}-\d{6,}$/)
      .optional()
      .describe('The order with this number.'),
  })
  .strict();

export const cancelBody = z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict();
export const refundBody = z
  .object({
    amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('Minor units.'),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
