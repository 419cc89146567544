// The response bodies the orders routes document (routes.ts): the cart as shoppers see it, the order, a page
// of orders and the checkout's result. Built once per cold start with the routes; the handlers answer these
// shapes (http/cart-view.ts, http/checkout-answer.ts).
import { pageSchema } from '@commerce/lambda-kit/contract';
import * as z from 'zod/mini';
import { addressSchema, orderStatusFilter } from './schemas.ts';

const amount = z.number().check(z.int(), z.nonnegative(), z.describe('Integer minor units of the currency.'));

/** An order's totals, as pricing quoted them; a cart's add whether the tax was estimated. */
const totals = z.object({
  subtotal: amount,
  discountTotal: amount,
  shipping: amount,
  taxTotal: amount,
  grandTotal: amount,
  taxIncluded: z.boolean(),
});

export const cartView = z
  .object({
    id: z.string(),
    currency: z.string(),
    lines: z.array(
      z.object({
        sku: z.string(),
        quantity: z.number().check(z.int()),
        unitPrice: z
          .optional(amount)
          .check(z.describe('What one unit costs now (sale and segment prices applied).')),
        unitOriginal: z.optional(amount),
        discount: z.optional(amount).check(z.describe('What promotions take off the line (Σ `promotions`).')),
        lineTotal: z.optional(amount),
        promotions: z.optional(
          z
            .array(z.object({ promotionId: z.string(), name: z.string(), amount }))
            .check(z.describe('Each promotion applied to the line, with what it takes off it.')),
        ),
      }),
    ),
    codes: z
      .array(
        z.object({
          code: z.string(),
          status: z
            .enum(['applied', 'not-applied', 'unknown', 'pending'])
            .check(
              z.describe(
                '`not-applied`: its promotion gives nothing now (see `promotions.notApplied`); `unknown`: no ' +
                  'promotion has it; `pending`: not checked yet (the cart cannot be priced).',
              ),
            ),
        }),
      )
      .check(z.describe('The promotion codes entered, upper case (codes are case-insensitive).')),
    promotions: z
      .object({
        applied: z.array(
          z.object({
            promotionId: z.string(),
            name: z.string(),
            code: z.optional(z.string()),
            class: z.enum(['item', 'order', 'shipping']),
            amount: amount.check(z.describe('Σ of its line amounts and its shipping discount.')),
            shipping: amount,
          }),
        ),
        notApplied: z.array(
          z.object({
            promotionId: z.string(),
            name: z.string(),
            code: z.optional(z.string()),
            reason: z
              .looseObject({ code: z.string(), detail: z.string() })
              .check(
                z.describe(
                  'Why it does not apply: `code` is inactive, not-started, ended, other-currency, ' +
                    'condition-failed (with `condition` and its `index`), excluded (with the promotion `by` ' +
                    'and the `rule`), limit-reached (with the `limit`), code-used (a single-use code) or ' +
                    'nothing-to-discount; `detail` says it ' +
                    'in words.',
                ),
              ),
          }),
        ),
      })
      .check(
        z.describe(
          'Every candidate promotion (the automatic ones and those of the codes), applied or with the reason ' +
            'it does not apply; the same evaluation the totals come from.',
        ),
      ),
    email: z.nullable(z.string()),
    shippingAddress: z.nullable(addressSchema),
    billingAddress: z.nullable(addressSchema),
    shippingMethod: z.nullable(z.string()),
    totals: z
      .nullable(
        z.extend(totals, {
          estimated: z
            .boolean()
            .check(z.describe('Tax worked out for the shop’s home country: the cart has no address yet.')),
        }),
      )
      .check(
        z.describe(
          'Priced live through the pricing service on every read; null while a line cannot be priced.',
        ),
      ),
    shippingOptions: z.array(
      z
        .object({
          methodId: z.string(),
          name: z.string(),
          carrier: z.string(),
          price: amount,
          free: z.boolean(),
          minDays: z.number().check(z.int()),
          maxDays: z.number().check(z.int()),
        })
        .check(z.meta({ id: 'CartShippingOption' })),
    ),
    issues: z
      .array(
        z.object({
          code: z.string(),
          detail: z.string(),
          sku: z.optional(z.string()),
          promotionCode: z.optional(z.string()),
        }),
      )
      .check(
        z.describe(
          'What keeps the cart from checkout; empty when it is ready. A code that gives nothing ' +
            '(`promotion-code-unknown`, `promotion-code-not-applied`) is one: remove it or change the cart.',
        ),
      ),
    version: z.number().check(z.int(), z.positive()),
    updatedAt: z.iso.datetime(),
  })
  .check(z.meta({ id: 'Cart' }));

