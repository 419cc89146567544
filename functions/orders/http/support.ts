// What the orders handlers share: who is asking for a cart, the priced cart answer, the checkout answer.
import { UnauthorizedError } from '@commerce/lambda-kit/errors';
import type { HttpResult, Principal } from '@commerce/lambda-kit/http';
import { assertIdempotencyKey } from '../domain/idempotency.ts';
import type { CartAccess } from '../orders.ts';
import { orders } from '../runtime.ts';
import type { CartRecord, CheckoutAnswer } from '../store.ts';
import { cartView } from '../views.ts';

/** The header a guest sends its cart secret in. */
export const CART_SECRET_HEADER = 'x-cart-secret';

export function guest(cartId: string, headers: Readonly<Record<string, string | undefined>>): CartAccess {
  return { kind: 'guest', cartId, secret: headers[CART_SECRET_HEADER] };
}

export function customer(principal: Principal | undefined): Extract<CartAccess, { kind: 'customer' }> {
  if (!principal) throw new UnauthorizedError('Sign in to use your cart.');
  return { kind: 'customer', customerId: principal.sub, email: principal.email };
}

export async function pricedCart(
  record: CartRecord,
  correlationId: string,
  status = 200,
): Promise<HttpResult> {
  return { status, body: cartView(record, await orders.priceCart(record, correlationId)) };
}

export function idempotencyKeyOf(headers: Readonly<Record<string, string | undefined>>): string {
  return assertIdempotencyKey(headers['idempotency-key']);
}

export function checkoutResult(answer: CheckoutAnswer): HttpResult {
  return { status: answer.status, body: answer.body, headers: { 'content-type': answer.contentType } };
}
