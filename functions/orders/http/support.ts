// What the orders handlers share: who is asking for a cart, the Idempotency-Key, the priced cart answer.
import { UnauthorizedError } from '@commerce/lambda-kit/errors';
import type { HttpResult, Principal } from '@commerce/lambda-kit/http';
import { assertIdempotencyKey } from '../domain/idempotency.ts';
import type { CartAccess, CartWithPrices, CustomerAccess } from '../use-cases/carts.ts';
import { cartView } from './cart-view.ts';

/** The header a guest sends its cart secret in. */
export const CART_SECRET_HEADER = 'x-cart-secret';

export function guest(cartId: string, headers: Readonly<Record<string, string | undefined>>): CartAccess {
  return { kind: 'guest', cartId, secret: headers[CART_SECRET_HEADER] };
}

export function customer(principal: Principal | undefined): CustomerAccess {
  if (!principal) throw new UnauthorizedError('Sign in to use your cart.');
  return { kind: 'customer', customerId: principal.sub, email: principal.email };
}

export function cartAnswer(cart: CartWithPrices, status = 200): HttpResult {
  return { status, body: cartView(cart) };
}

export function idempotencyKeyOf(headers: Readonly<Record<string, string | undefined>>): string {
  return assertIdempotencyKey(headers['idempotency-key']);
}