const orderStatus = orderStatusFilter;

export const orderSchema = z
  .object({
    id: z.string(),
    number: z.string().check(z.describe('For people: `CM-<year>-<sequence>`.')),
    customerId: z.nullable(z.string()),
    email: z.string(),
    currency: z.string(),
    lines: z.array(
      z.object({
        sku: z.string(),
        productId: z
          .optional(z.string())
          .check(
            z.describe(
              'The catalog product of the SKU at checkout, to link the line to it; absent on orders placed ' +
                'before it was recorded.',
            ),
          ),
        title: z.string(),
        quantity: z.number().check(z.int()),
        unitPrice: amount,
        lineSubtotal: amount,
        discount: amount,
        tax: amount,
        lineTotal: amount,
      }),
    ),
    shippingAddress: addressSchema,
    billingAddress: addressSchema,
    contact: z.object({
      email: z.string(),
      phone: z.optional(z.string()),
      locale: z.optional(z.string()),
      smsUpdates: z.boolean(),
    }),
    shippingMethod: z.string(),
    totalWeightGrams: z.number().check(z.int()),
    totals,
    payment: z.object({
      id: z.optional(z.string()),
      provider: z.string(),
      intentId: z.optional(z.string()),
      status: z.enum(['pending', 'authorized', 'captured', 'failed', 'partially_refunded', 'refunded']),
      authorizedAmount: amount,
      capturedAmount: amount,
      refundedAmount: amount,
    }),
    shipment: z.optional(
      z.object({
        id: z.string(),
        carrier: z.string(),
        trackingNumber: z.string(),
        status: z.enum(['in_transit', 'delivered']),
      }),
    ),
    refunds: z.optional(
      z
        .array(
          z.object({
            id: z.string(),
            amount,
            status: z.enum(['requested', 'succeeded', 'failed']),
            requestedAt: z.iso.datetime(),
            actor: z.string(),
            settledAt: z.optional(z.iso.datetime()),
            failure: z.optional(z.string()),
          }),
        )
        .check(z.describe('Every refund asked for or made, oldest first; `requested` while it runs.')),
    ),
    paymentOperation: z.optional(
      z
        .object({ kind: z.literal('capture'), startedAt: z.iso.datetime() })
        .check(z.describe('Set while the capture holds the order; a cancellation waits for it.')),
    ),
    status: orderStatus,
    history: z.array(
      z.object({
        status: orderStatus,
        at: z.iso.datetime(),
        reason: z.optional(z.string()),
        actor: z.optional(z.string()),
      }),
    ),
    version: z.number().check(z.int(), z.positive()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .check(z.meta({ id: 'Order' }));

export const orderPage = pageSchema(orderSchema, 'OrderPage');

export const checkoutResult = z
  .object({
    order: orderSchema,
    payment: z.object({
      status: z.string().check(z.describe('`authorized`, or `requires_action` with `nextAction`.')),
      nextAction: z.optional(
        z.union([
          z.object({ type: z.literal('redirect'), url: z.string() }),
          z.object({ type: z.literal('client_sdk'), clientSecret: z.string() }),
        ]),
      ),
    }),
  })
  .check(z.meta({ id: 'CheckoutResult' }));
