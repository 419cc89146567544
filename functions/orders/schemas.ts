// The orders service's request schemas: carts, checkout and order queries. Unknown fields are refused
// (`.strict()`), every string is bounded.
import { cursorQuery, text } from '@commerce/lambda-kit/contract';
import * as z from 'zod/mini';
import { MAX_GUEST_LINE_QUANTITY, MAX_GUEST_UNITS, MAX_LINE_QUANTITY } from './domain/cart.ts';
import { KEY_PATTERN } from './domain/idempotency.ts';
import { ORDER_STATUSES } from './domain/order.ts';

export const cartId = z
  .string()
  .check(
    z.regex(/^[A-Za-z0-9_-]{1,80}$/, 'Must be 1-80 letters, digits, "-" or "_".'),
    z.describe('The cart id.'),
  );
export const orderId = z
  .string()
  .check(z.regex(/^ord_[a-f0-9]{32}$/, 'An order id such as ord_0f3c….'), z.describe('The order id.'));
export const sku = z
  .string()
  .check(
    z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'A SKU: letters, digits, ".", "_" or "-", at most 64.'),
  );
export const currency = z.string().check(z.regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as EUR.'));
const quantity = z
  .number()
  .check(
    z.int(),
    z.gte(1),
    z.lte(MAX_LINE_QUANTITY),
    z.describe(
      `A guest cart (no sign-in) holds at most ${MAX_GUEST_LINE_QUANTITY} of a product and ` +
        `${MAX_GUEST_UNITS} units in all: beyond, 422 \`guest-cart-limit\`.`,
    ),
  );

export const addressSchema = z
  .strictObject({
    name: text(200),
    company: z.optional(text(200)),
    line1: text(200),
    line2: z.optional(text(200)),
    city: text(100),
    region: z.optional(
      z.string().check(z.regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'An ISO 3166-2 code such as DE-BY.')),
    ),
    postalCode: text(20),
    country: z.string().check(z.regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as DE.')),
    phone: z.optional(z.string().check(z.regex(/^\+[1-9]\d{4,14}$/, 'An E.164 number such as +4930123456.'))),
  })
  .check(z.meta({ id: 'PostalAddress' }));

export const cartParams = z.strictObject({ id: cartId });
export const cartLineParams = z.strictObject({ id: cartId, sku });
export const myCartLineParams = z.strictObject({ sku });
export const orderParams = z.strictObject({ id: orderId });
const promotionCode = z
  .string()
  .check(
    z.regex(/^[A-Za-z0-9_-]{1,32}$/, 'Letters, digits, "-" or "_", at most 32.'),
    z.describe('A promotion code, in any case.'),
  );
export const cartCodeParams = z.strictObject({ id: cartId, code: promotionCode });
export const myCartCodeParams = z.strictObject({ code: promotionCode });
export const addCodeBody = z.strictObject({ code: promotionCode });

export const createCartBody = z.strictObject({ currency });
export const addLineBody = z.strictObject({ sku, quantity });
export const setLineBody = z.strictObject({ quantity });
export const updateCartBody = z.strictObject({
  email: z
    .optional(z.nullable(z.email().check(z.maxLength(254))))
    .check(z.describe("Guests: where the order's messages go.")),
  shippingAddress: z.optional(z.nullable(addressSchema)),
  billingAddress: z
    .optional(z.nullable(addressSchema))
    .check(z.describe('Null: the same as the shipping address.')),
  shippingMethod: z
    .optional(z.nullable(z.string().check(z.regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/))))
    .check(z.describe('A `methodId` from the cart view’s `shippingOptions`.')),
  version: z
    .optional(z.number().check(z.int(), z.positive()))
    .check(z.describe('Refuse the change if the cart moved on.')),
});
export const mergeCartBody = z.strictObject({
  cartId,
  secret: z.string().check(z.minLength(1), z.maxLength(100), z.describe('The guest cart’s secret.')),
});

export const checkoutBody = z.strictObject({
  payment: z.strictObject({
    /** A token from the gateway's client library; never card data. */
    token: z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(255),
        z.describe('`tok_sandbox_approve`, a Stripe `pm_…`, …; never card data.'),
      ),
    provider: z
      .optional(z.enum(['sandbox', 'stripe']))
      .check(
        z.describe(
          'The gateway; leave out for the stage’s default. A gateway this stage does not take payments ' +
            'through (production: the sandbox) is a 422 `payment-provider-not-allowed` at `/payment/provider`.',
        ),
      ),
    returnUrl: z
      .optional(z.url().check(z.maxLength(2048)))
      .check(z.describe('Where a "requires action" page sends the shopper back.')),
  }),
  smsUpdates: z
    ._default(z.boolean(), false)
    .check(z.describe('Text me order updates (needs a phone on the shipping address).')),
  locale: z
    .optional(z.string().check(z.regex(/^[a-z]{2}(-[A-Z]{2})?$/)))
    .check(z.describe('The language of the messages, BCP 47 (`de`, `en-GB`).')),
});

export const orderStatusFilter = z.enum(ORDER_STATUSES);

const limit = z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20);
const cursor = cursorQuery(2000);
export const myOrdersQuery = z.strictObject({ limit, cursor });
export const ordersQuery = z.strictObject({
  limit,
  cursor,
  status: z.optional(orderStatusFilter),
  email: z
    .optional(z.email().check(z.maxLength(254)))
    .check(z.describe('Orders placed with this email address.')),
  number: z
    .optional(z.string().check(z.regex(/^CM-\d{4}-\d{6,}$/)))
    .check(z.describe('The order with this number.')),
});

export const cancelBody = z.strictObject({
  reason: z.optional(text(500)),
});
export const refundBody = z.strictObject({
  amount: z.number().check(z.int(), z.positive(), z.lte(Number.MAX_SAFE_INTEGER), z.describe('Minor units.')),
  reason: z.optional(text(500)),
});

/** Checkout's headers: the Idempotency-Key that makes a retry safe. */
/** The guest routes' cart secret (what POST /carts answered); documented, checked by the use case. */
export const cartSecretHeaders = z.object({
  'x-cart-secret': z.optional(
    z
      .string()
      .check(
        z.describe(
          'The cart’s secret, as POST /carts answered it. Without it, or with another, the cart is a 404.',
        ),
      ),
  ),
});

export const checkoutHeaders = z.object({
  'idempotency-key': z
    .string()
    .check(
      z.regex(KEY_PATTERN, 'Must be 1 to 255 visible ASCII characters (no spaces).'),
      z.describe(
        'Makes a retry safe: the same key with the same body answers the same, without a second order.',
      ),
    ),
});
