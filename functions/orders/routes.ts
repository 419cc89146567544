// The orders service's routes, each declared once: its handler, who may call it, what it calls, the schemas
// the handler validates with and the response it gives. The API, the OpenAPI document and the authorizer's
// route table are built from these entries (scripts/generate.ts). Carts (guests by id and secret, customers
// at /me/cart), checkout, and orders for their customers and for staff.
import type { RouteContract } from '@commerce/lambda-kit/contract';
import {
  inventoryExtend,
  inventoryRelease,
  inventoryReserve,
  paymentAuthorize,
  paymentRefund,
  pricingQuote,
  promotionsReserve,
  shippingCancelShipment,
  shippingQuoteRates,
} from '@commerce/contracts';
import { defineRoutes } from '@commerce/lambda-kit/service';
import * as z from 'zod/mini';
import {
  addCodeBody,
  addLineBody,
  cancelBody,
  cartCodeParams,
  cartLineParams,
  cartSecretHeaders,
  cartParams,
  checkoutBody,
  checkoutHeaders,
  createCartBody,
  mergeCartBody,
  myCartCodeParams,
  myCartLineParams,
  myOrdersQuery,
  orderParams,
  ordersQuery,
  refundBody,
  setLineBody,
  updateCartBody,
} from './schemas.ts';
import { cartView, checkoutResult, orderPage, orderSchema } from './views.ts';

const cartResponse = (description: string) => ({ status: 200 as const, description, body: cartView });

const checkout = {
  headers: checkoutHeaders,
  body: checkoutBody,
  response: {
    status: 201 as const,
    alsoStatuses: [202, 200],
    description:
      'The order, created and its payment authorized (201), or waiting for the shopper’s action at the ' +
      'gateway (202, `payment.nextAction`). Needs an `Idempotency-Key` header: a retry with the same key ' +
      'and body answers the same (no second order or charge; after a 202, the order as it stands with 200 once ' +
      'the gateway settled the payment), the same key with another body is a 422 ' +
      '`idempotency-key-reused`, and a retry while the first runs a 409. A declined payment is a 402 ' +
      '`payment-declined` naming the cancelled order; an unreachable gateway a 503 (order cancelled, ' +
      'nothing charged); too little stock a 409 `insufficient-stock` with `shortages` (a guest sees the ' +
      'short SKUs, not how many are left). One checkout per cart: another key while a checkout holds the ' +
      'cart is a 409 `cart-checkout-in-progress`, after it placed its order a 409 `cart-checked-out`, both ' +
      'with that checkout’s `orderId`. A retry resumed after its stock hold ran out is a 409 ' +
      '`reservation-expired` (the order cancelled, nothing charged).',
    body: checkoutResult,
  },
  errors: [402, 404, 409, 422, 503],
} as const satisfies RouteContract;

/** Pricing a cart asks pricing for the quote and shipping for the rates. */
const pricingPeers = [pricingQuote, shippingQuoteRates];
/**
 * Checkout also holds the stock and the promotions (giving the stock back when a promotion ran out),
 * authorizes the payment and keeps the stock held once authorized.
 */
const checkoutPeers = [
  ...pricingPeers,
  inventoryReserve,
  inventoryRelease,
  promotionsReserve,
  paymentAuthorize,
  inventoryExtend,
];

