// One checkout per cart: the cart's item records the order id of the checkout that holds it, written with a
// condition (free, ours, or the stale lock as read), so of two checkouts with different keys exactly one
// places an order and the other is answered with it. Stale: the locked order was cancelled, or never placed
// and its checkout's lease passed. A cart a checkout closed answers with the order it placed.
import { ConflictError, NotFoundError, UnauthorizedError } from '@commerce/lambda-kit/errors';
import { cartLockState, type CartCheckoutView } from '../domain/cart.ts';
import type { CheckoutOutcome, CheckoutRecord } from '../domain/checkout.ts';
import type { OrdersRepository } from '../domain/ports.ts';

/** The cart as checkout opened it: its item's lock and closing order, and the cart (undefined once closed). */
export type OpenedCart = CartCheckoutView & { readonly cartId: string };

/** Reads of a lock that keeps changing under us before the caller is told to retry. */
const MAX_ATTEMPTS = 5;

export type CartLocked = Extract<CheckoutOutcome, { kind: 'cart-locked' }>;

export class CartLocks {
  readonly #repository: Pick<OrdersRepository, 'carts' | 'orders'>;
  readonly #now: () => Date;

  constructor(repository: Pick<OrdersRepository, 'carts' | 'orders'>, now: () => Date) {
    this.#repository = repository;
    this.#now = now;
  }

  /**
   * Locks the cart to the claim's order (until its lease while the order is not placed), or answers the
   * checkout that holds it or closed the cart. A lock taken by someone else in between is read again.
   */
  async lock(
    cart: OpenedCart,
    claim: CheckoutRecord,
    correlationId: string,
  ): Promise<CartLocked | undefined> {
    let view: CartCheckoutView | undefined = cart;
    for (let attempt = 1; ; attempt++) {
      if (view?.checkedOutBy) {
        return { kind: 'cart-locked', orderId: view.checkedOutBy, checkedOut: true, correlationId };
      }
      if (!view?.record) throw new NotFoundError('No such cart, or the cart secret does not match.');
      const { lock } = view;
      const holder =
        lock && lock.orderId !== claim.orderId
          ? await this.#repository.orders.getOrder(lock.orderId)
          : undefined;
      const state = cartLockState(lock, claim.orderId, holder, this.#now());
      if (state === 'held' && lock) {
        return { kind: 'cart-locked', orderId: lock.orderId, checkedOut: false, correlationId };
      }
      const taken = await this.#repository.carts.lockCart(
        cart.cartId,
        { orderId: claim.orderId, leaseUntil: claim.leaseUntil },
        state === 'stale' ? lock?.orderId : undefined,
      );
      if (taken) return undefined;
      if (attempt >= MAX_ATTEMPTS) {
        throw new ConflictError(
          'The cart’s checkout keeps changing; retry shortly.',
          'cart-checkout-in-progress',
        );
      }
      const again = await this.#repository.carts.getCartForCheckout(cart.cartId);
      if (again === 'closed') throw new UnauthorizedError('This account was closed.');
      view = again;
    }
  }

  /** Frees the cart if this order's checkout holds it (a refusal before the order, a cancelled order). */
  unlock(cartId: string, orderId: string): Promise<void> {
    return this.#repository.carts.unlockCart(cartId, orderId);
  }
}
