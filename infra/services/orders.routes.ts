// The orders service's routes and the access each needs (plain data, see catalog.routes.ts). Guests use
// their cart by id and secret (public routes; the secret in X-Cart-Secret is the authorization); signed-in
// customers use /me/cart and their own orders; staff see, cancel and refund every order.
import type { InvokeTarget, RouteDefinition } from '../constructs/service-definition.ts';

const dir = 'functions/orders/http';

/** Pricing a cart asks pricing for the quote and shipping for the rates. */
const pricing: readonly InvokeTarget[] = [
  { service: 'pricing', name: 'quote' },
  { service: 'shipping', name: 'quoteRates' },
];
/** Checkout also holds the stock and authorizes the payment. */
const checkout: readonly InvokeTarget[] = [
  ...pricing,
  { service: 'inventory', name: 'reserve' },
  { service: 'payment', name: 'authorize' },
];
/** Checkout calls four services in turn, each possibly cold: more than the default timeout. */
const CHECKOUT_TIMEOUT_SECONDS = 28;

const cartRoute = (
  method: RouteDefinition['method'],
  path: string,
  handler: string,
  summary: string,
  access: 'public' | 'customer',
): RouteDefinition => ({ method, path, access, handler: `${dir}/${handler}.ts`, summary, invokes: pricing });

export const ordersRoutes: readonly RouteDefinition[] = [
  cartRoute('POST', '/carts', 'create-cart', 'Create a guest cart; answers its secret once.', 'public'),
  cartRoute('GET', '/carts/{id}', 'get-cart', 'The guest cart, priced now (X-Cart-Secret).', 'public'),
  cartRoute('POST', '/carts/{id}/lines', 'add-line', 'Add units of a SKU to a guest cart.', 'public'),
  cartRoute('PUT', '/carts/{id}/lines/{sku}', 'set-line', 'Set the quantity of a guest cart line.', 'public'),
  cartRoute('DELETE', '/carts/{id}/lines/{sku}', 'remove-line', 'Remove a guest cart line.', 'public'),
  cartRoute(
    'PATCH',
    '/carts/{id}',
    'update-cart',
    'Set a guest cart’s email, addresses or method.',
    'public',
  ),
  {
    method: 'POST',
    path: '/carts/{id}/checkout',
    access: 'public',
    handler: `${dir}/checkout.ts`,
    summary: 'Place the guest cart’s order and authorize its payment (Idempotency-Key).',
    invokes: checkout,
    timeoutSeconds: CHECKOUT_TIMEOUT_SECONDS,
  },
  cartRoute('GET', '/me/cart', 'get-my-cart', 'The customer’s cart, priced now.', 'customer'),
  cartRoute(
    'POST',
    '/me/cart/lines',
    'add-my-line',
    'Add units of a SKU to the customer’s cart.',
    'customer',
  ),
  cartRoute('PUT', '/me/cart/lines/{sku}', 'set-my-line', 'Set the quantity of a cart line.', 'customer'),
  cartRoute('DELETE', '/me/cart/lines/{sku}', 'remove-my-line', 'Remove a cart line.', 'customer'),
  cartRoute(
    'PATCH',
    '/me/cart',
    'update-my-cart',
    'Set the cart’s addresses or shipping method.',
    'customer',
  ),
  {
    method: 'POST',
    path: '/me/cart/checkout',
    access: 'customer',
    handler: `${dir}/checkout-my-cart.ts`,
    summary: 'Place the customer’s order and authorize its payment (Idempotency-Key).',
    invokes: checkout,
    timeoutSeconds: CHECKOUT_TIMEOUT_SECONDS,
  },
  cartRoute(
    'POST',
    '/me/cart/merge',
    'merge-cart',
    'Fold a guest cart into the customer’s on sign-in.',
    'customer',
  ),
  {
    method: 'GET',
    path: '/me/orders',
    access: 'customer',
    handler: `${dir}/list-my-orders.ts`,
    summary: 'The customer’s orders, newest first.',
    readOnly: true,
    paginates: true,
  },
  {
    method: 'GET',
    path: '/me/orders/{id}',
    access: 'customer',
    handler: `${dir}/get-my-order.ts`,
    summary: 'One of the customer’s orders.',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/me/orders/{id}/cancel',
    access: 'customer',
    handler: `${dir}/cancel-my-order.ts`,
    summary: 'Cancel one of the customer’s orders before it ships.',
  },
  {
    method: 'GET',
    path: '/orders',
    access: 'staff',
    handler: `${dir}/list-orders.ts`,
    summary: 'Orders, newest first: filter by status or email, find by number.',
    readOnly: true,
    paginates: true,
  },
  {
    method: 'GET',
    path: '/orders/{id}',
    access: 'staff',
    handler: `${dir}/get-order.ts`,
    summary: 'An order with its status history.',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/orders/{id}/cancel',
    access: 'staff',
    handler: `${dir}/cancel-order.ts`,
    summary: 'Cancel an order before it ships.',
  },
  {
    method: 'POST',
    path: '/orders/{id}/refunds',
    access: 'staff',
    handler: `${dir}/refund-order.ts`,
    summary: 'Refund all or part of an order’s payment.',
    invokes: [{ service: 'payment', name: 'refund' }],
  },
];