export const ordersRoutes = defineRoutes('orders', {
  'POST /carts': {
    entry: 'http/create-cart.ts',
    access: 'public',
    summary: 'Create a guest cart; answers its secret once.',
    invokes: pricingPeers,
    body: createCartBody,
    response: {
      status: 201,
      description:
        'A guest cart and its secret. The secret is shown once: send it as `X-Cart-Secret` with every ' +
        'request on this cart.',
      body: z.object({ cart: cartView, secret: z.string() }).check(z.meta({ id: 'GuestCart' })),
    },
  },
  'GET /carts/{id}': {
    entry: 'http/get-cart.ts',
    access: 'public',
    summary: 'The guest cart, priced now (X-Cart-Secret).',
    invokes: pricingPeers,
    params: cartParams,
    headers: cartSecretHeaders,
    response: cartResponse('The guest cart, priced now.'),
    errors: [404],
  },
  'POST /carts/{id}/lines': {
    entry: 'http/add-line.ts',
    access: 'public',
    summary: 'Add units of a SKU to a guest cart.',
    invokes: pricingPeers,
    params: cartParams,
    headers: cartSecretHeaders,
    body: addLineBody,
    response: cartResponse('The cart with the units added (merged into the SKU’s line if it has one).'),
    errors: [404, 409, 422],
  },
  'PUT /carts/{id}/lines/{sku}': {
    entry: 'http/set-line.ts',
    access: 'public',
    summary: 'Set the quantity of a guest cart line.',
    invokes: pricingPeers,
    params: cartLineParams,
    headers: cartSecretHeaders,
    body: setLineBody,
    response: cartResponse('The cart with the line’s new quantity.'),
    errors: [404, 409],
  },
  'DELETE /carts/{id}/lines/{sku}': {
    entry: 'http/remove-line.ts',
    access: 'public',
    summary: 'Remove a guest cart line.',
    invokes: pricingPeers,
    params: cartLineParams,
    headers: cartSecretHeaders,
    response: cartResponse('The cart without the line (unchanged when it had none).'),
    errors: [404, 409],
  },
  'PATCH /carts/{id}': {
    entry: 'http/update-cart.ts',
    access: 'public',
    summary: 'Set a guest cart’s email, addresses or method.',
    invokes: pricingPeers,
    params: cartParams,
    headers: cartSecretHeaders,
    body: updateCartBody,
    response: cartResponse('The cart with its email, addresses or shipping method changed.'),
    errors: [404, 409],
  },
  'POST /carts/{id}/codes': {
    entry: 'http/add-code.ts',
    access: 'public',
    summary: 'Enter a promotion code in a guest cart.',
    invokes: pricingPeers,
    params: cartParams,
    headers: cartSecretHeaders,
    body: addCodeBody,
    response: cartResponse(
      'The cart with the code (upper case) and what its promotion gives, or why it gives nothing now. A ' +
        'code no promotion has is a 422 `promotion-code-unknown` (an empty cart keeps it until it is priced); ' +
        'more than five codes a 422 `cart-too-many-codes`.',
    ),
    errors: [404, 409, 422],
  },
  'DELETE /carts/{id}/codes/{code}': {
    entry: 'http/remove-code.ts',
    access: 'public',
    summary: 'Remove a promotion code from a guest cart.',
    invokes: pricingPeers,
    params: cartCodeParams,
    headers: cartSecretHeaders,
    response: cartResponse('The cart without the code, in any case (unchanged when it had none).'),
    errors: [404, 409],
  },
  'POST /carts/{id}/checkout': {
    entry: 'http/checkout.ts',
    access: 'public',
    summary: 'Place the guest cart’s order and authorize its payment (Idempotency-Key).',
    invokes: checkoutPeers,
    timeoutSeconds: 28,
    params: cartParams,
    ...checkout,
    headers: z.object({ ...checkoutHeaders.shape, ...cartSecretHeaders.shape }),
  },
  'GET /me/cart': {
    entry: 'http/get-my-cart.ts',
    access: 'customer',
    summary: 'The customer’s cart, priced now.',
    invokes: pricingPeers,
    response: cartResponse('The signed-in customer’s cart, priced now (empty if none).'),
  },
  'POST /me/cart/lines': {
    entry: 'http/add-my-line.ts',
    access: 'customer',
    summary: 'Add units of a SKU to the customer’s cart.',
    invokes: pricingPeers,
    body: addLineBody,
    response: cartResponse('The cart with the units added.'),
    errors: [409, 422],
  },
  'PUT /me/cart/lines/{sku}': {
    entry: 'http/set-my-line.ts',
    access: 'customer',
    summary: 'Set the quantity of a cart line.',
    invokes: pricingPeers,
    params: myCartLineParams,
    body: setLineBody,
    response: cartResponse('The cart with the line’s new quantity.'),
    errors: [404, 409],
  },
  'DELETE /me/cart/lines/{sku}': {
    entry: 'http/remove-my-line.ts',
    access: 'customer',
    summary: 'Remove a cart line.',
    invokes: pricingPeers,
    params: myCartLineParams,
    response: cartResponse('The cart without the line.'),
    errors: [409],
  },
  'PATCH /me/cart': {
    entry: 'http/update-my-cart.ts',
    access: 'customer',
    summary: 'Set the cart’s addresses or shipping method.',
    invokes: pricingPeers,
    body: z.omit(updateCartBody, { email: true }),
    response: cartResponse('The cart with its addresses or shipping method changed.'),
    errors: [409],
  },
  'POST /me/cart/codes': {
    entry: 'http/add-my-code.ts',
    access: 'customer',
    summary: 'Enter a promotion code in the customer’s cart.',
    invokes: pricingPeers,
    body: addCodeBody,
    response: cartResponse(
      'The cart with the code and what its promotion gives, or why it gives nothing now (422 ' +
        '`promotion-code-unknown` for a code no promotion has).',
    ),
    errors: [409, 422],
  },
  'DELETE /me/cart/codes/{code}': {
    entry: 'http/remove-my-code.ts',
    access: 'customer',
    summary: 'Remove a promotion code from the customer’s cart.',
    invokes: pricingPeers,
    params: myCartCodeParams,
    response: cartResponse('The cart without the code (unchanged when it had none).'),
    errors: [409],
  },
  'POST /me/cart/checkout': {
    entry: 'http/checkout-my-cart.ts',
    access: 'customer',
    summary: 'Place the customer’s order and authorize its payment (Idempotency-Key).',
    invokes: checkoutPeers,
    timeoutSeconds: 28,
    ...checkout,
  },
  'POST /me/cart/merge': {
    entry: 'http/merge-cart.ts',
    access: 'customer',
    summary: 'Fold a guest cart into the customer’s on sign-in.',
    invokes: pricingPeers,
    body: mergeCartBody,
    response: {
      status: 200,
      description:
        'The guest cart folded into the customer’s (quantities summed up to 100, the customer’s addresses ' +
        'and method kept); the guest cart is gone. `capped` and `dropped` name SKUs cut or left out.',
      body: z
        .object({ cart: cartView, capped: z.array(z.string()), dropped: z.array(z.string()) })
        .check(z.meta({ id: 'CartMerge' })),
    },
    errors: [404, 409],
  },
  'GET /me/orders': {
    entry: 'http/list-my-orders.ts',
    access: 'customer',
    summary: 'The customer’s orders, newest first.',
    readOnly: true,
    paginates: true,
    query: myOrdersQuery,
    response: { status: 200, description: 'The customer’s orders, newest first.', body: orderPage },
  },
  'GET /me/orders/{id}': {
    entry: 'http/get-my-order.ts',
    access: 'customer',
    summary: 'One of the customer’s orders.',
    readOnly: true,
    params: orderParams,
    response: { status: 200, description: 'One of the customer’s orders.', body: orderSchema },
    errors: [404],
  },
  'POST /me/orders/{id}/cancel': {
    entry: 'http/cancel-my-order.ts',
    access: 'customer',
    summary: 'Cancel one of the customer’s orders before fulfilment starts.',
    params: orderParams,
    body: cancelBody,
    response: {
      status: 200,
      description:
        'The order, cancelled (while it is `pending_payment` or `paid`); stock goes back and the payment ' +
        'is voided or refunded. From `fulfilling` on a 409 `order-fulfilment-started` (support can still ' +
        'try); a 409 `payment-capture-in-progress` when its capture did not finish within a few seconds ' +
        '(try again); a 422 `illegal-transition` once cancelled or refunded.',
      body: orderSchema,
    },
    errors: [404, 409, 422],
  },
  'GET /orders': {
    entry: 'http/list-orders.ts',
    access: 'staff',
    summary: 'Orders, newest first: filter by status or email, find by number.',
    readOnly: true,
    paginates: true,
    query: ordersQuery,
    response: {
      status: 200,
      description: 'Orders, newest first; `status` and `email` filter, `number` finds one.',
      body: orderPage,
    },
  },
  'GET /orders/{id}': {
    entry: 'http/get-order.ts',
    access: 'staff',
    summary: 'An order with its status history.',
    readOnly: true,
    params: orderParams,
    response: { status: 200, description: 'The order with its status history.', body: orderSchema },
    errors: [404],
  },
  'POST /orders/{id}/cancel': {
    entry: 'http/cancel-order.ts',
    access: 'staff',
    summary: 'Cancel an order before it ships (stopping its shipment at the carrier).',
    invokes: [shippingCancelShipment],
    params: orderParams,
    body: cancelBody,
    response: {
      status: 200,
      description:
        'The order, cancelled; stock goes back and the payment is voided or refunded. In `fulfilling` the ' +
        'shipment is stopped at its carrier first: a 409 `shipment-too-late-to-cancel` when the carrier ' +
        'has the parcel (the order stays as it is). A 409 `payment-capture-in-progress` or ' +
        '`refund-in-progress` when a payment operation did not finish within a few seconds; a 422 ' +
        '`illegal-transition` once shipped, cancelled or refunded.',
      body: orderSchema,
    },
    errors: [404, 409, 422],
  },
  'POST /orders/{id}/refunds': {
    entry: 'http/refund-order.ts',
    access: 'staff',
    summary: 'Refund all or part of an order’s payment.',
    invokes: [paymentRefund],
    params: orderParams,
    body: refundBody,
    response: {
      status: 200,
      description:
        'The order after the refund (partially_refunded, or refunded once everything captured went back), ' +
        'the refund in `refunds`. The refund is recorded on the order before the gateway is asked: a retry ' +
        'or a concurrent request for the same amount while it is open carries that refund on (never a ' +
        'second one); another amount meanwhile is a 409 `refund-in-progress`. Above the stage’s approval ' +
        'limit only an admin may refund (403 `refund-needs-admin`).',
      body: orderSchema,
    },
    errors: [404, 409, 422],
  },
});
