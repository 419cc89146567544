// One attempt to place an order: its Idempotency-Key and body, kept in sessionStorage so a retry after a
// lost answer, and the 3-D Secure page's replay, send exactly the same request (the API then answers the
// first outcome again instead of placing a second order). A new attempt gets a new key.
import type { components } from '@commerce/api-client';
import { problemOf, problemSlug, type CommerceClient, type Problem } from '@commerce/web-kit';
import * as z from 'zod/mini';
import { CART_SECRET_HEADER, type CartOwner } from './cart.ts';
import { storedValue } from './stored-value.ts';

export type CheckoutBody = components['schemas']['CheckoutRequest'];
export type CheckoutResult = components['schemas']['CheckoutResult'];
export type Order = components['schemas']['Order'];

/** The sandbox gateway's test cards (functions/payment/providers/sandbox.ts). */
export const TEST_CARDS = [
  { token: 'tok_sandbox_approve', label: 'Approve' },
  { token: 'tok_sandbox_decline', label: 'Decline' },
  { token: 'tok_sandbox_requires_action', label: 'Requires action (3-D Secure)' },
] as const;

const attemptSchema = z.object({
  key: z.string(),
  body: z.object({
    payment: z.object({ token: z.string(), provider: z.optional(z.enum(['sandbox', 'stripe'])) }),
    smsUpdates: z.boolean(),
  }),
  cart: z.union([
    z.object({ kind: z.literal('customer') }),
    z.object({ kind: z.literal('guest'), id: z.string(), secret: z.string() }),
  ]),
  /** Set once the gateway asked for 3-D Secure: what the challenge page needs. */
  challenge: z.optional(
    z.object({ url: z.string(), orderId: z.string(), amount: z.number(), currency: z.string() }),
  ),
});
export type CheckoutAttempt = z.infer<typeof attemptSchema>;

export const checkoutAttempt = storedValue(window.sessionStorage, 'shop.checkoutAttempt', attemptSchema);

/** The attempt to send: the stored one when it is for the same cart and body (a retry), else a new key. */
export function attemptFor(cart: CartOwner, body: CheckoutAttempt['body']): CheckoutAttempt {
  const stored = checkoutAttempt.get();
  const sameCart =
    stored !== null &&
    stored.cart.kind === cart.kind &&
    (cart.kind === 'customer' || (stored.cart.kind === 'guest' && stored.cart.id === cart.id));
  if (stored && sameCart && !stored.challenge && JSON.stringify(stored.body) === JSON.stringify(body)) {
    return stored;
  }
  const attempt: CheckoutAttempt = {
    key: crypto.randomUUID(),
    body,
    cart:
      cart.kind === 'customer' ? { kind: 'customer' } : { kind: 'guest', id: cart.id, secret: cart.secret },
  };
  checkoutAttempt.set(attempt);
  return attempt;
}

export type CheckoutAnswer =
  | { readonly kind: 'placed'; readonly result: CheckoutResult }
  | { readonly kind: 'requires-action'; readonly result: CheckoutResult }
  | { readonly kind: 'problem'; readonly problem: Problem };

/**
 * Sends the attempt. 201 (placed) and 200 (a replay finding the payment settled) are both "placed"; 202 is
 * 3-D Secure. A network failure throws: the caller may retry with the same attempt.
 */
export async function sendCheckout(api: CommerceClient, attempt: CheckoutAttempt): Promise<CheckoutAnswer> {
  const header = { 'idempotency-key': attempt.key };
  const result =
    attempt.cart.kind === 'customer'
      ? await api.POST('/me/cart/checkout', { params: { header }, body: attempt.body })
      : await api.POST('/carts/{id}/checkout', {
          params: { path: { id: attempt.cart.id }, header },
          headers: { [CART_SECRET_HEADER]: attempt.cart.secret },
          body: attempt.body,
        });
  const { data, error, response } = result;
  if (data && response.ok) {
    return { kind: response.status === 202 ? 'requires-action' : 'placed', result: data };
  }
  return { kind: 'problem', problem: problemOf(error, response) };
}

/** Whether a retry of the same attempt may help: nothing was decided yet (the first still runs, or failed). */
export function retryable(problem: Problem): boolean {
  // 503 is decided: the gateway was down and the order was cancelled, so a new attempt needs a new key.
  if (problem.status === 503) return false;
  return (
    problemSlug(problem) === 'idempotency-request-in-progress' ||
    problem.status === 429 ||
    problem.status >= 500
  );
}

// Guests have no route to read their order again (docs/orders.md, known gaps): the confirmation page shows
// the checkout's answer, kept for this tab.
const placedOrders = storedValue(
  window.sessionStorage,
  'shop.placedOrders',
  z.record(z.string(), z.unknown()),
);

export function keepPlacedOrder(order: Order): void {
  placedOrders.set({ ...placedOrders.get(), [order.id]: order });
}

export function placedOrder(id: string): Order | undefined {
  // Written above from the API's own answer in this tab; read back as it was written.
  return placedOrders.get()?.[id] as Order | undefined;
}
